import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findElectronBinary } from '../../../../main/electron-binary';
import { ensureElectronRuntime, INSTALL_TIMEOUT_MS, MESSAGES, runInstallerScript, type RunResult } from '../../../../main/install-electron-runtime';

let root: string;
const electronDir = () => path.join(root, 'node_modules', 'electron');

function installPackage() {
  mkdirSync(electronDir(), { recursive: true });
  writeFileSync(path.join(electronDir(), 'install.js'), '');
  writeFileSync(path.join(electronDir(), 'package.json'), JSON.stringify({ version: '45.5.0' }));
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
  const run = async (env: NodeJS.ProcessEnv, runInstaller: (script: string) => Promise<RunResult>) => {
    const lines: string[] = [];
    const outcome = await ensureElectronRuntime({ root, env, runInstaller, say: (line) => lines.push(line) });
    return { outcome, lines };
  };
  const starting = () => MESSAGES.starting('45.5.0');

  it('does nothing but say so when the binary is there', async () => {
    installPackage();
    installBinary();
    const installer = vi.fn(async (): Promise<RunResult> => ({ ok: true }));
    expect(await run({}, installer)).toEqual({ outcome: 'present', lines: [MESSAGES.ready] });
    expect(installer).not.toHaveBeenCalled();
  });

  it('says what it downloads and how big before it starts, then reports ready', async () => {
    installPackage();
    const installer = vi.fn(async (script: string): Promise<RunResult> => {
      expect(script).toBe(path.join(electronDir(), 'install.js'));
      installBinary();
      return { ok: true };
    });
    expect(await run({}, installer)).toEqual({ outcome: 'installed', lines: [starting(), MESSAGES.ready] });
    expect(starting()).toContain('about 100 MB');
    expect(installer).toHaveBeenCalledTimes(1);
  });

  it('when the download fails, says so in one line with how to try again', async () => {
    installPackage();
    const installer = vi.fn(async (): Promise<RunResult> => ({ ok: false }));
    const { outcome, lines } = await run({}, installer);
    expect(outcome).toBe('failed');
    expect(lines).toEqual([starting(), MESSAGES.failed]);
    expect(MESSAGES.failed).toContain('npm run install:electron');
    expect(installer).toHaveBeenCalledTimes(1);
  });

  it('allows a slow 100 MB download its time, and says how to retry one that ran out of it', async () => {
    // 100 MB at 1 Mbit/s takes 800 s; the old limit killed it at 120 s.
    expect(INSTALL_TIMEOUT_MS).toBeGreaterThanOrEqual((100 * 8 * 1000) / 1);
    installPackage();
    const { outcome, lines } = await run({}, async () => ({ ok: false, timedOut: true }));
    expect(outcome).toBe('timed-out');
    expect(lines.at(-1)).toBe(MESSAGES.timedOut);
    expect(MESSAGES.timedOut).toContain('npm run install:electron');
  });

  it('treats a throwing installer or a "successful" one that left no binary as a failure', async () => {
    installPackage();
    expect((await run({}, async () => { throw new Error('spawn failed'); })).outcome).toBe('failed');
    expect(await run({}, async () => ({ ok: true }))).toEqual({ outcome: 'failed', lines: [starting(), MESSAGES.failed] });
  });

  it('skips the attempt when ELECTRON_SKIP_BINARY_DOWNLOAD=1', async () => {
    installPackage();
    const installer = vi.fn(async (): Promise<RunResult> => ({ ok: true }));
    expect(await run({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, installer)).toEqual({ outcome: 'skipped', lines: [MESSAGES.skipped] });
    expect(installer).not.toHaveBeenCalled();
  });

  it('does not try when the electron package itself is absent (dev dependencies omitted)', async () => {
    const installer = vi.fn(async (): Promise<RunResult> => ({ ok: true }));
    expect((await run({}, installer)).outcome).toBe('not-installed');
    expect(installer).not.toHaveBeenCalled();
  });
});

describe('runInstallerScript', () => {
  it('passes the installer’s output through and reports its exit', async () => {
    installPackage();
    const script = path.join(electronDir(), 'install.js');
    writeFileSync(script, 'process.exit(3)');
    await expect(runInstallerScript(script, root, process.env, () => {})).resolves.toEqual({ ok: false, timedOut: false });
    writeFileSync(script, '');
    await expect(runInstallerScript(script, root, process.env, () => {})).resolves.toEqual({ ok: true, timedOut: false });
  });
});
