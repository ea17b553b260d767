// Command-line options: `--web` and `--port N` (the web host only), `--data-dir DIR` (both hosts).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Fixed, so a browser keeps the reader's IndexedDB (stored per origin) between launches. */
export const DEFAULT_PORT = 4317;

export interface LaunchOptions {
  port: number;
  /** Whether --port was given: the desktop host serves no port, so `npm start` says it ignores it. */
  portGiven: boolean;
  dataDir: string;
  web: boolean;
}

export function parseLaunchOptions(argv: string[]): LaunchOptions {
  const options: LaunchOptions = { port: DEFAULT_PORT, portGiven: false, dataDir: defaultDataDir(), web: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value.`);
      return next;
    };
    if (arg === '--web') options.web = true;
    else if (arg === '--port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port wants a number from 0 to 65535.`);
      options.port = port;
      options.portGiven = true;
    } else if (arg === '--data-dir') options.dataDir = resolve(value());
    else throw new Error(`Unknown option ${arg}. Options: --web, --port N, --data-dir DIR.`);
  }
  return options;
}

/**
 * The desktop host's `--data-dir`: the folder Electron keeps everything in (userData: IndexedDB,
 * accounts, window state, the sample forum's replies). Its command line also carries Chromium's
 * and Playwright's switches and maybe a forum-reader:// link, so only this option is read and
 * nothing else is refused. Null when absent (Electron's own userData folder is kept).
 */
export function desktopDataDir(argv: readonly string[]): string | null {
  const at = argv.lastIndexOf('--data-dir');
  const value = at >= 0 ? argv[at + 1] : undefined;
  return value ? resolve(value) : null;
}

function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME ?? (process.platform === 'win32' ? (process.env.APPDATA ?? homedir()) : join(homedir(), '.local', 'share'));
  return join(base, 'forum-reader');
}
