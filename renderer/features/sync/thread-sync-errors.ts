// Threads whose last pass failed, per forum, with what went wrong: the thread list marks them and
// the thread pane shows the error with a way to try again. An entry goes when a later run
// completes that thread.
import type { SyncSummary } from '../../../shared/api';
import type { ReaderDb } from '../../db/reader-db';
import { getSetting, setSetting, threadSyncErrorsSetting } from '../../db/settings';
import { useSharedLiveQuery } from '../../db/shared-live-query';

export interface ThreadSyncError {
  message: string;
  at: string;
}

export const threadSyncErrors = (db: ReaderDb, forumId: string) => getSetting(db, threadSyncErrorsSetting(forumId));

/** Forgets the errors of threads this run completed and remembers the ones it hit. */
export async function recordThreadSyncErrors(db: ReaderDb, summary: SyncSummary, completedThreadIds: ReadonlySet<string>): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const errors = { ...(await threadSyncErrors(db, summary.forumId)) };
    for (const threadId of completedThreadIds) delete errors[threadId];
    for (const failed of summary.threadErrors) errors[failed.threadId] = { message: failed.error.message, at: summary.finishedAt };
    await setSetting(db, threadSyncErrorsSetting(summary.forumId), errors);
  });
}

/** One read per forum, shared by every thread in the list and the open thread. */
export function useThreadSyncError(db: ReaderDb, forumId: string, threadId: string): ThreadSyncError | null {
  return useSharedLiveQuery(db, threadSyncErrorsSetting(forumId).key, () => threadSyncErrors(db, forumId))?.[threadId] ?? null;
}
