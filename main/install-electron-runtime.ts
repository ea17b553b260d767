// Run by `npm install` / `npm ci` (package.json "postinstall", through tsx; npm 11 shows the
// project's own postinstall output) and by `npm run install:electron` to try again. Electron 45 no
// longer downloads its binary at install time; it would do so lazily on the first
// `require('electron')`, in the middle of a build or a test. This fetches it up front and never
// fails the install: a machine that cannot download it still gets a working reader in the browser.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { electronPackageDir, findElectronBinary } from './electron-binary';

/**
 * The Electron zip is about 100 MB: 30 minutes lets it through at under 0.5 Mbit/s. A slower or
 * stuck download is stopped then, with the line saying how to try again.
 */
export const INSTALL_TIMEOUT_MS = 30 * 60_000;
/** Where there is no terminal for @electron/get's progress bar (CI logs), a line this often. */
export const HEARTBEAT_MS = 30_000;

const RETRY = 'try again with `npm run install:electron` (set ELECTRON_MIRROR or ELECTRON_GET_USE_PROXY=1 with HTTPS_PROXY where GitHub is blocked or proxied)';

export const MESSAGES = {
  ready: 'Desktop runtime (Electron) is ready.',
  starting: (version: string) =>
    `Downloading the desktop runtime (Electron ${version}, about 100 MB, from GitHub); on a slow connection this takes minutes — Ctrl-C stops it, and the reader still runs in your browser.`,
  stillDownloading: (seconds: number) => `Still downloading the desktop runtime (${seconds} s)…`,
  failed: `Desktop runtime (Electron) could not be downloaded; npm start will run the reader in your browser instead. To get the desktop program, ${RETRY}.`,
  timedOut: `Desktop runtime (Electron) download stopped after ${INSTALL_TIMEOUT_MS / 60_000} minutes; npm start will run the reader in your browser instead. To get the desktop program, ${RETRY}.`,
  skipped:
    'Desktop runtime (Electron) download skipped (ELECTRON_SKIP_BINARY_DOWNLOAD is set); npm start will run the reader in your browser instead.',
  notInstalled: 'Desktop runtime (Electron) is not installed (dev dependencies omitted); npm start will run the reader in your browser instead.',
} as const;

export type RuntimeOutcome = 'present' | 'installed' | 'failed' | 'timed-out' | 'skipped' | 'not-installed';

export interface RunResult {
  ok: boolean;
  timedOut?: boolean;
}

export interface EnsureOptions {
  root: string;
  env?: NodeJS.ProcessEnv;
  /** Runs `node <installScript>` with its output shown; injected by tests. */
  runInstaller?: (installScript: string, cwd: string, env: NodeJS.ProcessEnv) => Promise<RunResult>;
  /** Receives each line meant for the person running the install. */
  say?: (line: string) => void;
}

/**
 * Runs Electron's own install.js with its output passed through: on a terminal @electron/get draws
 * a progress bar once a download has taken 30 s (FetchDownloader.js, PROGRESS_BAR_DELAY_IN_SECONDS);
 * elsewhere a line every HEARTBEAT_MS says it is still going.
 */
export function runInstallerScript(installScript: string, cwd: string, env: NodeJS.ProcessEnv, say: (line: string) => void = console.log): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installScript], { cwd, env, stdio: ['ignore', 'inherit', 'inherit'], windowsHide: true });
    const started = Date.now();
    const heartbeat = process.stderr.isTTY ? null : setInterval(() => say(MESSAGES.stillDownloading(Math.round((Date.now() - started) / 1000))), HEARTBEAT_MS);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, INSTALL_TIMEOUT_MS);
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      if (heartbeat) clearInterval(heartbeat);
      resolve({ ok: ok && !timedOut, timedOut });
    };
    child.on('error', () => finish(false));
    child.on('exit', (code) => finish(code === 0));
  });
}

const isSet = (value: string | undefined): boolean => !!value && value !== '0' && value.toLowerCase() !== 'false';

const electronVersion = (root: string): string => {
  try {
    return (JSON.parse(readFileSync(path.join(electronPackageDir(root), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown version';
  }
};

/** Makes sure the binary is there, trying the download at most once. Never throws. */
export async function ensureElectronRuntime(options: EnsureOptions): Promise<RuntimeOutcome> {
  const env = options.env ?? process.env;
  const say = options.say ?? ((line: string) => console.log(line));
  const runInstaller = options.runInstaller ?? ((script, cwd, scriptEnv) => runInstallerScript(script, cwd, scriptEnv, say));

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
  say(MESSAGES.starting(electronVersion(options.root)));
  let result: RunResult;
  try {
    result = await runInstaller(installScript, options.root, env);
  } catch {
    result = { ok: false };
  }
  if (result.ok && findElectronBinary(options.root, env)) {
    say(MESSAGES.ready);
    return 'installed';
  }
  if (result.timedOut) {
    say(MESSAGES.timedOut);
    return 'timed-out';
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
    await ensureElectronRuntime({ root });
  } catch {
    console.log(MESSAGES.failed);
  }
  process.exitCode = 0;
}
