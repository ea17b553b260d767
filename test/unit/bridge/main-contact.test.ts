// Both transports tell the page when main is gone, back, or no longer accepts it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startWebHost, type WebHost } from '../../../main/hosts/web/web-host';
import { validatingForumApi } from '../../../renderer/bridge/forum-api';
import { createHttpForumApi, type HttpForumApi } from '../../../renderer/bridge/http-forum-api';
import type { ForumApi } from '../../../shared/api';
import { fakeHandlers } from '../hosts/electron/fake-handlers';

describe('contact with main over the web host', () => {
  const dir = mkdtempSync(join(tmpdir(), 'main-contact-'));
  let host: WebHost | null = null;
  let client: HttpForumApi | null = null;
  afterEach(async () => {
    client?.close();
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is lost when the host stops, back when it returns on the same port, refused when it returns with another token', async () => {
    host = await startWebHost({ port: 0, rendererDir: dir, handlers: fakeHandlers(), token: 'first' });
    const port = Number(new URL(host.url).port);
    const heard: string[] = [];
    client = createHttpForumApi({ baseUrl: host.url, token: 'first', onContact: (contact) => heard.at(-1) !== contact && heard.push(contact) });
    client.api.on('syncProgress', () => {});
    await vi.waitFor(() => expect(heard).toEqual(['connected']));

    await host.close();
    await vi.waitFor(() => expect(heard).toEqual(['connected', 'lost']));
    expect(await client.api.getAppInfo({})).toMatchObject({ ok: false, error: { code: 'unreachable' } });

    host = await startWebHost({ port, rendererDir: dir, handlers: fakeHandlers(), token: 'first' });
    await vi.waitFor(() => expect(heard).toEqual(['connected', 'lost', 'connected']), { timeout: 10_000 });

    await host.close();
    host = await startWebHost({ port, rendererDir: dir, handlers: fakeHandlers(), token: 'second' });
    await vi.waitFor(() => expect(heard.slice(3).at(-1)).toBe('refused'), { timeout: 10_000 });
  });
});

describe('contact with main over Electron IPC', () => {
  it('is lost when a call finds the IPC side gone, and the call answers with a message, not a throw', async () => {
    const heard: string[] = [];
    const gone = new Proxy({}, { get: (_target, name) => (name === 'on' ? () => () => {} : () => Promise.reject(new Error('The IPC channel is closed'))) }) as ForumApi;
    const api = validatingForumApi(gone, { error: () => {} }, (contact) => heard.push(contact));
    const answer = await api.getAppInfo({});
    expect(answer).toMatchObject({ ok: false, error: { code: 'unreachable', message: expect.stringMatching(/^Lost contact with the reader’s main process/) } });
    expect(heard).toEqual(['lost']);
  });

  it('is back once a call answers again, so the sync bar does not say "Lost contact" for ever', async () => {
    const heard: string[] = [];
    let gone = true;
    const raw = new Proxy({}, { get: (_target, name) => (name === 'on' ? () => () => {} : () => (gone ? Promise.reject(new Error('No handler registered')) : Promise.resolve({ ok: true, value: null }))) }) as ForumApi;
    const api = validatingForumApi(raw, { error: () => {} }, (contact) => heard.at(-1) !== contact && heard.push(contact));
    await api.getAppInfo({});
    gone = false;
    await api.getAppInfo({});
    expect(heard).toEqual(['lost', 'connected']);
  });
});
