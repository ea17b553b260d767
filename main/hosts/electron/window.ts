// Creates the reader's one window: hardened contents, secure webPreferences, app:// entry page.
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './app-origin';
import { hardenWebContents, secureWebPreferences, type HardenableContents, type Logger, type ShellLike } from './security';

export interface WindowContentsLike extends HardenableContents {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** The parts of BrowserWindow the host uses. */
export interface WindowLike {
  readonly webContents: WindowContentsLike;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
}

export type WindowConstructor = new (options: BrowserWindowConstructorOptions) => WindowLike;

export interface MainWindowOptions {
  preloadPath: string;
  /** Defaults to app://reader/index.html. */
  url?: string;
  title?: string;
  log?: Logger;
}

export function mainWindowOptions(options: Pick<MainWindowOptions, 'preloadPath' | 'title'>): BrowserWindowConstructorOptions {
  return {
    title: options.title ?? 'Forum Reader',
    width: 1200,
    height: 820,
    minWidth: 640,
    minHeight: 480,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options.preloadPath),
  };
}

export function createMainWindow(
  electron: { BrowserWindow: WindowConstructor; shell: ShellLike },
  options: MainWindowOptions,
): WindowLike {
  const log = options.log ?? console;
  const win = new electron.BrowserWindow(mainWindowOptions(options));
  hardenWebContents(win.webContents, electron.shell, log);
  win.once('ready-to-show', () => win.show());
  win.loadURL(options.url ?? APP_ENTRY_URL).catch((error: unknown) => log.error('Could not load the reader window', error));
  return win;
}
