// Read state: a read mark per read post, and each thread's unreadCount kept beside it in the same
// transaction, so the lists can show counts without counting 10,000 posts on every change.
import Dexie from 'dexie';
import type { ReaderDb } from './reader-db';

/** Post ids of a thread in post-number order, from the index alone (no post bodies). */
export const postIdsOfThread = (db: ReaderDb, threadId: string): Promise<string[]> =>
  db.posts
    .where('[threadId+postNumber]')
    .between([threadId, Dexie.minKey], [threadId, Dexie.maxKey])
    .primaryKeys() as Promise<string[]>;

export const readPostIdsOfThread = (db: ReaderDb, threadId: string): Promise<string[]> =>
  db.readMarks.where('threadId').equals(threadId).primaryKeys();

/** Which of these posts are read. */
export const readAmong = async (db: ReaderDb, postIds: readonly string[]): Promise<Set<string>> =>
  new Set((await db.readMarks.bulkGet([...postIds])).flatMap((mark) => (mark ? [mark.postId] : [])));

/** Marks posts read; ids already read, or no longer stored, change nothing. Returns how many became read. */
export async function markPostsRead(db: ReaderDb, postIds: readonly string[]): Promise<number> {
  if (postIds.length === 0) return 0;
  return db.transaction('rw', [db.posts, db.readMarks, db.threads], async () => {
    const [posts, marks] = await Promise.all([db.posts.bulkGet([...postIds]), db.readMarks.bulkGet([...postIds])]);
    const readAt = new Date().toISOString();
    const fresh = posts.filter((post, i) => post !== undefined && marks[i] === undefined).map((post) => post!);
    const unique = [...new Map(fresh.map((post) => [post.id, post])).values()];
    if (unique.length === 0) return 0;
    await db.readMarks.bulkPut(unique.map((post) => ({ postId: post.id, threadId: post.threadId, readAt })));
    const byThread = new Map<string, number>();
    for (const post of unique) byThread.set(post.threadId, (byThread.get(post.threadId) ?? 0) + 1);
    for (const [threadId, count] of byThread) {
      await db.threads.where(':id').equals(threadId).modify((thread) => {
        thread.unreadCount = Math.max(0, thread.unreadCount - count);
      });
    }
    return unique.length;
  });
}

/** Every stored post of the thread becomes read. */
export async function markThreadRead(db: ReaderDb, threadId: string): Promise<void> {
  await db.transaction('rw', [db.posts, db.readMarks, db.threads], async () => {
    const [postIds, readIds] = await Promise.all([postIdsOfThread(db, threadId), readPostIdsOfThread(db, threadId)]);
    const read = new Set(readIds);
    const readAt = new Date().toISOString();
    await db.readMarks.bulkPut(postIds.filter((id) => !read.has(id)).map((postId) => ({ postId, threadId, readAt })));
    await db.threads.update(threadId, { unreadCount: 0 });
  });
}

/** Every stored post of the thread becomes unread again. */
export async function markThreadUnread(db: ReaderDb, threadId: string): Promise<void> {
  await db.transaction('rw', [db.readMarks, db.threads], async () => {
    await db.readMarks.where('threadId').equals(threadId).delete();
    await db.threads.where(':id').equals(threadId).modify((thread) => {
      thread.unreadCount = thread.storedPostCount;
    });
  });
}

/**
 * Where a thread opens: the index (in post order) of its first unread post, 0 when every post is
 * read or none is. Reads keys only, and skips even that when the thread row's counts settle it.
 */
export async function firstUnreadIndex(db: ReaderDb, threadId: string, postIds?: readonly string[]): Promise<number> {
  const thread = await db.threads.get(threadId);
  if (!thread || thread.unreadCount === 0 || thread.unreadCount >= thread.storedPostCount) return 0;
  const [ids, readIds] = await Promise.all([postIds ?? postIdsOfThread(db, threadId), readPostIdsOfThread(db, threadId)]);
  const read = new Set(readIds);
  const index = ids.findIndex((id) => !read.has(id));
  return index === -1 ? 0 : index;
}
