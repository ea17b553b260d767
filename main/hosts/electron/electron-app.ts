// The Electron host's start-up, written against the parts of the `electron` module it needs so
// that tests drive it with a stand-in. electron-main.ts passes the real module; nothing here
// imports `electron` at runtime.
import type { CustomScheme } from 'electron';
import type { bootServices, Booted } from '../../boot';
import type { Logger } from '../../dispatch';
import { APP_SCHEME } from './app-origin';
import { createAppProtocolHandler, type AppProtocolHandler } from './app-protocol';
import { bindIpc, createWindowEmitter, isAppSender, type IpcMainLike } from './ipc';
import { hardenSession, hardenWebContents, type HardenableContents, type SessionLike, type ShellLike } from './security';
import { createMainWindow, type WindowConstructor, type WindowLike } from './window';

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
  quit(): void;
  exit(code?: number): void;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
  on(event: 'will-quit', listener: (event: QuitEvent) => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: HardenableContents) => void): unknown;
}

export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
  handle(scheme: string, handler: AppProtocolHandler): void;
}

export interface ElectronParts {
  app: AppLike;
  BrowserWindow: WindowConstructor & { getAllWindows(): unknown[] };
  ipcMain: IpcMainLike;
  protocol: ProtocolLike;
  session: { readonly defaultSession: SessionLike };
  shell: ShellLike;
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
  log?: Logger;
  /** How long shutdown waits for the services before quitting anyway. */
  closeTimeoutMs?: number;
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
  const log = options.log ?? console;
  const platform = options.platform ?? process.platform;

  // Must happen synchronously, before `ready`.
  electron.protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

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

  const openWindow = (): WindowLike => {
    const win = createMainWindow(electron, { preloadPath: options.preloadPath, log });
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    mainWindow = win;
    return win;
  };

  // Every WebContents, including any created later, gets the same confinement.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell, log));

  app.on('second-instance', () => {
    const win = liveWindow();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
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
    booted = await options.boot({
      version: app.getVersion(),
      host: 'electron',
      dataDir: app.getPath('userData'),
      emit: createWindowEmitter(() => liveWindow()?.webContents),
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
    app.exit(1);
  });

  return { ready, window: liveWindow };
}
