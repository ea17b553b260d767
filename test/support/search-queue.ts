import type { ReaderDb } from '../../renderer/db/reader-db';

/** Every post id the search queue lists, whatever the form of its row (one post, or a batch). */
export async function queuedPostIds(db: ReaderDb): Promise<string[]> {
  return (await db.searchQueue.toArray()).flatMap((row) => row.postIds ?? [row.postId]);
}
