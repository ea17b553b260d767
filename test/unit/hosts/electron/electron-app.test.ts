import { describe, expect, it, vi } from 'vitest';
import type { Booted } from '../../../../main/boot';
import type { EmitEvent } from '../../../../main/services';
import { APP_ENTRY_URL } from '../../../../main/hosts/electron/app-origin';
import { FORUM_CALL_CHANNEL, FORUM_EVENT_CHANNEL } from '../../../../main/hosts/electron/channels';
import { startElectronApp, type StartOptions } from '../../../../main/hosts/electron/electron-app';
import { FakeBrowserWindow, FakeWebContents, createElectronStandIn } from './electron-stand-in';
import { fakeHandlers } from './fake-handlers';

const quietLog = () => ({ error: vi.fn(), warn: vi.fn(), info: vi.fn() });

function setup(overrides: { lock?: boolean; bootFails?: boolean; platform?: NodeJS.Platform } = {}) {
  const electron = createElectronStandIn({ userData: '/data/forum-reader' });
  electron.app.hasLock = overrides.lock ?? true;
  const handlers = fakeHandlers();
  const close = vi.fn(async () => {});
  let emit: EmitEvent | null = null;
  let openExternal: ((url: string) => Promise<boolean>) | null = null;
  const boot = vi.fn(async (options: Parameters<StartOptions['boot']>[0]): Promise<Booted> => {
    if (overrides.bootFails) throw new Error('port in use');
    emit = options.emit;
    openExternal = options.openExternal;
    return { services: { handlers, ready: Promise.resolve(), close }, sampleForum: {} as Booted['sampleForum'], close };
  });
  const log = quietLog();
  const host = startElectronApp(electron.parts, {
    rendererDir: '/app/out/renderer',
    preloadPath: '/app/out/main/preload.cjs',
    boot,
    log,
    platform: overrides.platform ?? 'linux',
  });
  const started = async () => {
    electron.app.ready();
    await host?.ready;
  };
  return {
    electron,
    host,
    boot,
    close,
    log,
    started,
    emit: () => emit,
    openExternal: () => openExternal,
  };
}

describe('startElectronApp', () => {
  it('registers app:// as a standard, secure scheme before ready', () => {
    const { electron } = setup();
    expect(electron.protocol.registeredBeforeReady).toBe(true);
    expect(electron.protocol.privileged).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });

  it('quits when another instance holds the lock, without booting', async () => {
    const { electron, host, boot } = setup({ lock: false });
    expect(host).toBeNull();
    expect(electron.app.quitCount).toBe(1);
    electron.app.ready();
    await Promise.resolve();
    expect(boot).not.toHaveBeenCalled();
  });

  it('on ready: denies permissions, serves app://, boots services, binds IPC, opens the window', async () => {
    const { electron, boot, started } = setup();
    await started();
    await expect(electron.session.defaultSession.requestPermission('media')).resolves.toBe(false);
    expect(electron.protocol.handlers.has('app')).toBe(true);
    expect(boot).toHaveBeenCalledWith(expect.objectContaining({ host: 'electron', dataDir: '/data/forum-reader', version: '0.0.0-test' }));
    expect(electron.ipcMain.handlers.has(FORUM_CALL_CHANNEL)).toBe(true);
    const [win] = FakeBrowserWindow.instances;
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(win?.loadedUrls).toEqual([APP_ENTRY_URL]);
    expect(win?.options.webPreferences).toMatchObject({ preload: '/app/out/main/preload.cjs', sandbox: true, contextIsolation: true });
    await expect(electron.ipcMain.invoke(FORUM_CALL_CHANNEL, APP_ENTRY_URL, 'getAppInfo', {})).resolves.toMatchObject({ ok: true });
    await expect(electron.ipcMain.invoke(FORUM_CALL_CHANNEL, 'https://evil.example/', 'getAppInfo', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('boots the services with Electron’s net as main’s transport (the system proxy and certificates)', async () => {
    const { electron, boot, started } = setup();
    await started();
    const fetch = boot.mock.calls[0]![0].http?.fetch;
    await expect(fetch!('https://forum.example.org/latest.json', {})).rejects.toMatchObject({ cause: { message: 'net::ERR_INTERNET_DISCONNECTED' } });
    expect(electron.net.requests.map((request) => request.options.url)).toEqual(['https://forum.example.org/latest.json']);
  });

  it('serves the renderer folder through the registered protocol with path checks', async () => {
    const { electron, started } = setup();
    await started();
    expect((await electron.protocol.fetch('app://reader/..%2f..%2fpackage.json')).status).toBe(403);
  });

  it('sends service events to the window and hands links to the shell', async () => {
    const { electron, started, emit, openExternal } = setup();
    await started();
    const win = FakeBrowserWindow.instances[0]!;
    const progress = { runId: 'r', forumId: 'f', threadsDone: 0, threadsTotal: 1, postsFetched: 0, currentThread: null };
    emit()!('syncProgress', progress);
    expect(win.webContents.sent).toEqual([{ channel: FORUM_EVENT_CHANNEL, args: ['syncProgress', progress] }]);
    await expect(openExternal()!('https://example.com/')).resolves.toBe(true);
    expect(electron.shell.opened).toEqual(['https://example.com/']);
    electron.shell.failWith = new Error('no browser');
    await expect(openExternal()!('https://example.com/')).resolves.toBe(false);
    win.close();
    expect(() => emit()!('syncProgress', progress)).not.toThrow();
  });

  it('hardens every web contents created later', async () => {
    const { electron, started } = setup();
    await started();
    const other = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, other);
    expect(other.navigate('https://evil.example/')).toBe(true);
    expect(other.openWindow('https://example.com/')).toEqual({ action: 'deny' });
  });

  it('focuses the existing window when a second instance starts', async () => {
    const { electron, started } = setup();
    await started();
    const win = FakeBrowserWindow.instances[0]!;
    win.minimized = true;
    electron.app.emit('second-instance', {}, [], '/');
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(true);
  });

  it('quits when the window closes (not on macOS), closing the services first', async () => {
    const { electron, started, close } = setup();
    await started();
    FakeBrowserWindow.instances[0]!.close();
    electron.app.emit('window-all-closed');
    expect(electron.app.quitCount).toBe(1);
    expect(electron.app.quitted).toBe(false); // held back until the services closed
    await vi.waitFor(() => expect(electron.app.quitted).toBe(true));
    expect(close).toHaveBeenCalledTimes(1);
    expect(electron.app.quitCount).toBe(2);
  });

  it('stays open on macOS when the window closes, and reopens on activate', async () => {
    const { electron, started } = setup({ platform: 'darwin' });
    await started();
    FakeBrowserWindow.instances[0]!.close();
    electron.app.emit('window-all-closed');
    expect(electron.app.quitCount).toBe(0);
    electron.app.emit('activate');
    expect(FakeBrowserWindow.getAllWindows()).toHaveLength(1);
  });

  it('uses the userData override before taking the single-instance lock', async () => {
    const electron = createElectronStandIn();
    const boot = vi.fn(async (): Promise<Booted> => Promise.reject(new Error('stop here')));
    startElectronApp(electron.parts, { rendererDir: '/r', preloadPath: '/p', boot, userDataDir: '/tmp/profile', log: quietLog() });
    electron.app.ready();
    await vi.waitFor(() => expect(boot).toHaveBeenCalledWith(expect.objectContaining({ dataDir: '/tmp/profile' })));
  });

  it('exits with an error when the services cannot start, after a dialog with the reason and the log file', async () => {
    const { electron, started, log } = setup({ bootFails: true });
    await started();
    expect(electron.app.exitCode).toBe(1);
    expect(log.error).toHaveBeenCalled();
    expect(electron.dialog.errorBoxes).toEqual([
      { title: 'Forum Reader could not start', content: expect.stringContaining('port in use') },
    ]);
    expect(electron.dialog.errorBoxes[0]!.content).toContain('/data/forum-reader/logs/main.log');
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});
