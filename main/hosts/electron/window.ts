// Creates the reader's one window: hardened contents, secure webPreferences, app:// entry page.
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './app-origin';
import type { ContextMenuContents, ContextMenuFacts } from './context-menu';
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

export interface WindowContentsLike extends HardenableContents, ContextMenuContents {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  // An interface that redeclares a method replaces its overloads, so the hardening's are repeated.
  on(event: 'will-navigate', listener: (details: NavigationDetails) => void): unknown;
  on(event: 'will-redirect', listener: (details: NavigationDetails) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'did-start-loading', listener: () => void): unknown;
  on(event: 'context-menu', listener: (event: unknown, params: ContextMenuFacts) => void): unknown;
  on(
    event: 'did-fail-load',
    listener: (event: unknown, errorCode: number, errorDescription: string, validatedURL: string, isMainFrame: boolean) => void,
  ): unknown;
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
  /** Whether the system theme is dark (nativeTheme.shouldUseDarkColors): picks the background. */
  dark?: boolean;
  log?: Logger;
}

/**
 * What the window shows before the page paints: renderer/ui/app.css's --bg for each scheme (a unit
 * test keeps them equal), so a dark desktop never sees a white window first.
 */
export const WINDOW_BACKGROUND = { light: '#f7f6f3', dark: '#16181c' } as const;

export function mainWindowOptions(options: Pick<MainWindowOptions, 'preloadPath' | 'title' | 'placement' | 'icon' | 'dark'>): BrowserWindowConstructorOptions {
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
    backgroundColor: options.dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light,
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
  // maximize() also shows a hidden window (docs/api/browser-window.md, win.maximize()), so it waits
  // for ready-to-show with show(): maximised before its first paint reaches the screen.
  win.once('ready-to-show', () => {
    if (options.placement?.maximized) win.maximize();
    win.show();
  });
  // A page that cannot load never paints, so ready-to-show never comes: show the window with the reason.
  win.webContents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    // -3 (ERR_ABORTED) is a navigation replaced by another, not a failure.
    if (!isMainFrame || errorCode === -3 || validatedURL.startsWith('data:')) return;
    log.error(`The reader window could not load ${validatedURL}: ${errorDescription} (${errorCode})`);
    win.loadURL(loadFailurePage(validatedURL, errorDescription)).catch(() => {});
    win.show();
  });
  win.loadURL(options.url ?? APP_ENTRY_URL).catch((error: unknown) => log.error('Could not load the reader window', error));
  return win;
}

/** A self-contained page (no script, no remote content) saying what failed and what to do. */
export function loadFailurePage(url: string, reason: string): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>Forum Reader could not start</title><style>body{font:16px system-ui,sans-serif;margin:3rem;max-width:40rem;color-scheme:light dark}</style><h1>Forum Reader could not show its window</h1><p>The page ${escape(url.slice(0, 200))} did not load: ${escape(reason.slice(0, 200))}.</p><p>Your library is not touched. Quit and start the reader again; if this keeps happening, reinstall it (a development copy: run <code>npm run build</code>).</p>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
