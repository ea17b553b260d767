// The settings sync changes: how often to sync (in the settings table, renderer/db/settings.ts),
// each forum's request budget (on the forum row) and its post ceilings (settings too).
import { MAX_REQUESTS_PER_MINUTE } from '../../../shared/api';
import type { ReaderDb } from '../../db/reader-db';
import { getSetting, MAX_POST_LIMIT, MAX_SYNC_INTERVAL_MINUTES, postLimitsSetting, setSetting, syncIntervalSetting, type PostLimits } from '../../db/settings';

export async function setSyncIntervalMinutes(db: ReaderDb, minutes: number): Promise<void> {
  await setSetting(db, syncIntervalSetting, clamp(Math.round(minutes), 1, MAX_SYNC_INTERVAL_MINUTES));
}

export async function setRequestsPerMinute(db: ReaderDb, forumId: string, requests: number): Promise<void> {
  await db.forums.update(forumId, { requestsPerMinute: clamp(Math.round(requests), 1, MAX_REQUESTS_PER_MINUTE) });
}

export async function setPostLimits(db: ReaderDb, forumId: string, change: Partial<PostLimits>): Promise<void> {
  const limits = postLimitsSetting(forumId);
  await db.transaction('rw', db.settings, async () => {
    const next = { ...(await getSetting(db, limits)) };
    if (change.perThread !== undefined) next.perThread = clamp(Math.round(change.perThread), 1, MAX_POST_LIMIT);
    if (change.perRun !== undefined) next.perRun = clamp(Math.round(change.perRun), 1, MAX_POST_LIMIT);
    await setSetting(db, limits, next);
  });
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
