// The database reads search needs besides the index itself.
import Dexie, { type EntityTable, type IDType } from 'dexie';
import type { PostRow, ReaderDb, ThreadRow } from '../../db/reader-db';

/** A board's threads, with the newsgroup threads crossposted into it. */
export async function threadIdsOfBoard(db: ReaderDb, boardId: string): Promise<string[]> {
  const [own, crossposted] = await Promise.all([
    db.threads.where('[boardId+bumpedAt]').between([boardId, Dexie.minKey], [boardId, Dexie.maxKey]).primaryKeys(),
    db.threads.where('alsoInBoardIds').equals(boardId).primaryKeys(),
  ]);
  return [...own, ...crossposted] as string[];
}

export const bookmarkedPostIds = (db: ReaderDb): Promise<string[]> => db.bookmarks.orderBy('postId').keys() as Promise<string[]>;

/** The rows of these ids that are stored, in one read. */
async function rowsById<Row extends { id: string }>(table: EntityTable<Row, 'id'>, ids: Iterable<string>): Promise<Map<string, Row>> {
  const rows = await table.bulkGet([...new Set(ids)] as IDType<Row, 'id'>[]);
  return new Map(rows.flatMap((row) => (row ? [[row.id, row] as const] : [])));
}

export const threadsById = (db: ReaderDb, threadIds: Iterable<string>): Promise<Map<string, ThreadRow>> => rowsById(db.threads, threadIds);

export const postsById = (db: ReaderDb, postIds: Iterable<string>): Promise<Map<string, PostRow>> => rowsById(db.posts, postIds);
