// Hardening for every web page Electron shows: the renderer is a sandboxed, isolated page that
// cannot navigate away from the app origin, open windows, attach <webview>s, or get permissions
// beyond the two its own features use.
// Structural parameter types keep this free of runtime `electron` imports, so tests pass stand-ins.
import type { WebPreferences } from 'electron';
import { isAppUrl, isWebUrl } from './app-origin';

export interface PreventableEvent {
  preventDefault(): void;
}
export interface NavigationDetails extends PreventableEvent {
  readonly url: string;
}
export interface WindowOpenDetails {
  readonly url: string;
}

/** The parts of WebContents the hardening touches. */
export interface HardenableContents {
  on(event: 'will-navigate', listener: (details: NavigationDetails) => void): unknown;
  on(event: 'will-redirect', listener: (details: NavigationDetails) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => { action: 'deny' }): void;
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

/** What Electron passes with a permission request (PermissionRequest / FilesystemPermissionRequest). */
export interface PermissionRequestDetails {
  /** The last URL the requesting frame loaded. */
  readonly requestingUrl?: string;
}

export interface SessionLike {
  setPermissionRequestHandler(
    handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void, details: PermissionRequestDetails) => void) | null,
  ): void;
  // webContents is null for checks from sub-frames and for fileSystem grants.
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string, requestingOrigin: string) => boolean) | null): void;
}

export interface Logger {
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** The only webPreferences the reader's window is created with. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: true,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

/** Hands a link to the system browser if (and only if) it is an http(s) URL. */
export function openWebLinkExternally(shell: ShellLike, url: string, log: Logger = console): boolean {
  if (!isWebUrl(url)) {
    log.warn(`Refused to open a link of this kind outside the reader: ${url.slice(0, 200)}`);
    return false;
  }
  shell.openExternal(new URL(url).href).catch((error: unknown) => log.error('Could not open a link in the browser', error));
  return true;
}

const hardened = new WeakSet<object>();

/**
 * Confines a WebContents to the app origin. Navigations and redirects elsewhere are cancelled,
 * window.open is always denied (http(s) links go to the system browser instead, anything else is
 * dropped), and <webview> never attaches.
 * Applying it twice to the same contents is a no-op.
 */
export function hardenWebContents(contents: HardenableContents, shell: ShellLike, log: Logger = console): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  const confine = (details: NavigationDetails) => {
    if (isAppUrl(details.url)) return;
    details.preventDefault();
    // Not forwarded to the browser: a page could navigate without a click. Links reach the
    // browser only through window.open (below) or the `openExternal` call, both checked.
    log.warn(`Blocked navigation to ${String(details.url).slice(0, 200)}`);
  };
  contents.on('will-navigate', confine);
  contents.on('will-redirect', confine);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openWebLinkExternally(shell, url, log);
    return { action: 'deny' };
  });
}

/**
 * The permissions the reader's own features use, and only those: Outbox "Copy text"
 * (navigator.clipboard.writeText asks for `clipboard-sanitized-write`) and Export library
 * (showSaveFilePicker's write grant, `fileSystem`). Camera, notifications, geolocation, … are denied.
 */
export const READER_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'fileSystem']);

/** True only for a permission in READER_PERMISSIONS asked by a page of the app origin. */
export function isReaderPermission(permission: string, url: string | undefined): boolean {
  return READER_PERMISSIONS.has(permission) && isAppUrl(url);
}

/**
 * Electron consults two handlers (docs/api/session.md): the request handler when a page asks,
 * and the check handler when Chromium asks whether it already may. Both must agree: a file handle's
 * write grant is checked through the check handler with a null webContents and the origin's URL
 * (shell/browser/file_system_access/file_system_access_permission_context.cc, GetStatus), so a
 * check handler that says no makes Chromium ask for the save location again and fail.
 */
export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(isReaderPermission(permission, details?.requestingUrl)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isReaderPermission(permission, requestingOrigin));
}
