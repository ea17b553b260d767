// How rows from a library file join the rows already stored, table by table, so that importing
// into a profile that has some of the same data (or importing the same file twice) adds nothing
// twice. Rows are matched on their ids, which are the forum's own (forum/t/123, forum/p/456), so a
// post synced here and the same post from the file are one row. Where both sides have a row:
//   - remote copies (threads, posts, cursors) keep the newer one;
//   - what the person made (bookmarks, highlights, drafts, outbox, settings) keeps what is here,
//     except a draft edited later in the file;
//   - a bookmark on a post that already has one here is not added (one bookmark per post), and a
//     highlight of the same passage of the same post is not added again;
//   - a reply still waiting to be sent may have been sent meanwhile by the profile the file came
//     from: it comes back as "may have been sent", so the sender looks in the thread before posting
//     (the exactly-once rule of main/outbox/reply-sender.ts), instead of posting it a second time.
// Every read and write goes through the import's transaction object (tx.table), so each stays in
// that one transaction however the awaits in between are scheduled.
import type { Transaction } from 'dexie';
import { writePosts } from '../../db/post-writes';
import type { BookmarkRow, HighlightRow, ImageRow, ImageUseRow, PostRow, SyncLogRow } from '../../db/reader-db';
import type { LibraryTable, TableCounts } from './library-format';
import { mergePictures, mergePictureUses } from './merge-library-pictures';

type Row = Record<string, unknown>;

export interface MergeTally {
  added: TableCounts;
  replaced: TableCounts;
  kept: TableCounts;
  /** Threads whose stored and unread counts must be worked out again once every row is in. */
  touchedThreads: Set<string>;
  /** Sync runs already logged here, by run id (the log's own ids differ between profiles). */
  loggedRuns: Set<string> | null;
}

const newer = (incoming: unknown, existing: unknown) => String(incoming ?? '') > String(existing ?? '');
const num = (value: unknown) => (typeof value === 'number' ? value : -Infinity);

/** Decides, for a row that exists on both sides, whether the file's replaces it. */
const REPLACES: Partial<Record<LibraryTable, (incoming: Row, existing: Row) => boolean>> = {
  threads: (incoming, existing) => newer(incoming.bumpedAt, existing.bumpedAt) || num(incoming.highestPostNumber) > num(existing.highestPostNumber),
  posts: (incoming, existing) => num(incoming.version) > num(existing.version),
  threadCursors: (incoming, existing) => num(incoming.highestPostNumber) > num(existing.highestPostNumber) || newer(incoming.lastPostedAt, existing.lastPostedAt),
  boardCursors: (incoming, existing) => newer(incoming.watermark, existing.watermark),
  drafts: (incoming, existing) => newer(incoming.updatedAt, existing.updatedAt),
};

const passageKey = (row: Pick<HighlightRow, 'postId' | 'exact' | 'prefix' | 'suffix'>) => JSON.stringify([row.postId, row.exact, row.prefix, row.suffix]);

export async function mergeLibraryRows(tx: Transaction, table: LibraryTable, rows: Row[], tally: MergeTally): Promise<void> {
  if (rows.length === 0) return;
  if (table === 'syncLog') return mergeSyncLog(tx, rows, tally);
  if (table === 'images') return mergePictures(tx, rows as unknown as ImageRow[], tally);
  if (table === 'imageUses') return mergePictureUses(tx, rows as unknown as ImageUseRow[], tally);
  const store = tx.table(table);
  const keyPath = store.schema.primKey.keyPath as string;
  // A damaged or hand-made file may repeat a row: the first one counts.
  const unique = [...new Map(rows.map((row) => [row[keyPath] as string, row])).values()];
  tally.kept[table] += rows.length - unique.length;
  const found = (await store.bulkGet(unique.map((row) => row[keyPath] as string))) as (Row | undefined)[];
  const existing = new Map(unique.map((row, i) => [row, found[i]]));

  let candidates = unique.filter((row) => {
    const here = existing.get(row);
    if (!here) return true;
    const replaces = REPLACES[table]?.(row, here) ?? false;
    if (!replaces) tally.kept[table] += 1;
    return replaces;
  });
  if (table === 'bookmarks') candidates = await withoutSecondBookmarks(tx, candidates as unknown as BookmarkRow[], tally);
  if (table === 'highlights') candidates = await withoutRepeatedPassages(tx, candidates as unknown as HighlightRow[], tally);

  const written: Row[] = candidates.map((row) => {
    const here = existing.get(row);
    if (here) tally.replaced[table] += 1;
    else tally.added[table] += 1;
    // A thread's counts are worked out again at the end; until then keep what was stored.
    if (table === 'threads' && here) return { ...row, storedPostCount: here.storedPostCount, unreadCount: here.unreadCount };
    if (table === 'outbox') return restoredReply(row);
    return row;
  });
  // Posts are counted and queued for the search index as they are written, as after a sync.
  if (table === 'posts') await writePosts(tx, { posts: written as unknown as PostRow[] });
  else await store.bulkPut(written);

  if (table === 'threads') for (const row of unique) tally.touchedThreads.add(row.id as string);
  if (table === 'posts' || table === 'readMarks') for (const row of written) tally.touchedThreads.add(row.threadId as string);
}

export const RESTORED_REPLY_NOTE = 'Restored from a library file: the reader looks in the thread first, in case it was sent from where the file came from.';

function restoredReply(row: Row): Row {
  if (row.state !== 'queued' && row.state !== 'sending' && row.state !== 'waiting-to-retry') return row;
  return { ...row, state: 'waiting-to-retry', maybeSent: true, nextAttemptAt: null, lastError: RESTORED_REPLY_NOTE };
}

/** One bookmark per post (the bookmarks table's unique postId index): a post bookmarked here keeps its own. */
async function withoutSecondBookmarks(tx: Transaction, rows: BookmarkRow[], tally: MergeTally): Promise<Row[]> {
  const stored = (await tx.table('bookmarks').where('postId').anyOf(rows.map((row) => row.postId)).toArray()) as BookmarkRow[];
  const taken = new Map(stored.map((row) => [row.postId, row.id]));
  const kept: Row[] = [];
  for (const row of rows) {
    const holder = taken.get(row.postId);
    if (holder !== undefined && holder !== row.id) {
      tally.kept.bookmarks += 1;
      continue;
    }
    taken.set(row.postId, row.id);
    kept.push(row as unknown as Row);
  }
  return kept;
}

/** The same passage of the same post, highlighted on two machines, is one highlight. */
async function withoutRepeatedPassages(tx: Transaction, rows: HighlightRow[], tally: MergeTally): Promise<Row[]> {
  const stored = (await tx.table('highlights').where('postId').anyOf([...new Set(rows.map((row) => row.postId))]).toArray()) as HighlightRow[];
  const seen = new Map(stored.map((row) => [passageKey(row), row.id]));
  const kept: Row[] = [];
  for (const row of rows) {
    const holder = seen.get(passageKey(row));
    if (holder !== undefined && holder !== row.id) {
      tally.kept.highlights += 1;
      continue;
    }
    seen.set(passageKey(row), row.id);
    kept.push(row as unknown as Row);
  }
  return kept;
}

async function mergeSyncLog(tx: Transaction, rows: Row[], tally: MergeTally): Promise<void> {
  tally.loggedRuns ??= new Set(((await tx.table('syncLog').toArray()) as SyncLogRow[]).map((row) => row.runId));
  const fresh: Row[] = [];
  for (const { id: _id, ...row } of rows) {
    if (tally.loggedRuns.has(row.runId as string)) {
      tally.kept.syncLog += 1;
      continue;
    }
    tally.loggedRuns.add(row.runId as string);
    fresh.push(row);
  }
  tally.added.syncLog += fresh.length;
  // The log numbers its rows itself.
  await tx.table('syncLog').bulkAdd(fresh);
}

// The import settles its threads' counts once every row is in (renderer/db/post-writes.ts).
export { recountThreads } from '../../db/post-writes';
