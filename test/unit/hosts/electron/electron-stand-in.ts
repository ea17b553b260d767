// A hand-written stand-in for the parts of the `electron` module the host uses. The host modules
// take electron (or parts of it) as parameters, so tests pass these instead of the real module,
// whose `require` would try to download the Electron binary.
import { createCipheriv, createDecipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { AboutPanelOptionsOptions, BrowserWindowConstructorOptions, CustomScheme, MenuItemConstructorOptions } from 'electron';
import type { AppProtocolHandler } from '../../../../main/hosts/electron/app-protocol';
import type { ContextMenuFacts } from '../../../../main/hosts/electron/context-menu';
import type { ElectronParts } from '../../../../main/hosts/electron/electron-app';
import type { InvokeEventLike } from '../../../../main/hosts/electron/ipc';

type Listener = (...args: any[]) => unknown;

export class FakeEmitter {
  private readonly listenersByEvent = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listenersByEvent.set(event, [...this.listeners(event), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.removeListener(event, wrapped);
      return listener(...args);
    };
    return this.on(event, wrapped);
  }

  removeListener(event: string, listener: Listener): this {
    this.listenersByEvent.set(
      event,
      this.listeners(event).filter((l) => l !== listener),
    );
    return this;
  }

  listeners(event: string): Listener[] {
    return this.listenersByEvent.get(event) ?? [];
  }

  emit(event: string, ...args: unknown[]): boolean {
    const listeners = this.listeners(event);
    for (const listener of listeners) listener(...args);
    return listeners.length > 0;
  }
}

/** An event whose default can be prevented, as Electron passes to will-navigate & co. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export type WindowOpenResult = { action: 'allow' | 'deny' };

export class FakeWebContents extends FakeEmitter {
  windowOpenHandler: ((details: { url: string }) => WindowOpenResult) | null = null;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  destroyed = false;
  /** Called for every send(); the IPC test transport relays it to the fake ipcRenderer. */
  onSend: ((channel: string, args: unknown[]) => void) | null = null;

  readonly replacedMisspellings: string[] = [];
  readonly session = {
    dictionary: [] as string[],
    addWordToSpellCheckerDictionary(word: string): boolean {
      this.dictionary.push(word);
      return true;
    },
  };

  replaceMisspelling(word: string): void {
    this.replacedMisspellings.push(word);
  }

  /** Simulates a right-click, with the params Electron passes to 'context-menu'. */
  rightClick(params: Partial<ContextMenuFacts> = {}): void {
    this.emit('context-menu', new FakeEvent(), {
      isEditable: false,
      misspelledWord: '',
      dictionarySuggestions: [],
      selectionText: '',
      editFlags: { canCut: false, canCopy: false, canPaste: false, canSelectAll: false },
      ...params,
    });
  }

  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenResult): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const cloned = structuredClone(args);
    this.sent.push({ channel, args: cloned });
    this.onSend?.(channel, cloned);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Simulates the page starting a navigation; returns whether it was prevented. */
  navigate(url: string, kind: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const event = new FakeEvent(url);
    this.emit(kind, event, url);
    return event.defaultPrevented;
  }

  /** Simulates window.open / target=_blank. */
  openWindow(url: string): WindowOpenResult {
    if (!this.windowOpenHandler) return { action: 'allow' };
    return this.windowOpenHandler({ url });
  }

  /** Simulates a <webview> trying to attach; returns whether it was prevented. */
  attachWebview(src = 'https://example.com/'): boolean {
    const event = new FakeEvent();
    this.emit('will-attach-webview', event, {}, { src });
    return event.defaultPrevented;
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }
  static reset(): void {
    FakeBrowserWindow.instances = [];
    FakeBrowserWindow.loadFailure = null;
  }
  /** Makes the next loadURL fail as Electron does: 'did-fail-load' on the contents, then a rejection. */
  static loadFailure: { code: number; description: string } | null = null;

  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  visible = false;
  focused = false;
  minimized = false;
  maximized = false;
  fullScreen = false;
  destroyed = false;
  /** The unmaximised bounds, as getNormalBounds reports them. */
  bounds: { x: number; y: number; width: number; height: number };

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width ?? 800, height: options.height ?? 600 };
    FakeBrowserWindow.instances.push(this);
  }

  /** Simulates the person moving or resizing the window. */
  setBounds(bounds: Partial<{ x: number; y: number; width: number; height: number }>): void {
    const moved = bounds.x !== undefined || bounds.y !== undefined;
    this.bounds = { ...this.bounds, ...bounds };
    this.emit(moved ? 'move' : 'resize');
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
  /** Like Electron's: "This will also show (but not focus) the window if it isn't being displayed already." */
  maximize(): void {
    this.maximized = true;
    this.visible = true;
    this.emit('maximize');
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isFullScreen(): boolean {
    return this.fullScreen;
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    const failure = FakeBrowserWindow.loadFailure;
    if (!failure) return;
    FakeBrowserWindow.loadFailure = null;
    this.webContents.emit('did-fail-load', {}, failure.code, failure.description, url, true);
    throw new Error(`${failure.description} (${failure.code}) loading '${url}'`);
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.emit('close', new FakeEvent());
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

/** What Menu.buildFromTemplate returns: the template, and how often it was popped up. */
export class FakeBuiltMenu {
  popups = 0;
  constructor(readonly template: MenuItemConstructorOptions[]) {}
  popup(): void {
    this.popups += 1;
    FakeMenu.poppedUp.push(this);
  }
}

/** Menu.buildFromTemplate / setApplicationMenu: keeps the template so tests can read and click it. */
export class FakeMenu {
  static applicationMenu: FakeBuiltMenu | null = null;
  static poppedUp: FakeBuiltMenu[] = [];
  static buildFromTemplate(template: MenuItemConstructorOptions[]): FakeBuiltMenu {
    return new FakeBuiltMenu(template);
  }
  static setApplicationMenu(menu: FakeBuiltMenu | null): void {
    FakeMenu.applicationMenu = menu;
  }
  /** Finds an item by id anywhere in the application menu. */
  static item(id: string): MenuItemConstructorOptions | undefined {
    const search = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions | undefined => {
      for (const item of items) {
        if (item.id === id) return item;
        const found = Array.isArray(item.submenu) ? search(item.submenu as MenuItemConstructorOptions[]) : undefined;
        if (found) return found;
      }
      return undefined;
    };
    return search(FakeMenu.applicationMenu?.template ?? []);
  }
}

/**
 * Like Electron's Notification, show() does not show anything by itself: the system answers later
 * with 'show' or 'failed' (electron_api_notification.cc: NotificationDisplayed / NotificationFailed),
 * or never (Linux with no notification daemon: no presenter, Notification::Show does nothing).
 */
export class FakeNotification extends FakeEmitter {
  static supported = true;
  /** What the system does with the next show(): show it, fail (with this error), or say nothing. */
  static outcome: 'show' | { failed: string } | 'silent' = 'show';
  static shown: FakeNotification[] = [];
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show(): void {
    const outcome = FakeNotification.outcome;
    if (outcome === 'silent') return;
    setImmediate(() => {
      if (outcome === 'show') {
        FakeNotification.shown.push(this);
        this.emit('show', {});
      } else this.emit('failed', {}, outcome.failed);
    });
  }
  /** Simulates the person clicking it. */
  click(): void {
    this.emit('click');
  }
}

export class FakeDialog {
  readonly errorBoxes: { title: string; content: string }[] = [];
  showErrorBox(title: string, content: string): void {
    this.errorBoxes.push({ title, content });
  }
}

export class FakeNativeTheme {
  shouldUseDarkColors = false;
}

export class FakeScreen {
  workAreas = [{ x: 0, y: 0, width: 1920, height: 1040 }];
  getAllDisplays() {
    return this.workAreas.map((workArea) => ({ workArea }));
  }
}

type InvokeListener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeListener>();

  handle(channel: string, listener: InvokeListener): void {
    // Electron throws on a second handler for the same channel.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Simulates ipcRenderer.invoke from a frame at `senderUrl` (null: frame gone). */
  async invoke(channel: string, senderUrl: string | null, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    const event: InvokeEventLike = { senderFrame: senderUrl === null ? null : { url: senderUrl } };
    // Arguments and results cross IPC by structured clone, as in Electron.
    return structuredClone(await listener(event, ...structuredClone(args)));
  }
}

type RendererListener = (event: unknown, ...args: unknown[]) => void;

/** The renderer side of the fake IPC, as the preload sees ipcRenderer. */
export class FakeIpcRenderer {
  private readonly listenersByChannel = new Map<string, RendererListener[]>();

  constructor(
    private readonly ipcMain: FakeIpcMain,
    private readonly senderUrl: string | null,
  ) {}

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    return this.ipcMain.invoke(channel, this.senderUrl, ...args);
  }

  on(channel: string, listener: RendererListener): this {
    this.listenersByChannel.set(channel, [...this.listenersOf(channel), listener]);
    return this;
  }

  removeListener(channel: string, listener: RendererListener): this {
    this.listenersByChannel.set(
      channel,
      this.listenersOf(channel).filter((l) => l !== listener),
    );
    return this;
  }

  listenersOf(channel: string): RendererListener[] {
    return this.listenersByChannel.get(channel) ?? [];
  }

  /** Delivers a message main sent with webContents.send. */
  deliver(channel: string, args: unknown[]): void {
    const event = { sender: this, senderId: 0 };
    for (const listener of this.listenersOf(channel)) listener(event, ...args);
  }
}

export class FakeShell {
  readonly opened: string[] = [];
  failWith: Error | null = null;
  async openExternal(url: string): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.opened.push(url);
  }
}

export class FakeProtocol {
  readonly privileged: CustomScheme[] = [];
  readonly handlers = new Map<string, AppProtocolHandler>();
  /** Whether registerSchemesAsPrivileged came before app ready, as Electron requires. */
  registeredBeforeReady: boolean | null = null;

  constructor(private readonly app: FakeApp) {}

  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    this.registeredBeforeReady = !this.app.isReady;
    this.privileged.push(...schemes);
  }

  handle(scheme: string, handler: AppProtocolHandler): void {
    this.handlers.set(scheme, handler);
  }

  /** Fetches a URL through the registered handler, as the renderer would. */
  fetch(url: string, method = 'GET'): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`No handler for scheme ${scheme}`);
    return handler({ url, method });
  }
}

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string; isMainFrame: boolean; fileAccessType?: 'readable' | 'writable' },
) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, requestingOrigin: string, details: Record<string, unknown>) => boolean;

/** Where a permission is asked from: the reader's own page unless a test says otherwise. */
export interface PermissionAsker {
  /** The frame's last committed URL (a page URL, with path). */
  url?: string;
}

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }

  /**
   * What a page asking for `permission` would get (Electron grants when no handler is set). As in
   * electron_permission_manager.cc, details carry the frame's URL as `requestingUrl`.
   */
  requestPermission(permission: string, from: PermissionAsker = {}): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    const requestingUrl = from.url ?? 'app://reader/index.html';
    const fileDetails = permission === 'fileSystem' ? { fileAccessType: 'writable' as const } : {};
    return new Promise((resolve) => handler({}, permission, resolve, { requestingUrl, isMainFrame: true, ...fileDetails }));
  }

  /**
   * What Chromium's own check gets. Electron passes the ORIGIN's URL ("app://reader/", from
   * url::Origin::GetURL), not the page's, and for fileSystem grants a null webContents
   * (file_system_access_permission_context.cc, GetStatus).
   */
  checkPermission(permission: string, from: PermissionAsker = {}): boolean {
    if (!this.permissionCheckHandler) return true;
    const origin = `${originOf(from.url ?? 'app://reader/index.html')}/`;
    const contents = permission === 'fileSystem' ? null : {};
    const details = permission === 'fileSystem' ? { fileAccessType: 'writable', isDirectory: false, filePath: '/home/me/library.ndjson' } : { isMainFrame: true };
    return this.permissionCheckHandler(contents, permission, origin, details);
  }
}

/** Node's URL reports origin "null" for custom schemes; Chromium's url::Origin for a standard scheme does not. */
function originOf(raw: string): string {
  const url = new URL(raw);
  return `${url.protocol}//${url.host}`;
}

export class FakeApp extends FakeEmitter {
  isReady = false;
  hasLock = true;
  quitCount = 0;
  exitCode: number | null = null;
  quitted = false;
  isPackaged = false;
  aboutPanel: AboutPanelOptionsOptions | null = null;
  protocolClients: string[] = [];
  appUserModelId: string | null = null;
  private markReady!: () => void;
  private readonly readyPromise = new Promise<void>((resolve) => {
    this.markReady = resolve;
  });

  constructor(
    public userData = '/tmp/forum-reader-test-user-data',
    readonly version = '0.0.0-test',
  ) {
    super();
  }

  /** Fires `ready`, as Electron does once it has initialised. */
  ready(): void {
    this.isReady = true;
    this.markReady();
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }

  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`stand-in has no path for ${name}`);
    return this.userData;
  }

  setPath(name: string, value: string): void {
    if (name !== 'userData') throw new Error(`stand-in has no path for ${name}`);
    this.userData = value;
  }

  getVersion(): string {
    return this.version;
  }

  setAboutPanelOptions(options: AboutPanelOptionsOptions): void {
    this.aboutPanel = options;
  }

  setAsDefaultProtocolClient(protocol: string): boolean {
    this.protocolClients.push(protocol);
    return true;
  }

  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }

  /** Simulates macOS handing the app a link. Returns whether the app took it (prevented the default). */
  openUrl(url: string): boolean {
    const event = new FakeEvent(url);
    this.emit('open-url', event, url);
    return event.defaultPrevented;
  }

  /** Emits will-quit; quits unless a listener prevents it. */
  quit(): void {
    this.quitCount += 1;
    const event = new FakeEvent();
    this.emit('will-quit', event);
    if (!event.defaultPrevented) this.quitted = true;
  }

  exit(code = 0): void {
    this.exitCode = code;
  }
}

/**
 * The keys one computer's keychain holds, shared by the launches (FakeSafeStorage instances) that
 * run on it; another FakeKeychain is another computer. Each key has a name that Chromium's
 * os_crypt_async puts in front of what it seals (encryptor.cc: "This adds the provider prefix"),
 * and decryption picks the key by that prefix.
 */
export class FakeKeychain {
  /** Oldest first. */
  readonly keys: Map<string, Buffer>;
  /** Keys that are there but cannot be had now (KeyProvider::KeyError::kTemporarilyUnavailable: a locked keyring). */
  readonly locked = new Set<string>();
  /** No keyring answers at all (kPermanentlyUnavailable): no key of it is known. */
  missing = false;

  /**
   * `v11` is the name FreedesktopSecretKeyProvider gives a Linux keyring's key; KeychainKeyProvider
   * (macOS) and DPAPIKeyProvider (Windows) name theirs `v10`, as Linux names the public one.
   */
  constructor(firstKey: 'v10' | 'v11' = 'v11') {
    this.keys = new Map([[firstKey, randomBytes(32)]]);
  }

  lockAll(): void {
    for (const tag of this.keys.keys()) this.locked.add(tag);
  }

  /** A new key the next launch seals with; what an older one sealed still opens, flagged shouldReEncrypt. */
  rotate(): void {
    this.keys.set(`v${11 + this.keys.size}`, randomBytes(32));
  }

  /**
   * What the deprecated encryptString sealed with this keychain: the asynchronous key providers
   * read the synchronous backend's key and prefix ("These constants are duplicated from the sync
   * backend", freedesktop_secret_key_provider.cc), so decryptStringAsync opens it (electron.d.ts
   * 45: "Data encrypted with safeStorage.encryptString can be decrypted with
   * safeStorage.decryptStringAsync"; spec/api-safe-storage-spec.ts 'can decrypt data encrypted with sync method').
   */
  sealedBySyncApi(plain: string): Buffer {
    const [tag, key] = [...this.keys][0]!;
    return sealWith(tag, key, plain);
  }
}

/**
 * safeStorage's asynchronous API as shell/browser/api/electron_api_safe_storage.cc (electron/electron
 * v45.0.0-nightly.20260821, unchanged on main since) and Chromium's os_crypt_async
 * (os_crypt_async.cc, encryptor.cc, the key providers) behave:
 * - before ready, isAsyncEncryptionAvailable resolves false, encryptStringAsync and
 *   decryptStringAsync reject "safeStorage cannot be used before app is ready", and
 *   getSelectedStorageBackend says 'unknown';
 * - the encryptor is built once, on the first call after ready, and answers later (calls made
 *   meanwhile wait for it); it seals with the newest key it got, on Linux falling back to
 *   PosixKeyProvider's `v10` key, derived from the public password "peanuts";
 * - isAsyncEncryptionAvailable resolves true once the encryptor exists, even one with no key to seal
 *   with (OnOsCryptReady resolves every pending check with true), whose encryptStringAsync rejects
 *   (electron/electron#51314, not merged, would resolve the encryptor's own answer instead);
 * - decryptStringAsync resolves { shouldReEncrypt, result }, shouldReEncrypt when the key named by the
 *   prefix is not the one it seals with; rejects "temporarily unavailable" when that key exists but
 *   cannot be had, and "Error while decrypting" for anything another key sealed; empty in, '' out.
 */
export class FakeSafeStorage {
  /** Linux only, as the binding sets it only under BUILDFLAG(IS_LINUX). */
  readonly getSelectedStorageBackend?: () => string;
  private readonly linux: boolean;
  private encryptor: Promise<{ ring: Map<string, Buffer | null>; sealingTag: string | null }> | null = null;

  constructor(
    private readonly app: FakeApp,
    private readonly keychain: FakeKeychain,
    options: { platform: 'linux'; backend: 'basic_text' | 'gnome_libsecret' | 'kwallet5' } | { platform: 'darwin' | 'win32' },
  ) {
    this.linux = options.platform === 'linux';
    if (options.platform === 'linux') {
      const backend = options.backend;
      this.getSelectedStorageBackend = () => (this.app.isReady ? backend : 'unknown');
    }
  }

  isAsyncEncryptionAvailable(): Promise<boolean> {
    if (!this.app.isReady) return Promise.resolve(false);
    return this.ready().then(() => true);
  }

  encryptStringAsync(plain: string): Promise<Buffer> {
    if (!this.app.isReady) return Promise.reject(new Error(BEFORE_READY));
    return this.ready().then(({ ring, sealingTag }) => {
      if (plain === '') return Buffer.alloc(0);
      const key = sealingTag === null ? null : ring.get(sealingTag);
      if (!key || sealingTag === null) throw new Error('Error while encrypting the text provided to safeStorage.encryptStringAsync.');
      return sealWith(sealingTag, key, plain);
    });
  }

  decryptStringAsync(sealed: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    if (!this.app.isReady) return Promise.reject(new Error(BEFORE_READY));
    if (!Buffer.isBuffer(sealed)) return Promise.reject(new Error('Expected the first argument of decryptStringAsync() to be a buffer'));
    if (sealed.length === 0) return Promise.resolve({ shouldReEncrypt: false, result: '' });
    return this.ready().then(({ ring, sealingTag }) => {
      const found = [...ring].find(([tag]) => sealed.subarray(0, tag.length).toString('latin1') === tag);
      if (found && found[1] === null) throw new Error('safeStorage.decryptStringAsync is temporarily unavailable. Please try again.');
      const result = found && openWith(found[0], found[1] as Buffer, sealed);
      if (result === undefined || result === null) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.');
      return { shouldReEncrypt: found![0] !== sealingTag, result };
    });
  }

  private ready() {
    this.encryptor ??= new Promise((resolve) =>
      setImmediate(() => {
        // Providers in precedence order; the last one that gave a key seals (os_crypt_async.cc, HandleKey).
        const ring = new Map<string, Buffer | null>(this.linux ? [[PUBLIC_TAG, PUBLIC_KEY]] : []);
        let sealingTag: string | null = this.linux ? PUBLIC_TAG : null;
        for (const [tag, key] of this.keychain.missing ? [] : this.keychain.keys) {
          const reachable = !this.keychain.locked.has(tag);
          ring.set(tag, reachable ? key : null);
          if (reachable) sealingTag = tag;
        }
        resolve({ ring, sealingTag });
      }),
    );
    return this.encryptor;
  }
}

const BEFORE_READY = 'safeStorage cannot be used before app is ready';
const PUBLIC_TAG = 'v10';
/** posix_key_provider.cc: PBKDF2-HMAC-SHA1(1 iteration, key = "peanuts", salt = "saltysalt"), AES-128-CBC with an IV of 16 spaces. */
const PUBLIC_KEY = pbkdf2Sync('peanuts', 'saltysalt', 1, 16, 'sha1');
const PUBLIC_IV = Buffer.alloc(16, ' ');

/** A 16-byte key seals as Chromium's AES-128-CBC keys do (the public one among them), a 32-byte one with AES-256-GCM. */
function sealWith(tag: string, key: Buffer, plain: string): Buffer {
  if (key.length === 16) {
    const cipher = createCipheriv('aes-128-cbc', key, PUBLIC_IV);
    return Buffer.concat([Buffer.from(tag, 'latin1'), cipher.update(plain, 'utf8'), cipher.final()]);
  }
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from(tag, 'latin1'), nonce, body, cipher.getAuthTag()]);
}

/** null when the bytes were not sealed by this key. */
function openWith(tag: string, key: Buffer, sealed: Buffer): string | null {
  const bytes = sealed.subarray(tag.length);
  try {
    if (key.length === 16) {
      const decipher = createDecipheriv('aes-128-cbc', key, PUBLIC_IV);
      return Buffer.concat([decipher.update(bytes), decipher.final()]).toString('utf8');
    }
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

export interface ElectronStandIn {
  app: FakeApp;
  BrowserWindow: typeof FakeBrowserWindow;
  ipcMain: FakeIpcMain;
  protocol: FakeProtocol;
  session: { defaultSession: FakeSession };
  shell: FakeShell;
  Menu: typeof FakeMenu;
  Notification: typeof FakeNotification;
  screen: FakeScreen;
  nativeTheme: FakeNativeTheme;
  dialog: FakeDialog;
  /** Offline unless a test says otherwise: every request fails as Chromium's does with no network. */
  net: FakeNet;
  /** The same objects typed as what the host modules accept. */
  parts: ElectronParts;
}

export function createElectronStandIn(options: { userData?: string } = {}): ElectronStandIn {
  FakeBrowserWindow.reset();
  FakeMenu.applicationMenu = null;
  FakeMenu.poppedUp = [];
  FakeNotification.shown = [];
  FakeNotification.supported = true;
  FakeNotification.outcome = 'show';
  const app = new FakeApp(options.userData);
  const standIn = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: new FakeIpcMain(),
    protocol: new FakeProtocol(app),
    session: { defaultSession: new FakeSession() },
    shell: new FakeShell(),
    Menu: FakeMenu,
    Notification: FakeNotification,
    screen: new FakeScreen(),
    nativeTheme: new FakeNativeTheme(),
    dialog: new FakeDialog(),
    net: new FakeNet(() => ({ error: 'net::ERR_INTERNET_DISCONNECTED' })),
  };
  const parts: ElectronParts = standIn;
  return { ...standIn, parts };
}

/** A server's answer to one request made through FakeNet. */
export type FakeNetAnswer =
  | { status: number; headers?: Record<string, string | string[]>; body?: string | Buffer[]; /** The body goes quiet after these chunks, never ending. */ stalls?: boolean }
  | { redirect: { status: number; location: string } }
  | { error: string };

/** Electron's IncomingMessage: data events, then end. */
export class FakeNetResponse extends FakeEmitter {
  constructor(
    readonly statusCode: number,
    readonly headers: Record<string, string | string[]>,
  ) {
    super();
  }
}

/**
 * Electron's ClientRequest for net.request. With redirect 'manual' it emits 'redirect' and, unless
 * a listener calls followRedirect(), cancels the request with an 'error' ("Redirect was cancelled"),
 * as lib/common/api/net-client-request.ts does.
 */
export class FakeClientRequest extends FakeEmitter {
  readonly headers: Record<string, string> = {};
  body: string | undefined;
  aborted = false;
  private followed = false;
  constructor(
    readonly options: { method: string; url: string; redirect: string; credentials: string },
    private readonly answer: FakeNetAnswer,
  ) {
    super();
  }
  /** Like Electron's (docs/api/client-request.md, setHeader): Chromium refuses these headers from apps. */
  setHeader(name: string, value: string): void {
    const key = name.toLowerCase();
    if (RESTRICTED_HEADERS.has(key) || (key === 'connection' && value.toLowerCase() === 'upgrade')) throw new Error('net::ERR_INVALID_ARGUMENT');
    this.headers[name] = value;
  }
  followRedirect(): void {
    this.followed = true;
  }
  abort(): void {
    this.aborted = true;
  }
  end(body?: string): void {
    this.body = body;
    setImmediate(() => {
      const answer = this.answer;
      if ('error' in answer) {
        this.emit('error', new Error(answer.error));
      } else if ('redirect' in answer) {
        this.emit('redirect', answer.redirect.status, this.options.method, answer.redirect.location, { location: [answer.redirect.location] });
        if (!this.followed && !this.aborted) this.emit('error', new Error('Redirect was cancelled'));
      } else {
        const response = new FakeNetResponse(answer.status, answer.headers ?? {});
        this.emit('response', response);
        const chunks = typeof answer.body === 'string' ? [Buffer.from(answer.body)] : (answer.body ?? []);
        for (const chunk of chunks) {
          if (this.aborted) return;
          response.emit('data', chunk);
        }
        if (!this.aborted && !answer.stalls) response.emit('end');
      }
    });
  }
}

const RESTRICTED_HEADERS = new Set(['content-length', 'host', 'trailer', 'te', 'upgrade', 'cookie2', 'keep-alive', 'transfer-encoding']);

export class FakeNet {
  readonly requests: FakeClientRequest[] = [];
  constructor(private readonly answer: (url: string) => FakeNetAnswer) {}
  request(options: { method: string; url: string; redirect: string; credentials: string }): FakeClientRequest {
    const request = new FakeClientRequest(options, this.answer(options.url));
    this.requests.push(request);
    return request;
  }
}
