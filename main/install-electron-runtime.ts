// Run by `npm install` / `npm ci` (package.json "postinstall", through tsx). Electron 45 no longer
// downloads its binary at install time; it would do so lazily on the first `require('electron')`,
// in the middle of a build or a test. This fetches it up front, once, and never fails the install:
// a machine that cannot download it still gets a working reader in the browser.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { electronPackageDir, findElectronBinary } from './electron-binary';

export const INSTALL_TIMEOUT_MS = 120_000;

export const MESSAGES = {
  ready: 'Desktop runtime (Electron) is ready.',
  failed: 'Desktop runtime (Electron) could not be downloaded; npm start will run the reader in your browser instead.',
  skipped:
    'Desktop runtime (Electron) download skipped (ELECTRON_SKIP_BINARY_DOWNLOAD is set); npm start will run the reader in your browser instead.',
  notInstalled: 'Desktop runtime (Electron) is not installed (dev dependencies omitted); npm start will run the reader in your browser instead.',
} as const;

export type RuntimeOutcome = 'present' | 'installed' | 'failed' | 'skipped' | 'not-installed';

export interface RunResult {
  ok: boolean;
  /** Captured stdout+stderr, kept for the debug log only. */
  output: string;
}

export interface EnsureOptions {
  root: string;
  env?: NodeJS.ProcessEnv;
  /** Runs `node <installScript>`; injected by tests. */
  runInstaller?: (installScript: string, cwd: string, env: NodeJS.ProcessEnv) => RunResult;
  /** Receives the single line meant for the person running the install. */
  say?: (line: string) => void;
  /** Receives the installer's captured output when ELECTRON_RUNTIME_DEBUG is set. */
  debug?: (text: string) => void;
}

export function runInstallerScript(installScript: string, cwd: string, env: NodeJS.ProcessEnv): RunResult {
  const result = spawnSync(process.execPath, [installScript], {
    cwd,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: INSTALL_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    windowsHide: true,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? `\n${String(result.error)}` : ''}`;
  return { ok: result.status === 0 && !result.error, output };
}

const isSet = (value: string | undefined): boolean => !!value && value !== '0' && value.toLowerCase() !== 'false';

/** Makes sure the binary is there, trying the download at most once. Never throws. */
export function ensureElectronRuntime(options: EnsureOptions): RuntimeOutcome {
  const env = options.env ?? process.env;
  const say = options.say ?? ((line: string) => console.log(line));
  const runInstaller = options.runInstaller ?? runInstallerScript;

  if (findElectronBinary(options.root, env)) {
    say(MESSAGES.ready);
    return 'present';
  }
  const installScript = path.join(electronPackageDir(options.root), 'install.js');
  if (!existsSync(installScript)) {
    say(MESSAGES.notInstalled);
    return 'not-installed';
  }
  if (isSet(env.ELECTRON_SKIP_BINARY_DOWNLOAD)) {
    say(MESSAGES.skipped);
    return 'skipped';
  }
  let result: RunResult;
  try {
    result = runInstaller(installScript, options.root, env);
  } catch (error) {
    result = { ok: false, output: String(error) };
  }
  if (isSet(env.ELECTRON_RUNTIME_DEBUG)) (options.debug ?? ((text: string) => console.error(text)))(result.output);
  if (result.ok && findElectronBinary(options.root, env)) {
    say(MESSAGES.ready);
    return 'installed';
  }
  say(MESSAGES.failed);
  return 'failed';
}

const invokedDirectly = (() => {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(path.resolve(entry)).href;
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  try {
    ensureElectronRuntime({ root });
  } catch {
    console.log(MESSAGES.failed);
  }
  process.exitCode = 0;
}
