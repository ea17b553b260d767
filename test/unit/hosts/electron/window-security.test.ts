import { afterEach, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL } from '../../../../main/hosts/electron/app-origin';
import { hardenSession, hardenWebContents } from '../../../../main/hosts/electron/security';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createMainWindow, WINDOW_BACKGROUND } from '../../../../main/hosts/electron/window';
import { FakeBrowserWindow, FakeSession, FakeShell, FakeWebContents, createElectronStandIn } from './electron-stand-in';

const quiet = { warn: vi.fn(), error: vi.fn() };

function openWindow(options: { maximized?: boolean; dark?: boolean } = {}) {
  const electron = createElectronStandIn();
  const placement = { width: 1000, height: 700, maximized: options.maximized ?? false };
  const win = createMainWindow(electron.parts, { preloadPath: '/app/out/main/preload.cjs', log: quiet, placement, dark: options.dark ?? false });
  expect(win).toBeInstanceOf(FakeBrowserWindow);
  return { electron, win: win as FakeBrowserWindow };
}

afterEach(() => vi.clearAllMocks());

describe('createMainWindow', () => {
  it('creates the window with isolated, sandboxed, node-free web preferences', () => {
    const { win } = openWindow();
    const prefs = win.options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: true,
      allowRunningInsecureContent: false,
      preload: '/app/out/main/preload.cjs',
    });
  });

  it('loads the app entry page and shows the window once it is ready', () => {
    const { win } = openWindow();
    expect(win.loadedUrls).toEqual([APP_ENTRY_URL]);
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
  });

  it('restores a maximised window without showing it before its page is ready', () => {
    const { win } = openWindow({ maximized: true });
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.maximized).toBe(true);
    expect(win.visible).toBe(true);
  });

  it('opens with the page background of the system theme, dark or light (app.css --bg)', () => {
    const css = readFileSync(path.resolve(__dirname, '../../../../renderer/ui/app.css'), 'utf8');
    const backgrounds = [...css.matchAll(/--bg:\s*(#[0-9a-f]{6})/gi)].map((match) => match[1]!.toLowerCase());
    expect(backgrounds).toContain(WINDOW_BACKGROUND.light);
    expect(backgrounds).toContain(WINDOW_BACKGROUND.dark);
    expect(openWindow({ dark: true }).win.options.backgroundColor).toBe(WINDOW_BACKGROUND.dark);
    expect(openWindow({ dark: false }).win.options.backgroundColor).toBe(WINDOW_BACKGROUND.light);
  });

  it('shows the window with the reason when its page fails to load', async () => {
    createElectronStandIn();
    FakeBrowserWindow.loadFailure = { code: -6, description: 'ERR_FILE_NOT_FOUND' };
    const electron = { BrowserWindow: FakeBrowserWindow, shell: new FakeShell() };
    const win = createMainWindow(electron, { preloadPath: '/app/out/main/preload.cjs', log: quiet }) as FakeBrowserWindow;
    await vi.waitFor(() => expect(win.loadedUrls).toHaveLength(2));
    expect(win.visible).toBe(true);
    const page = decodeURIComponent(win.loadedUrls[1]!.slice('data:text/html;charset=utf-8,'.length));
    expect(page).toContain('ERR_FILE_NOT_FOUND');
    expect(page).toContain(APP_ENTRY_URL);
    expect(quiet.error).toHaveBeenCalledWith(expect.stringContaining('ERR_FILE_NOT_FOUND'));
  });
});

describe('hardenWebContents', () => {
  it('prevents navigation to any other origin and lets app pages through', () => {
    const { win } = openWindow();
    const contents = win.webContents;
    expect(contents.navigate('app://reader/index.html#/forums')).toBe(false);
    expect(contents.navigate('app://reader/forums/1')).toBe(false);
    expect(contents.navigate('https://evil.example/')).toBe(true);
    expect(contents.navigate('http://127.0.0.1:3000/')).toBe(true);
    expect(contents.navigate('file:///etc/passwd')).toBe(true);
    expect(contents.navigate('app://other-host/index.html')).toBe(true);
    expect(contents.navigate('javascript:alert(1)')).toBe(true);
    expect(contents.navigate('https://evil.example/', 'will-redirect')).toBe(true);
  });

  it('never follows a blocked navigation into the browser', () => {
    const { electron, win } = openWindow();
    win.webContents.navigate('https://example.com/page');
    expect(electron.shell.opened).toEqual([]);
  });

  it('denies window.open and sends http(s) links to the system browser', async () => {
    const { electron, win } = openWindow();
    expect(win.webContents.openWindow('https://meta.discourse.org/t/1')).toEqual({ action: 'deny' });
    expect(win.webContents.openWindow('http://example.com/a b')).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(electron.shell.opened).toEqual(['https://meta.discourse.org/t/1', 'http://example.com/a%20b']);
  });

  it('does not open javascript:, file:, data: or app links externally', async () => {
    const { electron, win } = openWindow();
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,<b>x</b>', 'app://reader/index.html', 'not a url']) {
      expect(win.webContents.openWindow(url)).toEqual({ action: 'deny' });
    }
    await Promise.resolve();
    expect(electron.shell.opened).toEqual([]);
  });

  it('logs, rather than throws, when the browser cannot be opened', async () => {
    const shell = new FakeShell();
    shell.failWith = new Error('no browser');
    const contents = new FakeWebContents();
    hardenWebContents(contents, shell, quiet);
    expect(contents.openWindow('https://example.com/')).toEqual({ action: 'deny' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(quiet.error).toHaveBeenCalled();
  });

  it('prevents <webview> from attaching', () => {
    const { win } = openWindow();
    expect(win.webContents.attachWebview()).toBe(true);
  });

  it('is idempotent: hardening twice registers the handlers once', () => {
    const contents = new FakeWebContents();
    const shell = new FakeShell();
    hardenWebContents(contents, shell, quiet);
    hardenWebContents(contents, shell, quiet);
    expect(contents.listeners('will-navigate')).toHaveLength(1);
  });
});

describe('hardenSession', () => {
  it('grants the app origin what Copy text and Export library use, in both the request and the check', async () => {
    const session = new FakeSession();
    hardenSession(session);
    for (const permission of ['clipboard-sanitized-write', 'fileSystem']) {
      await expect(session.requestPermission(permission)).resolves.toBe(true);
      expect(session.checkPermission(permission)).toBe(true);
    }
  });

  it('refuses those two to any other origin', async () => {
    const session = new FakeSession();
    hardenSession(session);
    for (const url of ['https://evil.example/', 'app://other/index.html', 'file:///etc/passwd']) {
      await expect(session.requestPermission('clipboard-sanitized-write', { url })).resolves.toBe(false);
      expect(session.checkPermission('fileSystem', { url })).toBe(false);
    }
  });

  it('denies every other permission request and check', async () => {
    const session = new FakeSession();
    hardenSession(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      await expect(session.requestPermission(permission)).resolves.toBe(false);
      expect(session.checkPermission(permission)).toBe(false);
    }
  });
});
