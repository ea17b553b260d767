// Every call of shared/api.ts, through both transports (web host HTTP and Electron IPC), against
// the real services and the sample forum. The case table is typed by the contract: a new call
// without a case here fails the typecheck.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNames, type CallName, type EventPayload, type ForumApi } from '../../shared/api';
import { startReaderBackend, type ReaderBackend } from '../support/reader-backend';

type Case = (api: ForumApi, backend: ReaderBackend) => Promise<void>;

const expectValue = async <T,>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>) => {
  const result = await promise;
  if (!result.ok) throw new Error(`expected a value, got ${result.error.code}: ${result.error.message}`);
  return result.value;
};

const cases: Record<CallName, Case> = {
  getAppInfo: async (api, backend) => {
    const info = await expectValue(api.getAppInfo({}));
    expect(info).toEqual({ version: '0.0.0-test', host: 'web', sampleForumUrl: backend.forum.url });
  },
  probeForum: async (api, backend) => {
    const probe = await expectValue(api.probeForum({ address: backend.forum.url }));
    expect(probe.forumId).toBe('sample');
    expect(probe.boards.map((board) => board.name)).toContain('The Red Shoes (1948)');
    const wrong = await api.probeForum({ address: 'ftp://example.org' });
    expect(wrong.ok ? null : wrong.error.code).toBe('invalid_address');
  },
  startSync: async (api, backend) => {
    const probe = await expectValue(api.probeForum({ address: backend.forum.url }));
    const board = probe.boards[0]!;
    const batches: EventPayload<'syncBatch'>[] = [];
    const done = new Promise<EventPayload<'syncDone'>>((resolve) => {
      const offDone = api.on('syncDone', (summary) => {
        offDone();
        resolve(summary);
      });
    });
    const offBatch = api.on('syncBatch', (batch) => {
      batches.push(batch);
      void api.ackSyncBatch({ runId: batch.runId, seq: batch.seq });
    });
    const { runId } = await expectValue(
      api.startSync({
        forumId: probe.forumId,
        baseUrl: probe.baseUrl,
        boards: [{ boardId: board.id, remoteId: board.remoteId, slug: board.slug, threadLimit: 10, watermark: null }],
        threads: [],
        known: [],
        refresh: [],
      }),
    );
    const summary = await done;
    offBatch();
    expect(summary).toMatchObject({ runId, status: 'completed' });
    expect(batches.flatMap((batch) => batch.posts)).toHaveLength(18);
  },
  ackSyncBatch: async (api) => {
    expect(await expectValue(api.ackSyncBatch({ runId: 'no-such-run', seq: 0 }))).toEqual({});
  },
  takeSyncImage: async (api) => {
    // No run holds the picture: nothing to hand over (the bytes themselves: images-keep.test.ts, over both transports).
    expect(await expectValue(api.takeSyncImage({ runId: 'no-such-run', hash: 'a'.repeat(64), want: true }))).toBeNull();
  },
  cancelSync: async (api) => {
    expect(await expectValue(api.cancelSync({ runId: 'no-such-run' }))).toEqual({});
  },
  fetchThreadFirst: async (api) => {
    // No run of that forum is in flight, so none will pass the thread.
    expect(await expectValue(api.fetchThreadFirst({ forumId: 'no-such-forum', remoteId: 1 }))).toEqual({ queued: false });
  },
  openExternal: async (api) => {
    expect(await expectValue(api.openExternal({ url: 'https://example.org/t/1' }))).toEqual({ opened: false });
    const refused = await api.openExternal({ url: 'javascript:alert(1)' });
    expect(refused.ok ? null : refused.error.code).toBe('invalid_request');
  },
  sendReply: async (api, backend) => {
    const raw = `A reply through the contract suite, ${Math.random()}`;
    const outcome = await expectValue(
      api.sendReply({ clientId: `contract-${Date.now()}`, forumId: 'sample', topicId: 1377, replyToPostNumber: null, raw, firstAttemptAt: new Date().toISOString(), maybeSent: false, afterPostNumber: 0, claimedPostIds: [] }),
    );
    expect(outcome.kind).toBe('sent');
    expect([...backend.forum.store.posts.values()].filter((post) => post.raw === raw)).toHaveLength(1);
  },
  getForumAccount: async (api, backend) => {
    expect(await expectValue(api.getForumAccount({ forumId: 'sample' }))).toMatchObject({ kind: 'api-key', username: backend.forum.apiKey.username });
    expect(await expectValue(api.getForumAccount({ forumId: 'no.such.forum' }))).toBeNull();
  },
  setForumAccount: async (api, backend) => {
    const saved = await expectValue(api.setForumAccount({ forumId: 'sample', baseUrl: backend.forum.url, kind: 'api-key', username: '', key: backend.forum.apiKey.key }));
    expect(saved).toMatchObject({ username: backend.forum.apiKey.username, verified: true });
    expect(JSON.stringify(saved)).not.toContain(backend.forum.apiKey.key);
  },
  setNewsAccount: async (api, backend) => {
    // The sample forum speaks Discourse: a news identity is refused, and so is an address that is no email.
    const discourse = await api.setNewsAccount({ forumId: 'sample', baseUrl: backend.forum.url, identity: { displayName: 'Ann', email: 'ann@example.org' } });
    expect(discourse.ok ? null : discourse.error).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('not a news server') });
    const noEmail = await api.setNewsAccount({ forumId: 'news.example.org:119', baseUrl: 'nntp://news.example.org', identity: { displayName: 'Ann', email: 'not an address' } });
    expect(noEmail.ok ? null : noEmail.error).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('expected an email address') });
  },
  removeForumAccount: async (api) => {
    expect(await expectValue(api.removeForumAccount({ forumId: 'no.such.forum' }))).toEqual({});
  },
  beginUserApiKey: async (api) => {
    const { url } = await expectValue(api.beginUserApiKey({ forumId: 'forum.example.org', baseUrl: 'https://forum.example.org' }));
    expect(url).toMatch(/^https:\/\/forum\.example\.org\/user-api-key\/new\?.*public_key=/);
  },
  completeUserApiKey: async (api) => {
    const wrong = await api.completeUserApiKey({ forumId: 'never.asked.example', payload: 'bm90IGEga2V5', username: 'someone' });
    expect(wrong.ok ? null : wrong.error.code).toBe('invalid_request');
  },
  showNotification: async (api) => {
    // The test backend is the web host, which has no system notifications: the page shows its own.
    expect(await expectValue(api.showNotification({ threadId: 'sample/t/1', title: 'Forum Reader', body: '2 new replies in A thread' }))).toEqual({ shown: false });
    const tooLong = await api.showNotification({ threadId: 'sample/t/1', title: 'x'.repeat(201), body: '' });
    expect(tooLong.ok ? null : tooLong.error.code).toBe('invalid_request');
  },
  takeOpenRequests: async (api) => {
    expect(await expectValue(api.takeOpenRequests({}))).toEqual([]);
  },
};

describe.each(['http', 'ipc'] as const)('the contract over %s', (transport) => {
  let backend: ReaderBackend;
  let api: ForumApi;
  beforeAll(async () => {
    backend = await startReaderBackend();
    api = transport === 'http' ? backend.api : backend.ipcApi;
  });
  afterAll(() => backend.close());

  it.each(callNames)('%s answers as the contract says', (name) => cases[name](api, backend));

  it.each(callNames)('%s refuses input that does not fit its schema', async (name) => {
    const result = await (api[name] as (input: unknown) => Promise<{ ok: boolean; error?: { code: string } }>)(null);
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('invalid_request');
  });
});
