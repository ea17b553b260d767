// How a sync run ended, kept: the forum's last sync and error, the sync log (its newest runs), the
// threads that failed, and which boards hold a thread followed on its own.
import type { SyncSummary } from '../../../shared/api';
import { threadIdFor, type ForumProtocol } from '../../../shared/model';
import type { ReaderDb } from '../../db/reader-db';
import { countBoards } from '../../ui/board-words';
import { recordThreadSyncErrors } from './thread-sync-errors';

/** Runs kept in the sync log. */
const SYNC_LOG_LIMIT = 200;

export async function recordSyncOutcome(db: ReaderDb, summary: SyncSummary, completedThreads: ReadonlySet<string>, threadsOnly: boolean) {
  // Work offline and a user's cancel are choices, not errors worth showing on the forum.
  const quiet = summary.error?.code === 'offline';
  if (!quiet) {
    await db.transaction('rw', [db.forums, db.syncLog], async () => {
      if (!threadsOnly || summary.status !== 'completed') {
        const forum = await db.forums.get(summary.forumId);
        await db.forums.update(summary.forumId, {
          lastSyncError: summary.error?.message ?? itemErrorsText(summary, forum?.protocol),
          ...(summary.status === 'completed' && !threadsOnly ? { lastSyncedAt: summary.finishedAt } : {}),
        });
      }
      await db.syncLog.add({
        forumId: summary.forumId,
        runId: summary.runId,
        startedAt: summary.startedAt,
        finishedAt: summary.finishedAt,
        status: summary.status,
        threadsChanged: summary.threadsChanged,
        postsFetched: summary.postsFetched,
        requests: summary.requests,
        serverWaitMs: summary.serverWaitMs,
        errors: [
          ...(summary.error ? [summary.error.message] : []),
          ...summary.boardErrors.map((failed) => `${failed.title}: ${failed.error.message}`),
          ...summary.threadErrors.map((failed) => `${failed.title}: ${failed.error.message}`),
        ],
        scope: threadsOnly ? 'threads' : 'forum',
        ...(summary.images && { images: summary.images }),
      });
      const count = await db.syncLog.count();
      if (count > SYNC_LOG_LIMIT) {
        const oldest = await db.syncLog.orderBy('startedAt').limit(count - SYNC_LOG_LIMIT).primaryKeys();
        await db.syncLog.bulkDelete(oldest);
      }
    });
  }
  await recordThreadSyncErrors(db, summary, completedThreads);
  if (!threadsOnly) await markBoardsHoldingFollowedThreads(db, summary.forumId);
}

/** A board not followed whole is still shown when a thread followed on its own lives there. */
async function markBoardsHoldingFollowedThreads(db: ReaderDb, forumId: string) {
  await db.transaction('rw', [db.forums, db.threads, db.boards], async () => {
    const forum = await db.forums.get(forumId);
    const threadIds = (forum?.followedThreadIds ?? []).map((remoteId) => threadIdFor(forumId, remoteId));
    const holding = new Set((await db.threads.bulkGet(threadIds)).filter((thread) => thread !== undefined).map((thread) => thread.boardId));
    const boards = await db.boards.where('forumId').equals(forumId).toArray();
    const changed = boards.filter((board) => (board.holdsFollowedThread ?? false) !== holding.has(board.id));
    await db.boards.bulkPut(changed.map((board) => ({ ...board, holdsFollowedThread: holding.has(board.id) })));
  });
}

export function itemErrorsText(summary: Pick<SyncSummary, 'threadErrors' | 'boardErrors'>, protocol: ForumProtocol | undefined): string | null {
  const threads = summary.threadErrors.length;
  const boards = summary.boardErrors.length;
  if (threads + boards === 0) return null;
  const parts = [
    ...(boards > 0 ? [countBoards(boards, protocol)] : []),
    ...(threads > 0 ? [`${threads} ${threads === 1 ? 'thread' : 'threads'}`] : []),
  ];
  return `${parts.join(' and ')} could not be synced; the Sync log says why. The next sync tries again.`;
}
