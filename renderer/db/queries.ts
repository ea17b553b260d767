// Small named reads that components call through useLiveQuery.
import Dexie from 'dexie';
import type { BoardRow, DraftRow, ForumRow, OutboxRow, PostRow, ReaderDb, ThreadRow } from './reader-db';

export const forumsInOrder = (db: ReaderDb): Promise<ForumRow[]> => db.forums.orderBy('id').toArray().then((rows) => rows.sort(bySampleFirst));

const bySampleFirst = (a: ForumRow, b: ForumRow) => Number(b.isSample) - Number(a.isSample) || a.name.localeCompare(b.name);

export const boardsOfForum = (db: ReaderDb, forumId: string): Promise<BoardRow[]> =>
  db.boards.where('forumId').equals(forumId).sortBy('position');

/** A board's threads, most recently active first: its own, and newsgroup threads crossposted into it. */
export async function threadsOfBoard(db: ReaderDb, boardId: string): Promise<ThreadRow[]> {
  const [own, crossposted] = await Promise.all([
    db.threads.where('[boardId+bumpedAt]').between([boardId, Dexie.minKey], [boardId, Dexie.maxKey]).reverse().toArray(),
    db.threads.where('alsoInBoardIds').equals(boardId).toArray(),
  ]);
  if (crossposted.length === 0) return own;
  return [...own, ...crossposted].sort((a, b) => b.bumpedAt.localeCompare(a.bumpedAt));
}

export const threadById = (db: ReaderDb, threadId: string): Promise<ThreadRow | undefined> => db.threads.get(threadId);

/** Posts of a thread in order, optionally a window of post numbers [from, to]. */
export const postsOfThread = (db: ReaderDb, threadId: string, range: { from: number; to: number } = { from: 0, to: Infinity }): Promise<PostRow[]> =>
  db.posts.where('[threadId+postNumber]').between([threadId, range.from], [threadId, range.to], true, true).toArray();

/** Unread posts per board of a forum, summed from the counts kept on thread rows (a crossposted thread's in each of its boards). */
export async function unreadByBoard(db: ReaderDb, forumId: string): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  await db.threads
    .where('forumId')
    .equals(forumId)
    .each((thread) => {
      for (const boardId of [thread.boardId, ...(thread.alsoInBoardIds ?? [])]) totals.set(boardId, (totals.get(boardId) ?? 0) + thread.unreadCount);
    });
  return totals;
}

export const forumById = (db: ReaderDb, forumId: string): Promise<ForumRow | undefined> => db.forums.get(forumId);

/** When each forum last finished a sync ('' when it has not): a completed sync means that forum can be reached. */
export async function lastSyncedByForum(db: ReaderDb): Promise<Record<string, string>> {
  return Object.fromEntries((await db.forums.toArray()).map((forum) => [forum.id, forum.lastSyncedAt ?? '']));
}

export const draftById = (db: ReaderDb, draftId: string): Promise<DraftRow | undefined> => db.drafts.get(draftId);

export const outboxItemById = (db: ReaderDb, id: string): Promise<OutboxRow | undefined> => db.outbox.get(id);

/** Every outbox item, the latest queued first. */
export const outboxNewestFirst = (db: ReaderDb): Promise<OutboxRow[]> => db.outbox.toArray().then((rows) => rows.sort((a, b) => b.queuedAt.localeCompare(a.queuedAt)));

/** Replies to a thread that the forum does not have yet (neither sent nor in its review queue). */
export const undeliveredRepliesInThread = (db: ReaderDb, threadId: string): Promise<number> =>
  db.outbox.where('threadId').equals(threadId).filter((item) => item.state !== 'sent' && item.state !== 'awaiting-approval').count();
