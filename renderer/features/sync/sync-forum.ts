// The renderer's half of a sync run: hand main the cursors, commit each batch it streams back
// in order (one transaction per batch), acknowledge it, and record how the run ended.
import type { AppErrorInfo, ForumApi, SyncSummary } from '../../../shared/api';
import { threadIdFor, type SyncBatch } from '../../../shared/model';
import { commitSyncBatch } from '../../db/commit-sync-batch';
import type { ReaderDb } from '../../db/reader-db';
import { getSetting, picturesCaughtUpSetting, setSetting, workOfflineSetting } from '../../db/settings';
import { planSyncRequest, type SyncScope } from '../../db/sync-request';
import { useMainContact } from '../../state/main-contact-store';
import { useSyncStore } from '../../state/sync-store';
import { postsOnScreen } from '../../state/thread-on-screen';
import { recordSyncOutcome } from './record-sync-outcome';
import { storeSyncImage } from './store-sync-image';

/** A cancelled run whose main process does not answer (closed, restarted) ends here after this. */
const CANCEL_GRACE_MS = 2_000;
/** The longest the next commit waits for an opened thread's first posts to show (its aim is 1 s). */
const OPENED_THREAD_WAIT_MS = 1_000;

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
  if (await getSetting(db, workOfflineSetting)) {
    const now = new Date().toISOString();
    return failedToStart(forumId, now, { code: 'offline', message: 'The reader is set to work offline.' });
  }
  const { request, picturesThrough } = await planSyncRequest(db, forumId, scope);
  let runId: string | null = null;
  // Events can arrive before startSync answers; hold them until the run's id is known.
  const early: Array<() => void> = [];
  let commits = Promise.resolve();
  let commitError: unknown = null;
  // Pictures are stored in a line of their own, so a batch's text never waits behind them; in
  // order, so a picture's second address finds it stored by the first.
  let pictures = Promise.resolve();
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
      // A person waits on this thread: its posts show before the next write can hold up their reads.
      if (batch.openedThreadId && batch.posts.length > 0) await postsOnScreen(batch.openedThreadId, OPENED_THREAD_WAIT_MS);
    });
  };
  const unsubscribe = [
    api.on('syncBatch', (batch) => ours(batch, () => commit(batch))),
    api.on('syncProgress', (progress) => ours(progress, () => useSyncStore.getState().progressed(progress))),
    api.on('syncImage', (image) =>
      ours(image, () => {
        pictures = pictures.then(() =>
          storeSyncImage(db, api, image).catch((error: unknown) => console.error(`Storing the picture ${image.src} failed; the post shows its alt text.`, error)),
        );
      }),
    ),
    api.on('syncDone', (summary) => ours(summary, () => void Promise.all([commits, pictures]).then(() => finish(commitError ? failedToCommit(summary, commitError) : summary)))),
  ];
  const startedAt = new Date().toISOString();
  try {
    const started = await api.startSync(request);
    if (!started.ok) {
      const summary = failedToStart(forumId, startedAt, started.error);
      await recordSyncOutcome(db, summary, completedThreads, threadsOnly);
      useSyncStore.getState().finished(summary);
      return summary;
    }
    runId = started.value.runId;
    const localRunId = runId;
    localEnds.set(runId, () => finish(endedHere(forumId, localRunId, startedAt)));
    // Main gone mid-run: its batches will never come, so the run ends here, keeping what was committed.
    const endIfLost = () => useMainContact.getState().contact !== 'connected' && finish(lostContact(forumId, localRunId, startedAt));
    unsubscribe.push(useMainContact.subscribe(endIfLost));
    endIfLost();
    useSyncStore.getState().started({
      runId,
      forumId,
      scope: threadsOnly ? 'threads' : 'forum',
      threadIds: threadsOnly ? request.refresh.map((remoteId) => threadIdFor(forumId, remoteId)) : [],
    });
    early.splice(0).forEach((replay) => replay());
    const summary = await finished;
    await commits;
    await recordSyncOutcome(db, summary, completedThreads, threadsOnly);
    if (summary.status === 'completed' && picturesThrough !== null) await setSetting(db, picturesCaughtUpSetting(forumId), picturesThrough);
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

function lostContact(forumId: string, runId: string, startedAt: string): SyncSummary {
  const error = { code: 'unreachable' as const, message: 'Lost contact with the reader’s main process during this sync; what was synced before it is kept. Sync again once it is back.' };
  return { ...failedToStart(forumId, startedAt, error), runId, finishedAt: new Date().toISOString() };
}

function failedToCommit(summary: SyncSummary, error: unknown): SyncSummary {
  const quota = error instanceof Error && (error.name === 'QuotaExceededError' || (error as { inner?: Error }).inner?.name === 'QuotaExceededError');
  const message = quota
    ? 'The disk space the reader may use is full; what was stored before is kept. Free some space and sync again.'
    : `Storing synced posts failed (${error instanceof Error ? error.message : String(error)}); what was stored before is kept.`;
  return { ...summary, status: 'failed', error: { code: 'internal', message } };
}
