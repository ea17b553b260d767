import { describe, expect, it } from 'vitest';
import { createIpcLinkForTest, createIpcTransportForTest } from './ipc-transport';
import { fakeHandlers } from './fake-handlers';

describe('createIpcTransportForTest', () => {
  it('reaches the handlers over the fake IPC from a trusted frame', async () => {
    const api = createIpcTransportForTest(fakeHandlers());
    await expect(api.getAppInfo({})).resolves.toMatchObject({ ok: true, value: { host: 'electron' } });
    await expect(api.probeForum({ address: 7 } as never)).resolves.toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('delivers events emitted by main to subscribers, cloned, until they unsubscribe', () => {
    const link = createIpcLinkForTest();
    const api = createIpcTransportForTest(fakeHandlers(), link);
    const seen: unknown[] = [];
    const off = api.on('syncProgress', (payload) => seen.push(payload));
    const progress = { runId: 'r', forumId: 'f', threadsDone: 1, threadsTotal: 3, postsFetched: 9, currentThread: 'T' };
    link.emit('syncProgress', progress);
    off();
    link.emit('syncProgress', progress);
    expect(seen).toEqual([progress]);
    expect(seen[0]).not.toBe(progress);
  });

  it('a page outside the app origin is refused', async () => {
    const link = createIpcLinkForTest();
    link.connect(fakeHandlers());
    const outsider = link.connect(fakeHandlers(), { senderUrl: 'https://evil.example/' });
    await expect(outsider.getAppInfo({})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
