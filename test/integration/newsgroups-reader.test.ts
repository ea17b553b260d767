// A news server followed the way the renderer does it, against a real INN2: the probe added to a
// fresh database, a sync committed by the renderer's own SyncSink, a reply queued from a draft and
// sent by the outbox, and the next sync keeping it once. Main runs on the web host, over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadsOfBoard, unreadByBoard } from '../../renderer/db/queries';
import type { ReaderDb } from '../../renderer/db/reader-db';
import { buildSyncRequest } from '../../renderer/db/sync-request';
import { newsSyncSetting, setSetting } from '../../renderer/db/settings';
import { saveDraftText, startReply } from '../../renderer/features/drafts/drafts-db';
import { addForum } from '../../renderer/features/forums/add-forum';
import { queueDraft } from '../../renderer/features/outbox/outbox-db';
import { sendDueReplies } from '../../renderer/features/outbox/send-due-replies';
import { syncForum } from '../../renderer/features/sync/sync-forum';
import { NntpClient } from '../../main/sources/nntp/nntp-client';
import { freshDb } from '../support/fresh-db';
import { createTestGroup, findInn2, INN2_ADDRESS, postArticles, removeTestGroups } from '../support/inn2';
import { startReaderBackend, type ReaderBackend } from '../support/reader-backend';

const inn2 = await findInn2();
if (!inn2.available) console.warn(inn2.why);

describe.skipIf(!inn2.available)('a newsgroup in the reader, against INN2', () => {
  let backend: ReaderBackend;
  let db: ReaderDb;
  beforeAll(async () => {
    backend = await startReaderBackend();
    db = freshDb();
  });
  afterAll(async () => {
    await backend.close();
    await removeTestGroups();
  });

  it('is added by address, synced as plain-text posts, answered once, and the answer stays one post', async () => {
    const group = await createTestGroup('reader');
    const rootId = `<reader-root.${group}@test.reader.invalid>`;
    await postArticles(group, [
      { subject: 'Old one', body: 'Too old for the first sync\n' },
      { subject: 'Grüße aus Köln', body: 'Hallo,\n\n> quoted\n\n-- \nsig\n', messageId: rootId, headers: ['Content-Type: text/plain; charset=UTF-8'] },
    ]);
    const probed = await backend.api.probeForum({ address: 'news://127.0.0.1' });
    if (!probed.ok) throw new Error(probed.error.message);
    const probe = probed.value;
    const board = probe.boards.find((candidate) => candidate.name === group)!;
    await addForum(db, probe, { followedBoardIds: new Set([board.id]) });
    expect((await db.forums.get(probe.forumId))?.protocol).toBe('nntp');
    await setSetting(db, newsSyncSetting(probe.forumId), { firstSyncArticles: 1, connections: 1 });

    const first = await syncForum(db, backend.api, probe.forumId);
    expect(first).toMatchObject({ status: 'completed', postsFetched: 1 });
    const [root] = await db.posts.where('forumId').equals(probe.forumId).toArray();
    expect(root).toMatchObject({ bodyFormat: 'plain', remoteKey: rootId, html: 'Hallo,\n\n> quoted\n\n-- \nsig', username: 'Test Poster' });
    const thread = (await db.threads.get(root!.threadId))!;
    expect(thread).toMatchObject({ title: 'Grüße aus Köln', boardId: board.id, storedPostCount: 1 });

    const account = await backend.api.setNewsAccount({ forumId: probe.forumId, baseUrl: probe.baseUrl, identity: { displayName: 'Zoë Reader', email: 'zoe@test.reader.invalid' } });
    expect(account).toMatchObject({ ok: true, value: { kind: 'news', username: 'zoe@test.reader.invalid', identity: { displayName: 'Zoë Reader' } } });
    const draftId = await startReply(db, { threadId: thread.id, post: { postNumber: 1, username: root!.username }, quote: null });
    await saveDraftText(db, draftId, 'Danke!');
    await queueDraft(db, draftId, { sendLater: false });
    const pass = await sendDueReplies(db, backend.api);
    expect(pass.outcomes).toMatchObject({ sent: 1, refused: 0, retry: 0 });

    const client = new NntpClient({ address: INN2_ADDRESS });
    try {
      expect((await client.group(group)).count).toBe(3);
    } finally {
      client.close();
    }
    // The next sync reads the reply from the server and finds it stored: one post, in its thread.
    const request = await buildSyncRequest(db, probe.forumId);
    expect(request.known[0]?.thread).toEqual({ boardId: board.id, title: 'Grüße aus Köln', authorUsername: 'Test Poster', createdAt: thread.createdAt });
    const second = await syncForum(db, backend.api, probe.forumId);
    expect(second).toMatchObject({ status: 'completed', postsFetched: 0 });
    const posts = await db.posts.where('threadId').equals(thread.id).sortBy('postNumber');
    expect(posts.map((post) => [post.postNumber, post.username, post.replyToPostNumber])).toEqual([
      [1, 'Test Poster', null],
      [2, 'Zoë Reader', 1],
    ]);
    expect((await db.threads.get(thread.id))?.storedPostCount).toBe(2);
  });

  it('an article crossposted to two followed groups is one post, its thread listed in both groups and counted unread in each', async () => {
    const first = await createTestGroup('cross');
    const second = await createTestGroup('cross');
    const crossId = `<cross.${first}@test.reader.invalid>`;
    await postArticles(second, [{ subject: 'Only in the second', body: 'x\n' }]);
    await postArticles(`${first},${second}`, [{ subject: 'In both', body: 'y\n', messageId: crossId }]);
    const probed = await backend.api.probeForum({ address: 'news://127.0.0.1' });
    if (!probed.ok) throw new Error(probed.error.message);
    const boardOf = (group: string) => probed.value.boards.find((candidate) => candidate.name === group)!.id;
    const forumId = probed.value.forumId;
    await addForum(db, probed.value, { followedBoardIds: new Set([boardOf(first), boardOf(second)]) });
    // The same forum as the test before, which set its first syncs to one article.
    await setSetting(db, newsSyncSetting(forumId), { firstSyncArticles: 10, connections: 1 });

    expect(await syncForum(db, backend.api, forumId)).toMatchObject({ status: 'completed' });
    const copies = await db.posts.where('forumId').equals(forumId).filter((post) => post.remoteKey === crossId).toArray();
    expect(copies).toHaveLength(1);
    const titles = async (group: string) => (await threadsOfBoard(db, boardOf(group))).map((thread) => thread.title);
    expect(await titles(first)).toEqual(['In both']);
    expect((await titles(second)).sort()).toEqual(['In both', 'Only in the second']);
    const unread = await unreadByBoard(db, forumId);
    expect([unread.get(boardOf(first)), unread.get(boardOf(second))]).toEqual([1, 2]);

    // The next run starts from what is stored, and keeps the thread in both lists.
    expect(await syncForum(db, backend.api, forumId)).toMatchObject({ status: 'completed', postsFetched: 0 });
    expect(await titles(first)).toEqual(['In both']);
    expect((await titles(second)).sort()).toEqual(['In both', 'Only in the second']);
  });
});
