// The SyncSink's write: a batch and the cursors it reaches, in one transaction, so a crash
// leaves either all of it or none of it.
import type { SyncBatch } from '../../shared/model';
import type { ReaderDb, ThreadRow } from './reader-db';

export async function commitSyncBatch(db: ReaderDb, batch: SyncBatch): Promise<void> {
  await db.transaction('rw', [db.posts, db.threads, db.threadCursors, db.boardCursors], async () => {
    const incomingIds = batch.posts.map((post) => post.id);
    const [existing, removed] = await Promise.all([
      db.posts.where(':id').anyOf(incomingIds).primaryKeys(),
      db.posts.bulkGet(batch.removedPostIds),
    ]);
    const stored = new Set(existing);
    const delta = new Map<string, number>();
    const bump = (threadId: string, by: number) => delta.set(threadId, (delta.get(threadId) ?? 0) + by);
    for (const post of batch.posts) if (!stored.has(post.id)) bump(post.threadId, 1);
    for (const post of removed) if (post) bump(post.threadId, -1);

    const threadIds = [...new Set([...batch.threads.map((thread) => thread.id), ...delta.keys()])];
    const storedThreads = new Map((await db.threads.bulkGet(threadIds)).filter((row) => row !== undefined).map((row) => [row.id, row]));
    const incoming = new Map(batch.threads.map((thread) => [thread.id, thread]));
    const rows: ThreadRow[] = [];
    for (const id of threadIds) {
      const before = storedThreads.get(id);
      const thread = incoming.get(id) ?? before;
      if (!thread) continue;
      const change = delta.get(id) ?? 0;
      rows.push({
        ...thread,
        storedPostCount: Math.max(0, (before?.storedPostCount ?? 0) + change),
        unreadCount: Math.max(0, (before?.unreadCount ?? 0) + change),
      });
    }

    await db.posts.bulkPut(batch.posts);
    await db.posts.bulkDelete(batch.removedPostIds);
    await db.threads.bulkPut(rows);
    await db.threadCursors.bulkPut(batch.threadCursors);
    await db.boardCursors.bulkPut(batch.boardCursors);
  });
}
