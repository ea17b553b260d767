import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../../shared/api';
import { FORUM_CALL_CHANNEL, FORUM_EVENT_CHANNEL } from '../../../../main/hosts/electron/channels';
import { bindIpc, createWindowEmitter, isAppSender } from '../../../../main/hosts/electron/ipc';
import { FakeIpcMain, FakeWebContents } from './electron-stand-in';
import { fakeHandlers } from './fake-handlers';

const APP_PAGE = 'app://reader/index.html';
const quiet = () => ({ error: vi.fn(), warn: vi.fn(), info: vi.fn() });

function bound(handlers = fakeHandlers()) {
  const ipcMain = new FakeIpcMain();
  const log = quiet();
  const unbind = bindIpc(ipcMain, handlers, isAppSender, log);
  const call = (name: unknown, input: unknown, senderUrl: string | null = APP_PAGE) =>
    ipcMain.invoke(FORUM_CALL_CHANNEL, senderUrl, name, input);
  return { ipcMain, handlers, log, unbind, call };
}

describe('bindIpc', () => {
  it('answers a trusted call through dispatchCall', async () => {
    const { call } = bound();
    await expect(call('getAppInfo', {})).resolves.toEqual({
      ok: true,
      value: { version: '1.2.3', host: 'electron', sampleForumUrl: 'http://127.0.0.1:4321' },
    });
  });

  it.each([
    ['another origin', 'https://evil.example/index.html'],
    ['a look-alike host', 'app://reader.evil/index.html'],
    ['a file page', 'file:///tmp/index.html'],
    ['an empty url', ''],
    ['a destroyed frame', null],
  ])('refuses calls from %s with code forbidden', async (_label, senderUrl) => {
    const { call, handlers } = bound();
    const result = await call('getAppInfo', {}, senderUrl);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(handlers.getAppInfo).not.toHaveBeenCalled();
  });

  it('validates payloads: bad input is invalid_request and never reaches the handler', async () => {
    const { call, handlers } = bound();
    for (const input of [{ address: 42 }, {}, null, 'https://example.com', { address: 'x'.repeat(5000) }]) {
      const result = await call('probeForum', input);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    expect(handlers.probeForum).not.toHaveBeenCalled();
  });

  it('refuses unknown call names, including prototype keys', async () => {
    const { call } = bound();
    for (const name of ['deleteEverything', '__proto__', 'constructor', 42]) {
      await expect(call(name, {})).resolves.toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
  });

  it('turns a thrown error into code internal without message details or stack', async () => {
    const secret = new Error('ENOENT /home/someone/secret-path');
    const { call, log } = bound(fakeHandlers({ getAppInfo: vi.fn(async () => Promise.reject(secret)) }));
    const result = (await call('getAppInfo', {})) as { ok: false; error: Record<string, unknown> };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('internal');
    expect(Object.keys(result.error).sort()).toEqual(['code', 'message']);
    expect(JSON.stringify(result)).not.toMatch(/secret-path|at .*\(|stack/);
    expect(log.error).toHaveBeenCalled();
  });

  it('passes an AppError through with its code', async () => {
    const { call } = bound(fakeHandlers({ probeForum: vi.fn(async () => Promise.reject(new AppError('unreachable', 'No answer.'))) }));
    await expect(call('probeForum', { address: 'https://example.com' })).resolves.toEqual({
      ok: false,
      error: { code: 'unreachable', message: 'No answer.' },
    });
  });

  it('returns an unbind function that removes the handler', async () => {
    const { ipcMain, unbind, call } = bound();
    unbind();
    expect(ipcMain.handlers.size).toBe(0);
    await expect(call('getAppInfo', {})).rejects.toThrow(/No handler/);
  });
});

describe('createWindowEmitter', () => {
  it('sends events on the forum:event channel to the current window', () => {
    const contents = new FakeWebContents();
    const emit = createWindowEmitter(() => contents);
    const progress = { runId: 'r', forumId: 'f', threadsDone: 1, threadsTotal: 2, postsFetched: 3, currentThread: null };
    emit('syncProgress', progress);
    expect(contents.sent).toEqual([{ channel: FORUM_EVENT_CHANNEL, args: ['syncProgress', progress] }]);
  });

  it('drops events when there is no window or it is destroyed', () => {
    const contents = new FakeWebContents();
    contents.destroyed = true;
    const progress = { runId: 'r', forumId: 'f', threadsDone: 0, threadsTotal: 0, postsFetched: 0, currentThread: null };
    expect(() => createWindowEmitter(() => contents)('syncProgress', progress)).not.toThrow();
    expect(() => createWindowEmitter(() => null)('syncProgress', progress)).not.toThrow();
    expect(contents.sent).toEqual([]);
  });
});
