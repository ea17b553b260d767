// The database reads search needs besides the index itself.
import Dexie from 'dexie';
import type { PostRow, ReaderDb, ThreadRow } from '../../db/reader-db';

export const threadIdsOfBoard = (db: ReaderDb, boardId: string): Promise<string[]> =>
  db.threads
    .where('[boardId+bumpedAt]')
    .between([boardId, Dexie.minKey], [boardId, Dexie.maxKey])
    .primaryKeys() as Promise<string[]>;

export const bookmarkedPostIds = (db: ReaderDb): Promise<string[]> => db.bookmarks.orderBy('postId').keys() as Promise<string[]>;

export async function threadsById(db: ReaderDb, threadIds: Iterable<string>): Promise<Map<string, ThreadRow>> {
  const ids = [...new Set(threadIds)];
  const rows = await db.threads.bulkGet(ids);
  return new Map(rows.flatMap((row) => (row ? [[row.id, row] as const] : [])));
}

export async function postsById(db: ReaderDb, postIds: readonly string[]): Promise<Map<string, PostRow>> {
  const rows = await db.posts.bulkGet([...postIds]);
  return new Map(rows.flatMap((row) => (row ? [[row.id, row] as const] : [])));
}
