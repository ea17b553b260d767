import { spawnSync } from 'node:child_process';
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
    expect(lines).toEqual([starting(), MESSAGES.failed()]);
    expect(MESSAGES.failed()).toContain('npm run install:electron');
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
    expect(await run({}, async () => ({ ok: true }))).toEqual({ outcome: 'failed', lines: [starting(), MESSAGES.failed()] });
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

  // Stand-ins for node_modules/electron/install.js as it fails: its catch prints `err.stack` and
  // exits 1. @electron/get's FetchDownloader (src/FetchDownloader.ts) lets a failed `fetch`
  // through (undici's `TypeError: fetch failed`) and throws its own HTTPError for a status.
  const failingAs = (error: string) => `const http = require('node:http');
${error}
  .catch((err) => {
    console.error(err.stack);
    process.exit(1);
  });`;
  /** A real failed connection: a port that was just closed. */
  const NO_CONNECTION = failingAs(`new Promise((resolve) => {
  const server = http.createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
}).then((port) => fetch('http://127.0.0.1:' + port + '/electron-v45.5.0-linux-x64.zip'))`);
  const NOT_FOUND = failingAs(`class HTTPError extends Error {
  constructor() {
    super('Response code 404 (Not Found) for https://mirror.example/v45.5.0/electron-v45.5.0-linux-x64.zip');
    this.name = 'HTTPError';
  }
}
Promise.reject(new HTTPError())`);

  /** What a person running the postinstall sees, the stand-in installing. */
  function postinstallOutput(installJs: string) {
    installPackage();
    writeFileSync(path.join(electronDir(), 'install.js'), installJs);
    const module = path.resolve('main/install-electron-runtime.ts');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', `import { ensureElectronRuntime } from ${JSON.stringify(module)}; await ensureElectronRuntime({ root: ${JSON.stringify(root)} });`],
      { encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' } },
    );
    return { stdout: run.stdout, stderr: run.stderr };
  }

  it('a download that cannot connect ends in one line saying so and what npm start does, with no stack trace', () => {
    const { stdout, stderr } = postinstallOutput(NO_CONNECTION);
    expect(stdout.trim().split('\n')).toEqual([MESSAGES.starting('45.5.0'), MESSAGES.failed(MESSAGES.noConnection)]);
    expect(MESSAGES.failed(MESSAGES.noConnection)).toContain('npm start will run the reader in your browser instead');
    expect(stderr).toBe('');
  });

  it('any other failure is shown as the installer reported it, then the line', () => {
    const { stdout, stderr } = postinstallOutput(NOT_FOUND);
    expect(stderr).toMatch(/^HTTPError: Response code 404 \(Not Found\) for https:\/\/mirror\.example\/.*\n\s+at /);
    expect(stdout.trim().split('\n').at(-1)).toBe(MESSAGES.failed());
  });

  it('what the installer wrote besides a failed connection still shows', async () => {
    installPackage();
    const script = path.join(electronDir(), 'install.js');
    writeFileSync(script, `console.error('(node:1) Warning: something the installer said');\n${NO_CONNECTION}`);
    const shown: string[] = [];
    const result = await runInstallerScript(script, root, process.env, () => {}, (text) => shown.push(text));
    expect(result).toEqual({ ok: false, timedOut: false, noConnection: true });
    expect(shown.join('')).toBe('(node:1) Warning: something the installer said\n');
  });
});
