// The Electron host's start-up, written against the parts of the `electron` module it needs so
// that tests drive it with a stand-in. electron-main.ts passes the real module; nothing here
// imports `electron` at runtime.
import type { AboutPanelOptionsOptions, CustomScheme, MenuItemConstructorOptions } from 'electron';
import type { bootServices, Booted } from '../../boot';
import type { OpenThreadRequest } from '../../../shared/desktop';
import type { Logger } from '../../dispatch';
import { APP_SCHEME } from './app-origin';
import { aboutPanelOptions, appMenuTemplate } from './app-menu';
import { createAppProtocolHandler, type AppProtocolHandler } from './app-protocol';
import { attachContextMenu } from './context-menu';
import { createMainLog, mainLogFile } from './main-log';
import { createNetFetch, type NetLike } from './net-fetch';
import { bindIpc, createWindowEmitter, isAppSender, type IpcMainLike } from './ipc';
import { OpenRequestQueue } from './open-requests';
import { hardenSession, hardenWebContents, type HardenableContents, type SessionLike, type ShellLike } from './security';
import { createSystemNotifier, type NotificationConstructorLike } from './system-notifications';
import { findThreadLinkArgument, LINK_SCHEME, parseThreadLink } from './thread-link';
import { createMainWindow, type WindowConstructor, type WindowLike } from './window';
import { placeWindow, readWindowState, trackWindowState, writeWindowState, type Rectangle, type WindowState } from './window-state';

export const APP_NAME = 'Forum Reader';
/**
 * electron-builder.yml's appId (a unit test keeps them equal). The NSIS installer gives the Start
 * menu shortcut this AppUserModelID, and Windows shows a toast only for an ID that has a shortcut,
 * so the running app must use the same one (Electron docs: tutorial/notifications, Windows).
 */
export const APP_ID = 'org.forumreader.app';

/** `app` is standard (real origin, relative URLs), secure (like https) and may be fetched. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

export interface QuitEvent {
  preventDefault(): void;
}

export interface AppLike {
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  getPath(name: 'userData'): string;
  setPath(name: 'userData', path: string): void;
  getVersion(): string;
  readonly isPackaged: boolean;
  setAboutPanelOptions(options: AboutPanelOptionsOptions): void;
  setAsDefaultProtocolClient(protocol: string): boolean;
  setAppUserModelId(id: string): void;
  quit(): void;
  exit(code?: number): void;
  /** Windows and Linux: a second launch's command line (which carries a forum-reader:// link). */
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  /** macOS: a forum-reader:// link, whether or not the app was running. */
  on(event: 'open-url', listener: (event: QuitEvent, url: string) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
  on(event: 'will-quit', listener: (event: QuitEvent) => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: HardenableContents) => void): unknown;
}

export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
  handle(scheme: string, handler: AppProtocolHandler): void;
}

export interface MenuLike {
  buildFromTemplate(template: MenuItemConstructorOptions[]): { popup(options?: object): void };
  setApplicationMenu(menu: unknown): void;
}

export interface ElectronParts {
  app: AppLike;
  BrowserWindow: WindowConstructor & { getAllWindows(): unknown[] };
  ipcMain: IpcMainLike;
  protocol: ProtocolLike;
  session: { readonly defaultSession: SessionLike };
  shell: ShellLike;
  Menu: MenuLike;
  Notification: NotificationConstructorLike;
  screen: { getAllDisplays(): { workArea: Rectangle }[] };
  nativeTheme: { readonly shouldUseDarkColors: boolean };
  dialog: { showErrorBox(title: string, content: string): void };
  net: NetLike;
}

/** Where the window's size and position are kept; a JSON file in userData unless a test passes its own. */
export interface WindowStateStore {
  read(): WindowState | null;
  write(state: WindowState): void;
}

export interface StartOptions {
  /** Absolute path of the built renderer (out/renderer). */
  rendererDir: string;
  /** Absolute path of the bundled preload (out/main/preload.cjs). */
  preloadPath: string;
  boot: typeof bootServices;
  /** Overrides app.getPath('userData') (tests and portable runs); unset keeps Electron's default. */
  userDataDir?: string;
  platform?: NodeJS.Platform;
  /** Defaults to the console plus <userData>/logs/main.log (main-log.ts). */
  log?: Logger;
  /** How long shutdown waits for the services before quitting anyway. */
  closeTimeoutMs?: number;
  /** This launch's command line, which may carry a forum-reader:// link (default process.argv). */
  argv?: readonly string[];
  /**
   * Whether to make the reader the system's handler of forum-reader:// links. Defaults to packaged
   * builds only: a development run would register the bare Electron binary.
   */
  registerProtocolClient?: boolean;
  windowStateStore?: WindowStateStore;
  /** PNG for the window icon on Linux and Windows (macOS takes the app bundle's). */
  iconPath?: string;
}

export interface ElectronHost {
  /** Settles once services are up and the first window exists (or start-up failed). */
  ready: Promise<void>;
  window(): WindowLike | null;
}

/**
 * Wires the app: single-instance lock, app:// protocol, hardened session and contents, services
 * behind IPC, one window. Returns null when another instance already runs (this one quits).
 */
export function startElectronApp(electron: ElectronParts, options: StartOptions): ElectronHost | null {
  const { app, shell } = electron;
  const logFile = () => mainLogFile(app.getPath('userData'));
  const log = options.log ?? createMainLog(logFile);
  const platform = options.platform ?? process.platform;

  // Must happen synchronously, before `ready`.
  electron.protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  if (platform === 'win32') app.setAppUserModelId(APP_ID);

  // Before the lock: the single-instance lock lives in the userData folder.
  if (options.userDataDir) app.setPath('userData', options.userDataDir);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }

  let mainWindow: WindowLike | null = null;
  let booted: Booted | null = null;
  let isReady = false;
  let closed = false;

  const liveWindow = (): WindowLike | null => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);
  const emit = createWindowEmitter(() => liveWindow()?.webContents);
  const openRequests = new OpenRequestQueue(emit);
  const windowState = options.windowStateStore ?? fileWindowStateStore(() => app.getPath('userData'), log);

  const openWindow = (): WindowLike => {
    const placement = placeWindow(windowState.read(), electron.screen.getAllDisplays().map((display) => display.workArea));
    const win = createMainWindow(electron, {
      preloadPath: options.preloadPath,
      log,
      placement,
      icon: options.iconPath,
      dark: electron.nativeTheme.shouldUseDarkColors,
    });
    trackWindowState(win, (state) => windowState.write(state));
    attachContextMenu(win.webContents, electron.Menu);
    // A reloading page has dropped its subscriptions; requests wait until it asks again.
    win.webContents.on('did-start-loading', () => openRequests.pageLeft());
    win.on('closed', () => {
      openRequests.pageLeft();
      if (mainWindow === win) mainWindow = null;
    });
    mainWindow = win;
    return win;
  };

  /** Brings the window to the front, opening one if the app runs without (macOS). */
  const revealWindow = (): WindowLike | null => {
    const win = liveWindow() ?? (isReady && booted ? openWindow() : null);
    if (!win) return null;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    return win;
  };

  const openThread = (request: OpenThreadRequest) => {
    openRequests.push(request);
    revealWindow();
  };

  const openLink = (raw: string) => {
    const link = parseThreadLink(raw);
    if (link) openThread({ ...link, source: 'link' });
    else {
      log.warn(`Ignored a link that is not a ${LINK_SCHEME}:// thread link: ${raw.slice(0, 200)}`);
      revealWindow();
    }
  };

  // The link that started this launch (Windows, Linux) waits for the page.
  const launchLink = findThreadLinkArgument(options.argv ?? process.argv);
  if (launchLink) openLink(launchLink);

  // Every WebContents, including any created later, gets the same confinement.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell, log));

  // A second launch quits at once (it did not get the lock); this one shows itself instead, and
  // opens the link the second launch was given, if any.
  app.on('second-instance', (_event, argv) => {
    const link = findThreadLinkArgument(Array.isArray(argv) ? argv : []);
    if (link) openLink(link);
    else revealWindow();
  });

  // Registered before ready: macOS delivers the link that starts the app right after launching.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openLink(url);
  });

  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (isReady && booted && !liveWindow() && electron.BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  app.on('will-quit', (event) => {
    if (!booted || closed) return;
    event.preventDefault();
    const services = booted;
    booted = null;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, options.closeTimeoutMs ?? 3000).unref?.());
    Promise.race([services.close(), timeout])
      .catch((error: unknown) => log.error('Closing the services failed', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  const ready = (async () => {
    await app.whenReady();
    isReady = true;
    hardenSession(electron.session.defaultSession);
    electron.protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: options.rendererDir }));
    app.setAboutPanelOptions(aboutPanelOptions(APP_NAME, app.getVersion()));
    const menu = appMenuTemplate({
      platform,
      appName: APP_NAME,
      send: (command) => {
        if (revealWindow()) emit('menuCommand', { command });
      },
      developerItems: !app.isPackaged,
    });
    electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(menu));
    if ((options.registerProtocolClient ?? app.isPackaged) && !app.setAsDefaultProtocolClient(LINK_SCHEME)) {
      log.warn(`The system did not make the reader the handler of ${LINK_SCHEME}:// links.`);
    }
    booted = await options.boot({
      version: app.getVersion(),
      host: 'electron',
      dataDir: app.getPath('userData'),
      emit,
      showNotification: createSystemNotifier(
        electron.Notification,
        (threadId) => openThread({ threadId, postNumber: null, source: 'notification' }),
        log,
      ),
      takeOpenRequests: () => openRequests.take(),
      // Chromium's network stack: the system proxy, PAC and certificate store (net-fetch.ts).
      http: (() => {
        const netFetch = createNetFetch(electron.net);
        return { fetch: netFetch, fetchBytes: netFetch };
      })(),
      openExternal: (url) =>
        shell.openExternal(url).then(
          () => true,
          (error: unknown) => {
            log.warn('The system browser did not open a link', error);
            return false;
          },
        ),
      log,
    });
    // Handlers exist before the page can call them.
    bindIpc(electron.ipcMain, booted.services.handlers, isAppSender, log);
    openWindow();
  })().catch((error: unknown) => {
    log.error('The reader could not start', error);
    // A person who started the reader from a menu sees no console: say why, and where the log is.
    // showErrorBox is synchronous and safe before and after ready (docs/api/dialog.md).
    const reason = error instanceof Error ? error.message : String(error);
    electron.dialog.showErrorBox(
      'Forum Reader could not start',
      `${reason}\n\nYour library and accounts are not changed. The details are in ${logFile()}; start the reader again, and if this keeps happening, send that file with your report.`,
    );
    app.exit(1);
  });

  return { ready, window: liveWindow };
}

function fileWindowStateStore(dir: () => string, log: Logger): WindowStateStore {
  return {
    read: () => readWindowState(dir()),
    write: (state) => {
      try {
        writeWindowState(dir(), state);
      } catch (error) {
        log.warn('The window position could not be saved', error);
      }
    },
  };
}
