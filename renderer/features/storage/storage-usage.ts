// How much each forum takes, and how much room the browser gives the reader. IndexedDB cannot say
// how many bytes a set of rows occupies, so a forum's size is estimated: rows counted through the
// indexes (no bodies read) times the average size of a sample of them. The browser's own total
// comes from navigator.storage.estimate(). Pictures are counted exactly (each row knows its bytes),
// towards every forum that shows them.
import type { ReaderDb } from '../../db/reader-db';

export interface ForumUsage {
  forumId: string;
  name: string;
  threads: number;
  posts: number;
  bookmarks: number;
  highlights: number;
  drafts: number;
  queuedReplies: number;
  /** Estimated bytes of this forum's rows, pictures not included. */
  bytes: number;
  /** Pictures kept for this forum's posts, and their bytes. */
  images: number;
  imageBytes: number;
}

export interface BrowserQuota {
  usage: number;
  quota: number;
}

/** Rows sampled per table to estimate an average row size. */
const SAMPLE_ROWS = 40;

const sizeOf = (value: unknown): number => new Blob([JSON.stringify(value)]).size;

async function estimateBytes(count: number, sample: () => Promise<unknown[]>): Promise<number> {
  if (count === 0) return 0;
  const rows = await sample();
  if (rows.length === 0) return 0;
  const average = rows.reduce<number>((sum, row) => sum + sizeOf(row), 0) / rows.length;
  return Math.round(average * count);
}

export async function forumUsage(db: ReaderDb, forumId: string): Promise<ForumUsage> {
  const forum = await db.forums.get(forumId);
  const threadIds = (await db.threads.where('forumId').equals(forumId).primaryKeys()) as string[];
  const [posts, bookmarks, highlights, queuedReplies, drafts, readMarks] = await Promise.all([
    db.posts.where('forumId').equals(forumId).count(),
    db.bookmarks.where('forumId').equals(forumId).count(),
    db.highlights.where('forumId').equals(forumId).count(),
    db.outbox.where('forumId').equals(forumId).count(),
    db.drafts.where('threadId').anyOf(threadIds).count(),
    db.readMarks.where('threadId').anyOf(threadIds).count(),
  ]);
  let images = 0;
  let imageBytes = 0;
  await db.images.where('forumIds').equals(forumId).each((image) => {
    images += 1;
    imageBytes += image.byteLength;
  });
  const sizes = await Promise.all([
    estimateBytes(posts, () => db.posts.where('forumId').equals(forumId).limit(SAMPLE_ROWS).toArray()),
    estimateBytes(threadIds.length, () => db.threads.where('forumId').equals(forumId).limit(SAMPLE_ROWS).toArray()),
    estimateBytes(readMarks, () => db.readMarks.where('threadId').anyOf(threadIds).limit(SAMPLE_ROWS).toArray()),
    estimateBytes(bookmarks, () => db.bookmarks.where('forumId').equals(forumId).limit(SAMPLE_ROWS).toArray()),
    estimateBytes(highlights, () => db.highlights.where('forumId').equals(forumId).limit(SAMPLE_ROWS).toArray()),
    estimateBytes(queuedReplies, () => db.outbox.where('forumId').equals(forumId).limit(SAMPLE_ROWS).toArray()),
  ]);
  return {
    forumId,
    name: forum?.name ?? forumId,
    threads: threadIds.length,
    posts,
    bookmarks,
    highlights,
    drafts,
    queuedReplies,
    bytes: sizes.reduce((a, b) => a + b, 0),
    images,
    imageBytes,
  };
}

export async function usageOfEveryForum(db: ReaderDb): Promise<ForumUsage[]> {
  const ids = (await db.forums.toCollection().primaryKeys()) as string[];
  const usages = await Promise.all(ids.map((id) => forumUsage(db, id)));
  return usages.sort((a, b) => b.bytes + b.imageBytes - (a.bytes + a.imageBytes) || a.name.localeCompare(b.name));
}

/** The browser's figures for this site, or null where it does not give them. */
export async function browserQuota(storage: Pick<StorageManager, 'estimate'> | undefined = globalThis.navigator?.storage): Promise<BrowserQuota | null> {
  if (!storage?.estimate) return null;
  try {
    const { usage, quota } = await storage.estimate();
    if (typeof usage !== 'number' || typeof quota !== 'number' || quota <= 0) return null;
    return { usage, quota };
  } catch {
    return null;
  }
}

export type QuotaLevel = 'plenty' | 'low' | 'nearly-full';

/** Warn at 80 % used, or with under 100 MB left; urge at 95 %, or under 20 MB (a large sync needs more). */
export function quotaLevel({ usage, quota }: BrowserQuota): QuotaLevel {
  const left = quota - usage;
  if (usage / quota >= 0.95 || left < 20 * 1024 * 1024) return 'nearly-full';
  if (usage / quota >= 0.8 || left < 100 * 1024 * 1024) return 'low';
  return 'plenty';
}

/** "1.5 MB", "820 KB", "2.1 GB". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${Math.round(value)} ${value === 1 ? 'byte' : 'bytes'}`;
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
