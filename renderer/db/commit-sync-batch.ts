// The SyncSink's write: a batch and the cursors it reaches, in one transaction, so a crash
// leaves either all of it or none of it.
import type { SyncBatch } from '../../shared/model';
import { postsCommitted, postsCommitting } from './posts-committed';
import { postWriteTables, writePosts } from './post-writes';
import { searchQueueBatch, type ReaderDb } from './reader-db';

export async function commitSyncBatch(db: ReaderDb, batch: SyncBatch): Promise<void> {
  // One queue row for the whole batch, handed to the search index with the posts once committed.
  const queued = searchQueueBatch([...batch.posts.map((post) => post.id), ...batch.removedPostIds]);
  let settle: (committed: boolean) => void = () => {};
  postsCommitting({ db, queueKey: queued.postId, outcome: new Promise((resolve) => (settle = resolve)) });
  await db.transaction('rw', [...postWriteTables(db), db.threadCursors, db.boardCursors], async (tx) => {
    await writePosts(tx, { posts: batch.posts, removedPostIds: batch.removedPostIds, threads: batch.threads, queueRow: queued });
    await db.threadCursors.bulkPut(batch.threadCursors);
    await db.boardCursors.bulkPut(batch.boardCursors);
  }).catch((error: unknown) => {
    settle(false);
    throw error;
  });
  settle(true);
  postsCommitted({ db, posts: batch.posts, removedPostIds: batch.removedPostIds, threadTitles: Object.fromEntries(batch.threads.map((thread) => [thread.id, thread.title])), queueKey: queued.postId });
}
