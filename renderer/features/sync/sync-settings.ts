// The settings sync reads: "Work offline", how often to sync, and each forum's request budget and
// post ceilings.
// They live in the settings table (and the forum row), so they survive a reload.
import { useLiveQuery } from 'dexie-react-hooks';
import { DEFAULT_MAX_POSTS_PER_RUN, DEFAULT_MAX_POSTS_PER_THREAD, MAX_REQUESTS_PER_MINUTE } from '../../../shared/api';
import type { ReaderDb } from '../../db/reader-db';

/** Read by the outbox too: while it is on, nothing is sent and nothing is synced. */
export const WORK_OFFLINE_KEY = 'workOffline';
export const SYNC_INTERVAL_KEY = 'syncIntervalMinutes';
export const DEFAULT_SYNC_INTERVAL_MINUTES = 30;

export async function isWorkingOffline(db: ReaderDb): Promise<boolean> {
  return (await db.settings.get(WORK_OFFLINE_KEY))?.value === true;
}

export async function setWorkingOffline(db: ReaderDb, on: boolean): Promise<void> {
  await db.settings.put({ key: WORK_OFFLINE_KEY, value: on });
}

export function useWorkingOffline(db: ReaderDb): boolean {
  return useLiveQuery(() => isWorkingOffline(db), [db]) ?? false;
}

export async function syncIntervalMinutes(db: ReaderDb): Promise<number> {
  const value = (await db.settings.get(SYNC_INTERVAL_KEY))?.value;
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? value : DEFAULT_SYNC_INTERVAL_MINUTES;
}

export async function setSyncIntervalMinutes(db: ReaderDb, minutes: number): Promise<void> {
  await db.settings.put({ key: SYNC_INTERVAL_KEY, value: clamp(Math.round(minutes), 1, 24 * 60) });
}

export function useSyncIntervalMinutes(db: ReaderDb): number {
  return useLiveQuery(() => syncIntervalMinutes(db), [db]) ?? DEFAULT_SYNC_INTERVAL_MINUTES;
}

export async function setRequestsPerMinute(db: ReaderDb, forumId: string, requests: number): Promise<void> {
  await db.forums.update(forumId, { requestsPerMinute: clamp(Math.round(requests), 1, MAX_REQUESTS_PER_MINUTE) });
}

/** Each forum's ceilings on posts kept per thread and fetched per sync (main's defaults when unset). */
export interface PostLimits {
  perThread: number;
  perRun: number;
}
export const MAX_POST_LIMIT = 10_000_000;
const postLimitsKey = (forumId: string) => `postLimits:${forumId}`;

export async function postLimits(db: ReaderDb, forumId: string): Promise<PostLimits> {
  const saved = (await db.settings.get(postLimitsKey(forumId)))?.value as Partial<PostLimits> | undefined;
  const valid = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined);
  return { perThread: valid(saved?.perThread) ?? DEFAULT_MAX_POSTS_PER_THREAD, perRun: valid(saved?.perRun) ?? DEFAULT_MAX_POSTS_PER_RUN };
}

export async function setPostLimits(db: ReaderDb, forumId: string, change: Partial<PostLimits>): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const next = { ...(await postLimits(db, forumId)) };
    if (change.perThread !== undefined) next.perThread = clamp(Math.round(change.perThread), 1, MAX_POST_LIMIT);
    if (change.perRun !== undefined) next.perRun = clamp(Math.round(change.perRun), 1, MAX_POST_LIMIT);
    await db.settings.put({ key: postLimitsKey(forumId), value: next });
  });
}

export function usePostLimits(db: ReaderDb, forumId: string): PostLimits | undefined {
  return useLiveQuery(() => postLimits(db, forumId), [db, forumId]);
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
