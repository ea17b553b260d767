// The renderer's half of a sync run: hand main the cursors, commit each batch it streams back
// in order (one transaction per batch), acknowledge it, and record how the run ended.
import type { ForumApi, SyncRequest, SyncSummary } from '../../../shared/api';
import type { SyncBatch } from '../../../shared/model';
import { commitSyncBatch } from '../../db/commit-sync-batch';
import { storedPostIdsByThread } from '../../db/queries';
import type { ReaderDb } from '../../db/reader-db';
import { useSyncStore } from '../../state/sync-store';

export async function buildSyncRequest(db: ReaderDb, forumId: string, refresh: number[] = []): Promise<SyncRequest> {
  const forum = await db.forums.get(forumId);
  if (!forum) throw new Error(`No forum ${forumId}.`);
  const boards = (await db.boards.where('forumId').equals(forumId).toArray()).filter((board) => board.followed);
  const cursors = await db.boardCursors.bulkGet(boards.map((board) => board.id));
  const [threads, postIds] = await Promise.all([db.threads.where('forumId').equals(forumId).toArray(), storedPostIdsByThread(db, forumId)]);
  const threadCursors = await db.threadCursors.bulkGet(threads.map((thread) => thread.id));
  return {
    forumId,
    baseUrl: forum.baseUrl,
    boards: boards.map((board, i) => ({
      boardId: board.id,
      remoteId: board.remoteId,
      slug: board.slug,
      threadLimit: board.threadLimit,
      watermark: cursors[i]?.watermark ?? null,
    })),
    threads: [],
    // A thread never completed still reports the posts it has, so a resumed run skips them.
    known: threads
      .map((thread, i) => ({
        remoteId: thread.remoteId,
        highestPostNumber: threadCursors[i]?.highestPostNumber ?? -1,
        postsCount: threadCursors[i]?.postsCount ?? -1,
        lastPostedAt: threadCursors[i]?.lastPostedAt ?? '',
        postIds: postIds.get(thread.id) ?? [],
      }))
      .filter((known) => known.highestPostNumber >= 0 || known.postIds.length > 0),
    refresh,
  };
}

export async function syncForum(db: ReaderDb, api: ForumApi, forumId: string, refresh: number[] = []): Promise<SyncSummary> {
  const request = await buildSyncRequest(db, forumId, refresh);
  const store = useSyncStore.getState();
  let runId: string | null = null;
  // Events can arrive before startSync answers; hold them until the run's id is known.
  const early: Array<() => void> = [];
  let commits = Promise.resolve();
  let finish!: (summary: SyncSummary) => void;
  const finished = new Promise<SyncSummary>((resolve) => (finish = resolve));

  const ours = (payload: { runId: string; forumId: string }, handle: () => void) => {
    if (payload.forumId !== forumId) return;
    if (runId === null) early.push(() => payload.runId === runId && handle());
    else if (payload.runId === runId) handle();
  };
  const commit = (batch: SyncBatch) => {
    commits = commits.then(async () => {
      await commitSyncBatch(db, batch);
      await api.ackSyncBatch({ runId: batch.runId, seq: batch.seq });
    });
  };
  const unsubscribe = [
    api.on('syncBatch', (batch) => ours(batch, () => commit(batch))),
    api.on('syncProgress', (progress) => ours(progress, () => useSyncStore.getState().progressed(progress))),
    api.on('syncDone', (summary) => ours(summary, () => void commits.then(() => finish(summary), (error: unknown) => finish(failedToCommit(summary, error))))),
  ];
  try {
    const started = await api.startSync(request);
    if (!started.ok) {
      const now = new Date().toISOString();
      const summary: SyncSummary = { runId: '', forumId, status: 'failed', startedAt: now, finishedAt: now, threadsChanged: 0, postsFetched: 0, requests: 0, serverWaitMs: 0, error: started.error, threadErrors: [] };
      await recordOutcome(db, summary);
      store.finished(summary);
      return summary;
    }
    runId = started.value.runId;
    store.started(forumId, runId);
    early.splice(0).forEach((replay) => replay());
    const summary = await finished;
    await recordOutcome(db, summary);
    useSyncStore.getState().finished(summary);
    return summary;
  } finally {
    unsubscribe.forEach((off) => off());
  }
}

function failedToCommit(summary: SyncSummary, error: unknown): SyncSummary {
  const quota = error instanceof Error && error.name === 'QuotaExceededError';
  const message = quota ? 'The disk quota for the reader is full; what was stored before is kept.' : `Storing synced posts failed: ${String(error)}`;
  return { ...summary, status: 'failed', error: { code: 'internal', message } };
}

async function recordOutcome(db: ReaderDb, summary: SyncSummary) {
  await db.forums.update(summary.forumId, {
    lastSyncError: summary.error?.message ?? null,
    ...(summary.status === 'completed' ? { lastSyncedAt: summary.finishedAt } : {}),
  });
}

export const cancelSync = (api: ForumApi, runId: string) => api.cancelSync({ runId });
