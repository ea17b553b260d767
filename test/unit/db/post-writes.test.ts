// Every path that writes or removes posts goes through renderer/db/post-writes.ts, so each one
// keeps the rule: a stored post is always counted on its thread and always queued for the index.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { commitSyncBatch } from '../../../renderer/db/commit-sync-batch';
import { markPostsRead } from '../../../renderer/db/read-state';
import { ReaderDb } from '../../../renderer/db/reader-db';
import { exportLibrary } from '../../../renderer/features/backup/export-library';
import { importLibrary } from '../../../renderer/features/backup/import-library';
import { recordOutcome } from '../../../renderer/features/outbox/outbox-db';
import { removeForum } from '../../../renderer/features/storage/remove-forum';
import { memorySink, seedLibrary } from '../../support/library-fixture';
import { queuedPostIds } from '../../support/search-queue';
import { batch, FORUM, post, THREAD, thread } from '../../support/one-thread-batches';

let dbCount = 0;
const dbs: ReaderDb[] = [];
const newDb = () => {
  const db = new ReaderDb(`post-writes-${++dbCount}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  dbs.push(db);
  return db;
};
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

/** Each thread's counts worked out from its rows, beside the counts kept on it. */
async function threadCounts(db: ReaderDb) {
  const [threads, posts, marks] = await Promise.all([db.threads.toArray(), db.posts.toArray(), db.readMarks.toArray()]);
  const read = new Set(marks.map((mark) => mark.postId));
  return threads.map((row) => {
    const own = posts.filter((p) => p.threadId === row.id);
    return {
      thread: row.id,
      kept: { stored: row.storedPostCount, unread: row.unreadCount },
      actual: { stored: own.length, unread: own.filter((p) => !read.has(p.id)).length },
    };
  });
}

/** The rule: every thread's counts match its rows, and every post in `changed` is queued for the index. */
async function expectCountedAndIndexed(db: ReaderDb, changed: string[]) {
  const counts = await threadCounts(db);
  expect(counts.length).toBeGreaterThan(0);
  for (const { thread: id, kept, actual } of counts) expect({ id, ...kept }).toEqual({ id, ...actual });
  const queued = new Set(await queuedPostIds(db));
  expect(changed.filter((id) => !queued.has(id))).toEqual([]);
}

describe('a stored post is always counted and always indexed', () => {
  it('when a sync batch adds, sends again and removes posts', async () => {
    const db = newDb();
    await commitSyncBatch(db, batch({ posts: [1, 2, 3, 4].map(post) }));
    await markPostsRead(db, [post(1).id, post(2).id]);
    await commitSyncBatch(db, batch({ posts: [3, 4, 5].map(post), removedPostIds: [post(2).id, post(3).id] }));
    await expectCountedAndIndexed(db, [1, 2, 3, 4, 5].map((n) => post(n).id));
    expect((await db.threads.get(THREAD))?.storedPostCount).toBe(3);
  });

  it("when one's own sent reply is stored at once, read", async () => {
    const db = newDb();
    await commitSyncBatch(db, batch({ posts: [1, 2].map(post) }));
    await db.outbox.add({
      id: 'client-1', draftId: 'draft-1', forumId: FORUM, threadId: THREAD, replyToPostNumber: null, text: 'Mine', state: 'sending',
      attempts: 1, nextAttemptAt: null, lastError: null, queuedAt: '2024-01-03T00:00:00.000Z', remotePostId: null,
    });
    await recordOutcome(db, 'client-1', { kind: 'sent', post: post(3), foundInThread: false });
    await expectCountedAndIndexed(db, [1, 2, 3].map((n) => post(n).id));
    expect(await db.threads.get(THREAD)).toMatchObject({ storedPostCount: 3, unreadCount: 2 });
  });

  it('when a library is imported over posts stored here', async () => {
    const source = newDb();
    await seedLibrary(source, { forumId: FORUM, threads: 3, postsPerThread: 12, readEvery: 3 });
    const memory = memorySink();
    await exportLibrary(source, memory.sink);
    const target = newDb();
    // Some of the same posts stored here already, some read, and one post only here.
    const [sourceThread] = await source.threads.toArray();
    const sourcePosts = await source.posts.filter((p) => p.threadId === sourceThread!.id).toArray();
    await commitSyncBatch(target, batch({ threads: [sourceThread!], posts: [...sourcePosts.slice(0, 5), { ...post(40), threadId: sourceThread!.id, postNumber: 40 }] }));
    await markPostsRead(target, [sourcePosts[1]!.id]);

    expect(await importLibrary(target, memory.file())).toMatchObject({ ok: true });
    await expectCountedAndIndexed(target, (await source.posts.toArray()).map((p) => p.id));
    expect((await target.threads.get(sourceThread!.id))?.storedPostCount).toBe(13);
  });

  it('when a forum is removed', async () => {
    const db = newDb();
    await commitSyncBatch(db, batch({ posts: [1, 2, 3].map(post) }));
    await db.searchQueue.clear();
    const other = { ...thread, id: 'other.test/t/1', forumId: 'other.test', boardId: 'other.test/c/1' };
    await commitSyncBatch(db, batch({ forumId: 'other.test', threads: [other], posts: [{ ...post(1), id: 'other.test/p/1', forumId: 'other.test', threadId: other.id }] }));

    expect(await removeForum(db, FORUM, { keepBookmarks: false })).toMatchObject({ threads: 1, posts: 3 });
    await expectCountedAndIndexed(db, [1, 2, 3].map((n) => post(n).id));
    expect(await db.posts.where('forumId').equals(FORUM).count()).toBe(0);
    expect(await db.readMarks.count()).toBe(0);
  });
});
