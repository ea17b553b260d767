// The settings sync changes: how often to sync (in the settings table, renderer/db/settings.ts),
// each forum's request budget (on the forum row), its post ceilings and a news server's first
// sync and connections (settings too).
import { MAX_FIRST_SYNC_ARTICLES, MAX_NEWS_CONNECTIONS, MAX_REQUESTS_PER_MINUTE } from '../../../shared/api';
import type { ReaderDb } from '../../db/reader-db';
import {
  getSetting,
  MAX_POST_LIMIT,
  MAX_SYNC_INTERVAL_MINUTES,
  newsSyncSetting,
  postLimitsSetting,
  setSetting,
  syncIntervalSetting,
  type NewsSyncSettings,
  type PostLimits,
} from '../../db/settings';

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

/** A news server's sync: articles a group's first sync takes, and connections at once, each kept in its range. */
export async function setNewsSync(db: ReaderDb, forumId: string, change: Partial<NewsSyncSettings>): Promise<void> {
  const news = newsSyncSetting(forumId);
  await db.transaction('rw', db.settings, async () => {
    const next = { ...(await getSetting(db, news)) };
    if (change.firstSyncArticles !== undefined) next.firstSyncArticles = clamp(Math.round(change.firstSyncArticles), 1, MAX_FIRST_SYNC_ARTICLES);
    if (change.connections !== undefined) next.connections = clamp(Math.round(change.connections), 1, MAX_NEWS_CONNECTIONS);
    await setSetting(db, news, next);
  });
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
