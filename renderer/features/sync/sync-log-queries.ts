// Reads for the sync log view.
import type { ReaderDb, SyncLogRow } from '../../db/reader-db';

/** The most recent runs, newest first. */
export const recentSyncRuns = (db: ReaderDb, limit = 50): Promise<SyncLogRow[]> => db.syncLog.orderBy('startedAt').reverse().limit(limit).toArray();
