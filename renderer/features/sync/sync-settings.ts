// The settings sync changes: how often to sync (in the settings table, renderer/db/settings.ts)
// and each forum's request budget (on the forum row).
import { MAX_REQUESTS_PER_MINUTE } from '../../../shared/api';
import type { ReaderDb } from '../../db/reader-db';
import { MAX_SYNC_INTERVAL_MINUTES, setSetting, syncIntervalSetting } from '../../db/settings';

/** Matches main's default budget: one request a second on average, at most 10 in any 10 s. */
export const DEFAULT_REQUESTS_PER_MINUTE = 60;

export async function setSyncIntervalMinutes(db: ReaderDb, minutes: number): Promise<void> {
  await setSetting(db, syncIntervalSetting, clamp(Math.round(minutes), 1, MAX_SYNC_INTERVAL_MINUTES));
}

export async function setRequestsPerMinute(db: ReaderDb, forumId: string, requests: number): Promise<void> {
  await db.forums.update(forumId, { requestsPerMinute: clamp(Math.round(requests), 1, MAX_REQUESTS_PER_MINUTE) });
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
