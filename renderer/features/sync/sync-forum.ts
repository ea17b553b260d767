// The renderer's half of a sync run: hand main the cursors, commit each batch it streams back
// in order (one transaction per batch), acknowledge it, and record how the run ended.
import Dexie from 'dexie';
import type { AppErrorInfo, ForumApi, SyncRequest, SyncSummary } from '../../../shared/api';
import { threadIdFor, type SyncBatch, type ThreadCursor } from '../../../shared/model';
import { commitSyncBatch } from '../../db/commit-sync-batch';
import type { ReaderDb, ThreadRow } from '../../db/reader-db';
import { useSyncStore } from '../../state/sync-store';
import { isWorkingOffline, postLimits } from './sync-settings';
import { recordThreadSyncErrors } from './thread-sync-errors';

export interface SyncScope {
  /** Topic ids to pass in full, re-reading every post (edits, deletions). */
  refresh?: number[];
  /** Pass only the `refresh` threads, not the followed categories. */
  threadsOnly?: boolean;
}

/** A cancelled run whose main process does not answer (closed, restarted) ends here after this. */
const CANCEL_GRACE_MS = 2_000;
/** Runs kept in the sync log. */
const SYNC_LOG_LIMIT = 200;

export async function buildSyncRequest(db: ReaderDb, forumId: string, scope: SyncScope = {}): Promise<SyncRequest> {
  const forum = await db.forums.get(forumId);
  if (!forum) throw new Error(`No forum ${forumId}.`);
  const refresh = scope.refresh ?? [];
  const threadsOnly = scope.threadsOnly === true;
  const allBoards = threadsOnly ? [] : await db.boards.where('forumId').equals(forumId).toArray();
  const boards = allBoards.filter((board) => board.followed);
  const threadIds = refresh.map((remoteId) => threadIdFor(forumId, remoteId));
  // Read side by side: with thousands of threads these reads are most of a run with nothing new.
  const [cursors, threads, cursorRows] = await Promise.all([
    db.boardCursors.bulkGet(boards.map((board) => board.id)),
    threadsOnly ? db.threads.bulkGet(threadIds).then((rows) => rows.filter((row) => row !== undefined)) : db.threads.where('forumId').equals(forumId).toArray(),
    threadsOnly ? db.threadCursors.bulkGet(threadIds) : db.threadCursors.where('threadId').startsWith(`${forumId}/t/`).toArray(), // threadIdFor's keys
  ]);
  const cursorOf = new Map(cursorRows.filter((row) => row !== undefined).map((row) => [row.threadId, row]));
  const threadCursors = threads.map((thread) => cursorOf.get(thread.id));
  const [stored, limits] = await Promise.all([storedPosts(db, threads, threadCursors), postLimits(db, forumId)]);
  return {
    forumId,
    baseUrl: forum.baseUrl,
    boards: boards.map((board, i) => ({
      boardId: board.id,
      remoteId: board.remoteId,
      slug: board.slug,
      threadLimit: board.threadLimit,
      watermark: cursors[i]?.watermark ?? null,
      childRemoteIds: allBoards.filter((child) => child.parentId === board.id).map((child) => child.remoteId),
    })),
    threads: threadsOnly ? [] : (forum.followedThreadIds ?? []).map((remoteId) => ({ boardId: null, remoteId })),
    // A thread never completed still reports the posts it has, so a resumed run skips them.
    known: threads
      .map((thread, i) => {
        const { ids = [], through } = stored.get(thread.id) ?? {};
        return {
          remoteId: thread.remoteId,
          highestPostNumber: threadCursors[i]?.highestPostNumber ?? -1,
          postsCount: threadCursors[i]?.postsCount ?? -1,
          lastPostedAt: threadCursors[i]?.lastPostedAt ?? '',
          postIds: ids,
          ...(through !== undefined && { storedThrough: through }),
        };
      })
      .filter((known) => known.highestPostNumber >= 0 || known.postIds.length > 0),
    refresh,
    ...(forum.requestsPerMinute !== undefined && { requestsPerMinute: forum.requestsPerMinute }),
    maxPostsPerThread: limits.perThread,
    maxPostsPerRun: limits.perRun,
  };
}

/**
 * The forum's ids of each thread's stored posts. A completed pass leaves them in its cursor; when
 * the stored count says a later, unfinished pass added some, the thread's posts are read instead,
 * with the highest post number among them.
 */
async function storedPosts(db: ReaderDb, threads: ThreadRow[], cursors: Array<ThreadCursor | undefined>): Promise<Map<string, { ids: number[]; through?: number }>> {
  const byThread = new Map<string, { ids: number[]; through?: number }>();
  await Promise.all(
    threads.map(async (thread, i) => {
      const fromCursor = cursors[i]?.postIds;
      if (fromCursor && fromCursor.length === thread.storedPostCount) {
        byThread.set(thread.id, { ids: fromCursor });
        return;
      }
      if (thread.storedPostCount === 0 && !cursors[i]) return;
      const inThread = () => db.posts.where('[threadId+postNumber]').between([thread.id, Dexie.minKey], [thread.id, Dexie.maxKey]);
      const [keys, last] = await Promise.all([inThread().primaryKeys(), inThread().last()]);
      byThread.set(thread.id, { ids: keys.map((key) => remotePostId(String(key))), ...(last && { through: last.postNumber }) });
    }),
  );
  return byThread;
}

/** Post ids are `${forumId}/p/${remoteId}` (shared/model.ts postIdFor). */
const remotePostId = (id: string) => Number(id.slice(id.lastIndexOf('/') + 1));

const localEnds = new Map<string, () => void>();

/** Asks main to stop a run; if main cannot answer (it was closed), the run ends here anyway. */
export async function cancelSyncRun(api: ForumApi, runId: string): Promise<void> {
  const endLocally = localEnds.get(runId);
  setTimeout(() => endLocally?.(), CANCEL_GRACE_MS);
  await api.cancelSync({ runId });
}

/** Whole-forum runs being started or in flight, by forum: asking again joins the one running. */
const forumRuns = new Map<string, Promise<SyncSummary>>();

export function syncForum(db: ReaderDb, api: ForumApi, forumId: string, scope: SyncScope = {}): Promise<SyncSummary> {
  if (scope.threadsOnly) return runSyncOnce(db, api, forumId, scope);
  const running = forumRuns.get(forumId);
  if (running) return running;
  const run = runSyncOnce(db, api, forumId, scope).finally(() => forumRuns.delete(forumId));
  forumRuns.set(forumId, run);
  return run;
}

async function runSyncOnce(db: ReaderDb, api: ForumApi, forumId: string, scope: SyncScope): Promise<SyncSummary> {
  const threadsOnly = scope.threadsOnly === true;
  if (await isWorkingOffline(db)) {
    const now = new Date().toISOString();
    return failedToStart(forumId, now, { code: 'offline', message: 'The reader is set to work offline.' });
  }
  const request = await buildSyncRequest(db, forumId, scope);
  let runId: string | null = null;
  // Events can arrive before startSync answers; hold them until the run's id is known.
  const early: Array<() => void> = [];
  let commits = Promise.resolve();
  let commitError: unknown = null;
  const completedThreads = new Set<string>();
  let finish!: (summary: SyncSummary) => void;
  const finished = new Promise<SyncSummary>((resolve) => (finish = resolve));

  const ours = (payload: { runId: string; forumId: string }, handle: () => void) => {
    if (payload.forumId !== forumId) return;
    if (runId === null) early.push(() => payload.runId === runId && handle());
    else if (payload.runId === runId) handle();
  };
  const commit = (batch: SyncBatch) => {
    commits = commits.then(async () => {
      if (commitError) return;
      try {
        await commitSyncBatch(db, batch);
      } catch (error) {
        // Nothing of this batch is stored; stop the run rather than leave a gap behind it.
        commitError = error;
        void api.cancelSync({ runId: batch.runId });
        return;
      }
      for (const cursor of batch.threadCursors) completedThreads.add(cursor.threadId);
      // Not awaited: the next batch may be committed while the acknowledgement travels.
      void api.ackSyncBatch({ runId: batch.runId, seq: batch.seq });
    });
  };
  const unsubscribe = [
    api.on('syncBatch', (batch) => ours(batch, () => commit(batch))),
    api.on('syncProgress', (progress) => ours(progress, () => useSyncStore.getState().progressed(progress))),
    api.on('syncDone', (summary) => ours(summary, () => void commits.then(() => finish(commitError ? failedToCommit(summary, commitError) : summary)))),
  ];
  const startedAt = new Date().toISOString();
  try {
    const started = await api.startSync(request);
    if (!started.ok) {
      const summary = failedToStart(forumId, startedAt, started.error);
      await recordOutcome(db, summary, completedThreads, threadsOnly);
      useSyncStore.getState().finished(summary);
      return summary;
    }
    runId = started.value.runId;
    const localRunId = runId;
    localEnds.set(runId, () => finish(endedHere(forumId, localRunId, startedAt)));
    useSyncStore.getState().started({
      runId,
      forumId,
      scope: threadsOnly ? 'threads' : 'forum',
      threadIds: threadsOnly ? request.refresh.map((remoteId) => threadIdFor(forumId, remoteId)) : [],
    });
    early.splice(0).forEach((replay) => replay());
    const summary = await finished;
    await commits;
    await recordOutcome(db, summary, completedThreads, threadsOnly);
    useSyncStore.getState().finished(summary);
    return summary;
  } finally {
    if (runId) localEnds.delete(runId);
    unsubscribe.forEach((off) => off());
  }
}

function failedToStart(forumId: string, at: string, error: AppErrorInfo): SyncSummary {
  return { runId: '', forumId, status: 'failed', startedAt: at, finishedAt: at, threadsChanged: 0, postsFetched: 0, requests: 0, serverWaitMs: 0, error, threadErrors: [], boardErrors: [] };
}

/** A run cancelled here whose end main never reported. */
function endedHere(forumId: string, runId: string, startedAt: string): SyncSummary {
  return { ...failedToStart(forumId, startedAt, { code: 'cancelled', message: '' }), runId, status: 'cancelled', error: null, finishedAt: new Date().toISOString() };
}

function failedToCommit(summary: SyncSummary, error: unknown): SyncSummary {
  const quota = error instanceof Error && (error.name === 'QuotaExceededError' || (error as { inner?: Error }).inner?.name === 'QuotaExceededError');
  const message = quota
    ? 'The disk space the reader may use is full; what was stored before is kept. Free some space and sync again.'
    : `Storing synced posts failed (${error instanceof Error ? error.message : String(error)}); what was stored before is kept.`;
  return { ...summary, status: 'failed', error: { code: 'internal', message } };
}

async function recordOutcome(db: ReaderDb, summary: SyncSummary, completedThreads: ReadonlySet<string>, threadsOnly: boolean) {
  // Work offline and a user's cancel are choices, not errors worth showing on the forum.
  const quiet = summary.error?.code === 'offline';
  if (!quiet) {
    await db.transaction('rw', [db.forums, db.syncLog], async () => {
      if (!threadsOnly || summary.status !== 'completed') {
        await db.forums.update(summary.forumId, {
          lastSyncError: summary.error?.message ?? itemErrorsText(summary),
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

function itemErrorsText(summary: SyncSummary): string | null {
  const threads = summary.threadErrors.length;
  const boards = summary.boardErrors.length;
  if (threads + boards === 0) return null;
  const parts = [
    ...(boards > 0 ? [`${boards} ${boards === 1 ? 'category' : 'categories'}`] : []),
    ...(threads > 0 ? [`${threads} ${threads === 1 ? 'thread' : 'threads'}`] : []),
  ];
  return `${parts.join(' and ')} could not be synced; the Sync log says why. The next sync tries again.`;
}
