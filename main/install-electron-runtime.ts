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
  failed: (why = '') =>
    `Desktop runtime (Electron) could not be downloaded${why}; npm start will run the reader in your browser instead. To get the desktop program, ${RETRY}.`,
  noConnection: ' (no connection to its download server)',
  timedOut: `Desktop runtime (Electron) download stopped after ${INSTALL_TIMEOUT_MS / 60_000} minutes; npm start will run the reader in your browser instead. To get the desktop program, ${RETRY}.`,
  skipped:
    'Desktop runtime (Electron) download skipped (ELECTRON_SKIP_BINARY_DOWNLOAD is set); npm start will run the reader in your browser instead.',
  notInstalled: 'Desktop runtime (Electron) is not installed (dev dependencies omitted); npm start will run the reader in your browser instead.',
} as const;

export type RuntimeOutcome = 'present' | 'installed' | 'failed' | 'timed-out' | 'skipped' | 'not-installed';

export interface RunResult {
  ok: boolean;
  timedOut?: boolean;
  /** The download never reached its server; the installer's own report of it was not shown. */
  noConnection?: boolean;
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
 * The stack Electron's install.js prints (`console.error(err.stack)` in its catch) when
 * @electron/get's FetchDownloader (src/FetchDownloader.ts) could not connect at all: its
 * `await fetch(url)` rejects with undici's `TypeError: fetch failed` (DNS, refused, reset, proxy,
 * TLS), which it lets through. The person gets one line instead; any other failure (an HTTP
 * status, a checksum, the unzip) is shown as the installer wrote it.
 */
const NO_CONNECTION_STACK = /^TypeError: fetch failed\r?\n(?:[ \t]+at [^\n]*(?:\n|$))*/m;
/** Installer errors kept to sift; past this they stream through as they come. */
const ERROR_OUTPUT_KEPT = 64 * 1024;

/**
 * Runs Electron's own install.js. Its error output is held until it ends, so that a failure to
 * connect becomes the one line ensureElectronRuntime prints, not a stack trace; everything else
 * it wrote is passed through then. Held, it is not a terminal, so @electron/get draws no progress
 * bar (FetchDownloader.js draws one after 30 s only on a TTY): a line every HEARTBEAT_MS says the
 * download is still going.
 */
export function runInstallerScript(
  installScript: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  say: (line: string) => void = console.log,
  passThrough: (text: string) => void = (text) => process.stderr.write(text),
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installScript], { cwd, env, stdio: ['ignore', 'inherit', 'pipe'], windowsHide: true });
    const started = Date.now();
    const heartbeat = setInterval(() => say(MESSAGES.stillDownloading(Math.round((Date.now() - started) / 1000))), HEARTBEAT_MS);
    let held: string | null = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      if (held === null) return passThrough(text);
      held += text;
      if (held.length > ERROR_OUTPUT_KEPT) {
        passThrough(held);
        held = null;
      }
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, INSTALL_TIMEOUT_MS);
    let finished = false;
    const finish = (ok: boolean) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearInterval(heartbeat);
      const failedToConnect = !ok && held !== null && NO_CONNECTION_STACK.test(held);
      const rest = failedToConnect ? held!.replace(NO_CONNECTION_STACK, '') : held;
      if (rest && rest.trim() !== '') passThrough(rest);
      resolve({ ok: ok && !timedOut, timedOut, ...(failedToConnect && !timedOut && { noConnection: true }) });
    };
    child.on('error', () => finish(false));
    // 'close', not 'exit': the error output is read to its end.
    child.on('close', (code) => finish(code === 0));
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
  say(MESSAGES.failed(result.noConnection ? MESSAGES.noConnection : ''));
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
    console.log(MESSAGES.failed());
  }
  process.exitCode = 0;
}
