// Creates the reader's one window: hardened contents, secure webPreferences, app:// entry page.
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './app-origin';
import {
  hardenWebContents,
  secureWebPreferences,
  type HardenableContents,
  type Logger,
  type NavigationDetails,
  type PreventableEvent,
  type ShellLike,
} from './security';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, type TrackedWindow, type WindowPlacement } from './window-state';

export interface WindowContentsLike extends HardenableContents {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  // An interface that redeclares a method replaces its overloads, so the hardening's are repeated.
  on(event: 'will-navigate', listener: (details: NavigationDetails) => void): unknown;
  on(event: 'will-redirect', listener: (details: NavigationDetails) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'did-start-loading', listener: () => void): unknown;
}

/** The parts of BrowserWindow the host uses. */
export interface WindowLike extends TrackedWindow {
  readonly webContents: WindowContentsLike;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  on(event: 'resize', listener: () => void): unknown;
  on(event: 'move', listener: () => void): unknown;
  on(event: 'maximize', listener: () => void): unknown;
  on(event: 'unmaximize', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  maximize(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
}

export type WindowConstructor = new (options: BrowserWindowConstructorOptions) => WindowLike;

export interface MainWindowOptions {
  preloadPath: string;
  /** Defaults to app://reader/index.html. */
  url?: string;
  title?: string;
  /** Size and position to open at (window-state.ts); the default size, placed by the system, when absent. */
  placement?: WindowPlacement;
  /** The window's icon where the platform takes it from the window (Linux, Windows). */
  icon?: string;
  log?: Logger;
}

export function mainWindowOptions(options: Pick<MainWindowOptions, 'preloadPath' | 'title' | 'placement' | 'icon'>): BrowserWindowConstructorOptions {
  const { x, y, width, height }: Omit<WindowPlacement, 'maximized'> = options.placement ?? DEFAULT_WINDOW_SIZE;
  return {
    title: options.title ?? 'Forum Reader',
    ...(x !== undefined && y !== undefined ? { x, y } : {}),
    width,
    height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    ...(options.icon ? { icon: options.icon } : {}),
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
  // Maximised before it is first shown, so it does not flash at its normal size.
  if (options.placement?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.loadURL(options.url ?? APP_ENTRY_URL).catch((error: unknown) => log.error('Could not load the reader window', error));
  return win;
}
