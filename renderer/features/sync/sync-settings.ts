// The settings sync reads: "Work offline", how often to sync, and each forum's request budget.
// They live in the settings table (and the forum row), so they survive a reload.
import { useLiveQuery } from 'dexie-react-hooks';
import { MAX_REQUESTS_PER_MINUTE } from '../../../shared/api';
import type { ReaderDb } from '../../db/reader-db';

/** Read by the outbox too: while it is on, nothing is sent and nothing is synced. */
export const WORK_OFFLINE_KEY = 'workOffline';
export const SYNC_INTERVAL_KEY = 'syncIntervalMinutes';
export const DEFAULT_SYNC_INTERVAL_MINUTES = 30;
/** Matches main's default budget: one request a second on average, at most 10 in any 10 s. */
export const DEFAULT_REQUESTS_PER_MINUTE = 60;

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

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
