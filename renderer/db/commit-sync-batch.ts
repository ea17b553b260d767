// The SyncSink's write: a batch and the cursors it reaches, in one transaction, so a crash
// leaves either all of it or none of it.
import type { SyncBatch } from '../../shared/model';
import { postsCommitted, postsCommitting } from './posts-committed';
import { postNumberSpans, putPostsObserved } from './put-posts-observed';
import { searchQueueBatch, type ReaderDb, type ThreadRow } from './reader-db';

export async function commitSyncBatch(db: ReaderDb, batch: SyncBatch): Promise<void> {
  const queued = searchQueueBatch([...batch.posts.map((post) => post.id), ...batch.removedPostIds]);
  let settle: (committed: boolean) => void = () => {};
  postsCommitting({ db, queueKey: queued.postId, outcome: new Promise((resolve) => (settle = resolve)) });
  await db.transaction('rw', [db.posts, db.threads, db.threadCursors, db.boardCursors, db.searchQueue, db.readMarks], async (tx) => {
    const incomingIds = batch.posts.map((post) => post.id);
    const [existing, removed, removedMarks] = await Promise.all([
      storedAmong(db, batch.posts),
      db.posts.bulkGet(batch.removedPostIds),
      db.readMarks.bulkGet(batch.removedPostIds),
    ]);
    const stored = new Set(existing.flat());
    // Per thread: the change in stored posts, and in unread ones (a removed post that was read
    // takes its read mark with it, not a count off unread).
    const delta = new Map<string, { stored: number; unread: number }>();
    const bump = (threadId: string, stored: number, unread: number) => {
      const change = delta.get(threadId) ?? { stored: 0, unread: 0 };
      delta.set(threadId, { stored: change.stored + stored, unread: change.unread + unread });
    };
    const added = new Set<string>();
    for (const post of batch.posts) {
      if (stored.has(post.id) || added.has(post.id)) continue;
      added.add(post.id);
      bump(post.threadId, 1, 1);
    }
    removed.forEach((post, i) => {
      if (post) bump(post.threadId, -1, removedMarks[i] ? 0 : -1);
    });

    const threadIds = [...new Set([...batch.threads.map((thread) => thread.id), ...delta.keys()])];
    const storedThreads = new Map((await db.threads.bulkGet(threadIds)).filter((row) => row !== undefined).map((row) => [row.id, row]));
    const incoming = new Map(batch.threads.map((thread) => [thread.id, thread]));
    const rows: ThreadRow[] = [];
    for (const id of threadIds) {
      const before = storedThreads.get(id);
      const thread = incoming.get(id) ?? before;
      if (!thread) continue;
      const change = delta.get(id) ?? { stored: 0, unread: 0 };
      rows.push({
        ...thread,
        storedPostCount: Math.max(0, (before?.storedPostCount ?? 0) + change.stored),
        unreadCount: Math.max(0, (before?.unreadCount ?? 0) + change.unread),
      });
    }

    putPostsObserved(tx, batch.posts);
    await db.posts.bulkDelete(batch.removedPostIds);
    await db.readMarks.bulkDelete(batch.removedPostIds.filter((_, i) => removedMarks[i] !== undefined));
    await db.threads.bulkPut(rows);
    await db.threadCursors.bulkPut(batch.threadCursors);
    await db.boardCursors.bulkPut(batch.boardCursors);
    // The search index follows in the background (features/search); queueing here, in the same
    // transaction, means no committed change can escape it.
    await db.searchQueue.add(queued);
  }).catch((error: unknown) => {
    settle(false);
    throw error;
  });
  settle(true);
  postsCommitted({ db, posts: batch.posts, removedPostIds: batch.removedPostIds, threadTitles: Object.fromEntries(batch.threads.map((thread) => [thread.id, thread.title])), queueKey: queued.postId });
}

/**
 * Which of these posts are stored already. One index range per thread, covering the batch's post
 * numbers, reads keys only; looking up 500 ids one by one cost more than writing the posts.
 */
function storedAmong(db: ReaderDb, posts: SyncBatch['posts']): Promise<string[][]> {
  return Promise.all(
    [...postNumberSpans(posts)].map(([threadId, span]) =>
      db.posts
        .where('[threadId+postNumber]')
        .between([threadId, span.from], [threadId, span.to], true, true)
        .primaryKeys() as Promise<string[]>,
    ),
  );
}
