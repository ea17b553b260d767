// The NNTP engine through the reader's own services (the handlers both hosts bind) against a real
// INN2 (test/support/inn2.ts): probing, syncing by article numbers, replies posted exactly once,
// crossposts. Every test makes its own groups.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload, SyncRequest } from '../../shared/api';
import { createServices, type Services } from '../../main/services';
import { NntpClient } from '../../main/sources/nntp/nntp-client';
import { createTestGroup, findInn2, INN2_ADDRESS, postArticles, removeTestGroups } from '../support/inn2';
import { NewsSyncStore } from '../support/news-sync-store';

const inn2 = await findInn2();
if (!inn2.available) console.warn(inn2.why);

type Events = { [K in 'syncBatch' | 'syncDone']: Array<(payload: EventPayload<K>) => void> };

describe.skipIf(!inn2.available)('newsgroups through the reader’s services, against INN2', () => {
  let services: Services;
  const listeners: Events = { syncBatch: [], syncDone: [] };
  const start = () =>
    createServices({
      version: '0.0.0-test',
      host: 'web',
      sampleForumUrl: 'http://127.0.0.1:9',
      openExternal: async () => false,
      emit: (name, payload) => {
        if (name === 'syncBatch') for (const listener of listeners.syncBatch) listener(payload as EventPayload<'syncBatch'>);
        if (name === 'syncDone') for (const listener of listeners.syncDone) listener(payload as EventPayload<'syncDone'>);
      },
    });
  beforeEach(() => {
    services = start();
  });
  afterEach(async () => {
    listeners.syncBatch.length = 0;
    listeners.syncDone.length = 0;
    await services.close();
  });
  afterAll(removeTestGroups);

  /** One sync run through startSync, each batch committed to `store` and acknowledged as the renderer does. */
  async function sync(store: NewsSyncStore, groups: string[], extra: Partial<SyncRequest> = {}): Promise<EventPayload<'syncDone'>> {
    const done = new Promise<EventPayload<'syncDone'>>((resolve) => listeners.syncDone.push(resolve));
    listeners.syncBatch.push((batch) => {
      store.commit(batch);
      void services.handlers.ackSyncBatch({ runId: batch.runId, seq: batch.seq });
    });
    await services.handlers.startSync(store.request(groups, extra));
    const summary = await done;
    listeners.syncBatch.length = 0;
    listeners.syncDone.length = 0;
    return summary;
  }

  it('probes the server: its groups are the boards, by name, and it needs no login from here', async () => {
    const group = await createTestGroup('probe');
    const probe = await services.handlers.probeForum({ address: 'nntp://127.0.0.1' });
    expect(probe).toMatchObject({ protocol: 'nntp', forumId: '127.0.0.1:119', baseUrl: 'nntp://127.0.0.1:119', loginRequired: false, insecure: false, postingAllowed: true });
    expect(probe.boards.find((board) => board.name === group)).toMatchObject({ slug: group, forumId: '127.0.0.1:119' });
    await expect(services.handlers.probeForum({ address: 'news://127.0.0.1:1' })).rejects.toMatchObject({ code: 'unreachable' });
  });

  it('a first sync takes the newest articles of a group; the next takes only the new ones, a reply in its thread', async () => {
    const group = await createTestGroup('sync');
    await postArticles(group, Array.from({ length: 30 }, (_, i) => ({ subject: `Topic ${i + 1}`, body: `Text ${i + 1}\n`, messageId: `<sync-${i + 1}.${group}@test.reader.invalid>` })));
    const store = new NewsSyncStore(INN2_ADDRESS);
    const first = await sync(store, [group], { firstSyncArticles: 20 });
    expect(first).toMatchObject({ status: 'completed', postsFetched: 20, threadErrors: [], boardErrors: [] });
    expect(store.boardCursors.get(store.boardId(group))?.watermark).toBe('30');
    expect([...store.posts.values()].every((post) => post.bodyFormat === 'plain')).toBe(true);

    const root = `<sync-30.${group}@test.reader.invalid>`;
    await postArticles(group, [
      { subject: 'Re: Topic 30', body: '> Text 30\nAgreed.\n', references: [root] },
      { subject: 'Topic 31', body: 'New\n' },
    ]);
    const second = await sync(store, [group]);
    expect(second).toMatchObject({ status: 'completed', postsFetched: 2 });
    // GROUP, OVER and two ARTICLEs; the connection's own greeting commands (CAPABILITIES, MODE READER) are not counted.
    expect(second.requests).toBe(4);
    const thread = store.threadOf(root)!;
    expect(thread).toMatchObject({ title: 'Topic 30', postsCount: 2 });
    const reply = store.postsOf(group).find((post) => post.threadId === thread.id && post.postNumber === 2)!;
    expect(reply).toMatchObject({ replyToPostNumber: 1, html: '> Text 30\nAgreed.' });
    const third = await sync(store, [group]);
    expect(third).toMatchObject({ postsFetched: 0, requests: 1 });
    expect(store.storedTwice).toEqual([]);
  });

  it('a reply is posted exactly once: STAT finds an attempt that went out, and a repeat after a restart is 441 435, already there', async () => {
    const group = await createTestGroup('reply');
    const root = `<reply-root.${group}@test.reader.invalid>`;
    await postArticles(group, [{ subject: 'Ask me', body: 'Question\n', messageId: root }]);
    const store = new NewsSyncStore(INN2_ADDRESS);
    await sync(store, [group]);
    const thread = store.threadOf(root)!;
    await services.handlers.setNewsAccount({ forumId: store.forumId, baseUrl: 'nntp://127.0.0.1', identity: { displayName: 'Zoë Reader', email: 'zoe@test.reader.invalid' } });
    const request = {
      clientId: `c${Date.now().toString(36)}abcdef`,
      forumId: store.forumId,
      topicId: thread.remoteId,
      replyToPostNumber: 1,
      replyToKey: root,
      raw: 'An answer.\n\n-- \nZoë',
      firstAttemptAt: new Date().toISOString(),
      maybeSent: false,
      afterPostNumber: 1,
      claimedPostIds: [],
    };
    const sent = await services.handlers.sendReply(request);
    expect(sent).toMatchObject({ kind: 'sent', foundInThread: false, post: { threadId: thread.id, postNumber: 2, username: 'Zoë Reader', bodyFormat: 'plain', html: 'An answer.\n\n-- \nZoë' } });
    // The answer was lost: the renderer says it may have been sent; a new process (no memory of it) looks first.
    await services.close();
    services = start();
    await services.handlers.setNewsAccount({ forumId: store.forumId, baseUrl: 'nntp://127.0.0.1', identity: { displayName: 'Zoë Reader', email: 'zoe@test.reader.invalid' } });
    expect(await services.handlers.sendReply({ ...request, maybeSent: true })).toMatchObject({ kind: 'sent', foundInThread: true });
    // Sent again as if nothing were known: the same Message-ID, and INN says it has it.
    await services.close();
    services = start();
    await services.handlers.setNewsAccount({ forumId: store.forumId, baseUrl: 'nntp://127.0.0.1', identity: { displayName: 'Zoë Reader', email: 'zoe@test.reader.invalid' } });
    expect(await services.handlers.sendReply(request)).toMatchObject({ kind: 'sent' });
    const client = new NntpClient({ address: INN2_ADDRESS });
    try {
      expect((await client.group(group)).count).toBe(2);
    } finally {
      client.close();
    }
    // The next sync finds the reply under the id it was stored with, in its thread, once.
    const localId = sent.kind === 'sent' ? sent.post.id : '';
    store.commit({ runId: 'local', seq: 0, forumId: store.forumId, threads: [], posts: sent.kind === 'sent' ? [sent.post] : [], removedPostIds: [], threadCursors: [], boardCursors: [] });
    await sync(store, [group]);
    expect(store.posts.get(localId)?.threadId).toBe(thread.id);
    expect(store.storedTwice).toEqual([]);
  });

  it('a crossposted article is stored once, in the group it was first synced from', async () => {
    const first = await createTestGroup('cross');
    const second = await createTestGroup('cross');
    await postArticles(second, [{ subject: 'Only here', body: 'x\n' }]);
    const crossId = `<cross.${first}@test.reader.invalid>`;
    await postArticles(`${first},${second}`, [{ subject: 'In both', body: 'y\n', messageId: crossId }]);
    const store = new NewsSyncStore(INN2_ADDRESS);
    const summary = await sync(store, [first, second]);
    expect(summary).toMatchObject({ status: 'completed', postsFetched: 2 });
    expect([...store.posts.values()].filter((post) => post.remoteKey === crossId)).toHaveLength(1);
    expect(store.threadOf(crossId)?.boardId).toBe(store.boardId(first));
    expect(store.boardCursors.get(store.boardId(second))?.watermark).toBe('2');
  });
});
