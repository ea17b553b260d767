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

/**
 * Posts by id, with plain IndexedDB requests in one read-only transaction. A page of results is
 * twenty posts read all over the table, the larger part of a query's time; Dexie's bulkGet added
 * 0.4 ms at the median and 1 ms at the 95th percentile to those reads in the index worker.
 */
export async function postsById(db: ReaderDb, postIds: readonly string[]): Promise<Map<string, PostRow>> {
  const found = new Map<string, PostRow>();
  if (postIds.length === 0) return found;
  if (!db.isOpen()) await db.open();
  const store = db.backendDB().transaction(db.posts.name, 'readonly').objectStore(db.posts.name);
  return new Promise((resolve, reject) => {
    let left = postIds.length;
    for (const postId of postIds) {
      const request = store.get(postId) as IDBRequest<PostRow | undefined>;
      request.onsuccess = () => {
        if (request.result) found.set(postId, request.result);
        if (--left === 0) resolve(found);
      };
      request.onerror = () => reject(request.error ?? new Error(`Reading post ${postId} failed.`));
    }
  });
}
