import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findElectronBinary } from '../../../../main/electron-binary';
import { ensureElectronRuntime, MESSAGES, type RunResult } from '../../../../main/install-electron-runtime';

let root: string;
const electronDir = () => path.join(root, 'node_modules', 'electron');

function installPackage() {
  mkdirSync(electronDir(), { recursive: true });
  writeFileSync(path.join(electronDir(), 'install.js'), '');
}
function installBinary(executable = 'electron') {
  writeFileSync(path.join(electronDir(), 'path.txt'), executable);
  mkdirSync(path.join(electronDir(), 'dist'), { recursive: true });
  writeFileSync(path.join(electronDir(), 'dist', executable), '');
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'electron-runtime-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('findElectronBinary', () => {
  it('is null when the package, path.txt or the binary is missing', () => {
    expect(findElectronBinary(root, {})).toBeNull();
    installPackage();
    expect(findElectronBinary(root, {})).toBeNull();
    writeFileSync(path.join(electronDir(), 'path.txt'), 'electron');
    expect(findElectronBinary(root, {})).toBeNull(); // path.txt without dist/
  });

  it('finds dist/<path.txt>', () => {
    installPackage();
    installBinary();
    expect(findElectronBinary(root, {})).toBe(path.join(electronDir(), 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    installPackage();
    const custom = path.join(root, 'custom-dist');
    mkdirSync(custom);
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: custom })).toBeNull();
    writeFileSync(path.join(custom, 'electron'), '');
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: custom })).toBe(path.join(custom, 'electron'));
  });

  it('finds this project’s binary without triggering a download (no throw, string or null)', () => {
    const result = findElectronBinary(process.cwd());
    expect(result === null || typeof result === 'string').toBe(true);
  });
});

describe('ensureElectronRuntime', () => {
  const run = (env: NodeJS.ProcessEnv, runInstaller: (script: string) => RunResult) => {
    const lines: string[] = [];
    const outcome = ensureElectronRuntime({ root, env, runInstaller, say: (line) => lines.push(line), debug: () => {} });
    return { outcome, lines };
  };

  it('does nothing but say so when the binary is there', () => {
    installPackage();
    installBinary();
    const installer = vi.fn((): RunResult => ({ ok: true, output: '' }));
    expect(run({}, installer)).toEqual({ outcome: 'present', lines: [MESSAGES.ready] });
    expect(installer).not.toHaveBeenCalled();
  });

  it('downloads once when missing and reports ready', () => {
    installPackage();
    const installer = vi.fn((script: string): RunResult => {
      expect(script).toBe(path.join(electronDir(), 'install.js'));
      installBinary();
      return { ok: true, output: 'Downloading…' };
    });
    expect(run({}, installer)).toEqual({ outcome: 'installed', lines: [MESSAGES.ready] });
    expect(installer).toHaveBeenCalledTimes(1);
  });

  it('prints exactly one clear line when the download fails', () => {
    installPackage();
    const installer = vi.fn((): RunResult => ({ ok: false, output: 'HTTPError: 403\n    at stack…' }));
    const { outcome, lines } = run({}, installer);
    expect(outcome).toBe('failed');
    expect(lines).toEqual(['Desktop runtime (Electron) could not be downloaded; npm start will run the reader in your browser instead.']);
    expect(installer).toHaveBeenCalledTimes(1);
  });

  it('treats a throwing installer or a "successful" one that left no binary as a failure', () => {
    installPackage();
    expect(run({}, () => { throw new Error('spawn failed'); }).outcome).toBe('failed');
    expect(run({}, () => ({ ok: true, output: '' }))).toEqual({ outcome: 'failed', lines: [MESSAGES.failed] });
  });

  it('skips the attempt when ELECTRON_SKIP_BINARY_DOWNLOAD=1', () => {
    installPackage();
    const installer = vi.fn((): RunResult => ({ ok: true, output: '' }));
    expect(run({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, installer)).toEqual({ outcome: 'skipped', lines: [MESSAGES.skipped] });
    expect(installer).not.toHaveBeenCalled();
  });

  it('does not try when the electron package itself is absent (dev dependencies omitted)', () => {
    const installer = vi.fn((): RunResult => ({ ok: true, output: '' }));
    expect(run({}, installer).outcome).toBe('not-installed');
    expect(installer).not.toHaveBeenCalled();
  });
});
