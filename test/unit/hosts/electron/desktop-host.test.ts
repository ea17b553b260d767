// The Electron host as a desktop citizen, against the `electron` stand-in: one instance, links,
// menus, notifications and the window coming back where it was.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import type { Booted } from '../../../../main/boot';
import { FORUM_CALL_CHANNEL, FORUM_EVENT_CHANNEL } from '../../../../main/hosts/electron/channels';
import { startElectronApp, type StartOptions, type WindowStateStore } from '../../../../main/hosts/electron/electron-app';
import { createServices } from '../../../../main/services';
import type { WindowState } from '../../../../main/hosts/electron/window-state';
import { APP_ENTRY_URL } from '../../../../main/hosts/electron/app-origin';
import { FakeBrowserWindow, FakeMenu, FakeNotification, createElectronStandIn } from './electron-stand-in';

const quietLog = () => ({ error: vi.fn(), warn: vi.fn(), info: vi.fn() });

function memoryWindowState(initial: WindowState | null = null): WindowStateStore & { saved: WindowState | null } {
  const store = {
    saved: initial,
    read: () => store.saved,
    write: (state: WindowState) => {
      store.saved = state;
    },
  };
  return store;
}

function setup(options: { argv?: string[]; platform?: NodeJS.Platform; lock?: boolean; windowState?: WindowStateStore; packaged?: boolean } = {}) {
  const electron = createElectronStandIn({ userData: '/data/forum-reader' });
  electron.app.hasLock = options.lock ?? true;
  electron.app.isPackaged = options.packaged ?? false;
  const log = quietLog();
  // The real services (their desktop calls are what the page uses), without a sample forum.
  const boot = vi.fn(async (deps: Parameters<StartOptions['boot']>[0]): Promise<Booted> => {
    const services = createServices({ ...deps, sampleForumUrl: 'http://127.0.0.1:9/', log });
    return { services, sampleForum: {} as Booted['sampleForum'], close: () => services.close() };
  });
  const windowState = options.windowState ?? memoryWindowState();
  const host = startElectronApp(electron.parts, {
    rendererDir: '/app/out/renderer',
    preloadPath: '/app/out/main/preload.cjs',
    boot,
    log,
    platform: options.platform ?? 'linux',
    argv: options.argv ?? ['/opt/Forum Reader/forum-reader'],
    windowStateStore: windowState,
  });
  const started = async () => {
    electron.app.ready();
    await host?.ready;
  };
  const call = (name: string, input: unknown = {}) => electron.ipcMain.invoke(FORUM_CALL_CHANNEL, APP_ENTRY_URL, name, input);
  const window = () => FakeBrowserWindow.instances.at(-1)!;
  const eventsSent = (name: string) =>
    window()
      .webContents.sent.filter((message) => message.channel === FORUM_EVENT_CHANNEL && message.args[0] === name)
      .map((message) => message.args[1]);
  return { electron, host, log, started, call, window, eventsSent, windowState };
}

describe('one instance', () => {
  it('a second launch quits at once and the first one comes to the front', async () => {
    const first = setup();
    await first.started();
    const win = first.window();
    win.minimized = true;
    win.focused = false;

    const second = setup({ lock: false });
    expect(second.host).toBeNull();
    expect(second.electron.app.quitCount).toBe(1);

    first.electron.app.emit('second-instance', {}, ['/opt/Forum Reader/forum-reader'], '/home/someone');
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(true);
  });
});

describe('forum-reader:// links', () => {
  it('the link a launch was started with waits until the page asks for it', async () => {
    const { started, call } = setup({ argv: ['/opt/Forum Reader/forum-reader', 'forum-reader://meta.discourse.org/t/123/4'] });
    await started();
    await expect(call('takeOpenRequests')).resolves.toEqual({
      ok: true,
      value: [{ threadId: 'meta.discourse.org/t/123', postNumber: 4, source: 'link' }],
    });
    // Handed over once.
    await expect(call('takeOpenRequests')).resolves.toEqual({ ok: true, value: [] });
  });

  it('a link given to a second launch goes to the running page as an event, and brings the window forward', async () => {
    const { electron, started, call, window, eventsSent } = setup();
    await started();
    await call('takeOpenRequests'); // the page subscribed and asked
    window().focused = false;
    electron.app.emit('second-instance', {}, ['forum-reader', '--flag', 'forum-reader://sample/t/7'], '/');
    expect(eventsSent('openThread')).toEqual([{ threadId: 'sample/t/7', postNumber: null, source: 'link' }]);
    expect(window().focused).toBe(true);
  });

  it('macOS open-url links are taken, including one that arrives before the app is ready', async () => {
    const { electron, started, call } = setup({ platform: 'darwin' });
    expect(electron.app.openUrl('forum-reader://sample/t/3/9')).toBe(true);
    await started();
    await expect(call('takeOpenRequests')).resolves.toMatchObject({ value: [{ threadId: 'sample/t/3', postNumber: 9 }] });
  });

  it('a link that is not a thread link opens nothing, says why in the log, and still shows the window', async () => {
    const { electron, started, call, log, window, eventsSent } = setup();
    await started();
    await call('takeOpenRequests');
    window().focused = false;
    electron.app.emit('second-instance', {}, ['forum-reader://sample/t/1?redirect=https://evil.example'], '/');
    expect(eventsSent('openThread')).toEqual([]);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('not a forum-reader:// thread link'));
    expect(window().focused).toBe(true);
  });

  it('requests arriving while the page reloads wait for it to ask again', async () => {
    const { electron, started, call, window, eventsSent } = setup();
    await started();
    await call('takeOpenRequests');
    window().webContents.emit('did-start-loading');
    electron.app.emit('second-instance', {}, ['forum-reader://sample/t/8'], '/');
    expect(eventsSent('openThread')).toEqual([]);
    await expect(call('takeOpenRequests')).resolves.toMatchObject({ value: [{ threadId: 'sample/t/8' }] });
  });

  it('registers as the system handler of forum-reader:// only in packaged builds', async () => {
    const dev = setup();
    await dev.started();
    expect(dev.electron.app.protocolClients).toEqual([]);
    const packaged = setup({ packaged: true });
    await packaged.started();
    expect(packaged.electron.app.protocolClients).toEqual(['forum-reader']);
  });
});

describe('menus', () => {
  it('sets the application menu with About showing the version; an item sends its command to the page', async () => {
    const { electron, started, eventsSent } = setup();
    await started();
    expect(electron.app.aboutPanel).toMatchObject({ applicationName: 'Forum Reader', applicationVersion: '0.0.0-test' });
    const nextPost = FakeMenu.item('menu-next-post');
    expect(nextPost).toMatchObject({ label: 'Next Post', accelerator: 'J' });
    (nextPost?.click as () => void)();
    (FakeMenu.item('menu-show-storage')?.click as () => void)();
    expect(eventsSent('menuCommand')).toEqual([{ command: 'next-post' }, { command: 'show-storage' }]);
  });
});

describe('notifications', () => {
  it('shows a system notification; clicking it brings the window forward and opens the thread', async () => {
    const { started, call, window, eventsSent } = setup();
    await started();
    await call('takeOpenRequests');
    const result = await call('showNotification', { threadId: 'sample/t/1', title: 'Forum Reader', body: '3 new replies in Favourite scenes' });
    expect(result).toEqual({ ok: true, value: { shown: true } });
    expect(FakeNotification.shown.map((n) => n.options)).toEqual([{ title: 'Forum Reader', body: '3 new replies in Favourite scenes' }]);
    window().focused = false;
    window().minimized = true;
    FakeNotification.shown[0]!.click();
    expect(window().minimized).toBe(false);
    expect(window().focused).toBe(true);
    expect(eventsSent('openThread')).toEqual([{ threadId: 'sample/t/1', postNumber: null, source: 'notification' }]);
  });

  it('answers shown: false when the system fails to show it (an unsigned macOS build, a wrong AppUserModelID)', async () => {
    const { started, call, log } = setup();
    await started();
    FakeNotification.outcome = { failed: 'Notifications are not allowed for this application' };
    await expect(call('showNotification', { threadId: 'sample/t/1', title: 'Forum Reader', body: 'x' })).resolves.toEqual({ ok: true, value: { shown: false } });
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('Notifications are not allowed for this application'));
  });

  it('on Windows, runs under the AppUserModelID the installer gives its shortcut (electron-builder appId)', async () => {
    const { electron } = setup({ platform: 'win32' });
    const config = parse(readFileSync(path.resolve(__dirname, '../../../../electron-builder.yml'), 'utf8')) as { appId: string };
    expect(electron.app.appUserModelId).toBe(config.appId);
    expect(setup({ platform: 'linux' }).electron.app.appUserModelId).toBeNull();
  });

  it('answers shown: false where the system has no notifications', async () => {
    const { started, call } = setup();
    await started();
    FakeNotification.supported = false;
    await expect(call('showNotification', { threadId: 'sample/t/1', title: 'Forum Reader', body: 'x' })).resolves.toEqual({ ok: true, value: { shown: false } });
  });

  it('refuses a notification that does not fit the contract', async () => {
    const { started, call } = setup();
    await started();
    await expect(call('showNotification', { threadId: '', title: 'Forum Reader', body: 'x' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(FakeNotification.shown).toEqual([]);
  });
});

describe('window size and position', () => {
  it('opens where it was closed last time, maximised if it was', async () => {
    const windowState = memoryWindowState({ x: 200, y: 150, width: 1000, height: 700, maximized: true });
    const { started, window } = setup({ windowState });
    await started();
    expect(window().options).toMatchObject({ x: 200, y: 150, width: 1000, height: 700 });
    // Not shown (maximize() shows a window) before its page has painted.
    expect(window().visible).toBe(false);
    window().emit('ready-to-show');
    expect(window().maximized).toBe(true);
    expect(window().visible).toBe(true);
  });

  it('remembers a move and resize when the window closes, for the next launch', async () => {
    const windowState = memoryWindowState();
    const first = setup({ windowState });
    await first.started();
    expect(first.window().options).toMatchObject({ width: 1200, height: 820 });
    expect(first.window().options.x).toBeUndefined();
    first.window().setBounds({ x: 300, y: 40, width: 900, height: 650 });
    first.window().close();
    expect(windowState.saved).toEqual({ x: 300, y: 40, width: 900, height: 650, maximized: false });

    const second = setup({ windowState });
    await second.started();
    expect(second.window().options).toMatchObject({ x: 300, y: 40, width: 900, height: 650 });
  });
});
