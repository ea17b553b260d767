// Command-line options shared by both hosts: `--port N`, `--data-dir DIR`, `--web`.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Fixed, so a browser keeps the reader's IndexedDB (stored per origin) between launches. */
export const DEFAULT_PORT = 4317;

export interface LaunchOptions {
  port: number;
  dataDir: string;
  web: boolean;
}

export function parseLaunchOptions(argv: string[]): LaunchOptions {
  const options: LaunchOptions = { port: DEFAULT_PORT, dataDir: defaultDataDir(), web: false };
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
    } else if (arg === '--data-dir') options.dataDir = resolve(value());
    else throw new Error(`Unknown option ${arg}. Options: --web, --port N, --data-dir DIR.`);
  }
  return options;
}

function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME ?? (process.platform === 'win32' ? (process.env.APPDATA ?? homedir()) : join(homedir(), '.local', 'share'));
  return join(base, 'forum-reader');
}
