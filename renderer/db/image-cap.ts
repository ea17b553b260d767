// Each forum's pictures stay under the limit the person set for it (imageCapSetting): past it, the
// pictures of the threads read least recently go first, whole threads at a time, and a bookmarked
// or highlighted post keeps its pictures whatever the limit. A thread never read counts as read
// when its pictures were kept, so what a sync has just fetched for reading later is not the first
// to go. The check runs after pictures are written (watchImageCaps) and is one transaction.
import Dexie from 'dexie';
import { imageWriteTables, releaseImagesOfUnkeptPosts, releaseImageUses } from './image-writes';
import type { ImageFailure, ImageRow, ImageUseRow, ReaderDb } from './reader-db';
import { getSetting, imageCapSetting, MAX_IMAGE_CAP_MB, setSetting } from './settings';

const MB = 1024 * 1024;

export interface CapOutcome {
  /** The forum's picture bytes after the check. */
  bytes: number;
  freedBytes: number;
  threadsCleared: number;
  /** Still over the limit: what is left belongs to bookmarked or highlighted posts. */
  overCap: boolean;
}

/** Why an evicted picture shows its alt text instead, in words the post shows in its place. */
export const evictedFailure = (capMb: number): ImageFailure => ({
  code: 'evicted',
  // The post shows "Image: <alt> — not kept: <message>".
  message: `removed to keep this forum's pictures under their ${capMb.toLocaleString('en')} MB limit (this thread was read the longest ago); raise the limit in Settings, under Privacy, to keep more`,
});

export async function keepForumImagesUnderCap(db: ReaderDb, forumId: string, capMb: number, at = new Date().toISOString()): Promise<CapOutcome> {
  const cap = capMb * MB;
  return db.transaction('rw', [...imageWriteTables(db), db.readMarks, db.bookmarks, db.highlights], async (tx) => {
    const sizes = new Map<string, number>();
    await tx.table<ImageRow, string>('images').where('forumIds').equals(forumId).each((image) => sizes.set(image.hash, image.byteLength));
    const total = [...sizes.values()].reduce((sum, bytes) => sum + bytes, 0);
    if (total <= cap) return { bytes: total, freedBytes: 0, threadsCleared: 0, overCap: false };

    const uses = (await tx.table<ImageUseRow, [string, string]>('imageUses').where('forumId').equals(forumId).toArray()).filter((use) => use.hash);
    const keptFor = new Set([
      ...((await db.bookmarks.where('forumId').equals(forumId).toArray()).map((bookmark) => bookmark.postId)),
      ...((await db.highlights.where('forumId').equals(forumId).toArray()).map((highlight) => highlight.postId)),
    ]);
    // How many of the forum's uses show each picture: it stops counting when the last one goes.
    const shown = new Map<string, number>();
    const byThread = new Map<string, ImageUseRow[]>();
    for (const use of uses) {
      shown.set(use.hash!, (shown.get(use.hash!) ?? 0) + 1);
      if (keptFor.has(use.postId)) continue;
      const ofThread = byThread.get(use.threadId);
      if (ofThread) ofThread.push(use);
      else byThread.set(use.threadId, [use]);
    }
    const recency = await threadRecency(db, byThread);
    const order = [...byThread.keys()].sort((a, b) => (recency.get(a) ?? '').localeCompare(recency.get(b) ?? '') || a.localeCompare(b));

    let left = total;
    const evicted: ImageUseRow[] = [];
    let threadsCleared = 0;
    for (const threadId of order) {
      if (left <= cap) break;
      threadsCleared += 1;
      for (const use of byThread.get(threadId) ?? []) {
        evicted.push(use);
        const remaining = (shown.get(use.hash!) ?? 1) - 1;
        shown.set(use.hash!, remaining);
        if (remaining === 0) left -= sizes.get(use.hash!) ?? 0;
      }
    }
    const freedBytes = await releaseImageUses(tx, forumId, evicted, evictedFailure(capMb), at);
    return { bytes: total - freedBytes, freedBytes, threadsCleared, overCap: total - freedBytes > cap };
  });
}

/** When each thread was last read, or, never read, when its pictures were first kept. */
async function threadRecency(db: ReaderDb, byThread: Map<string, ImageUseRow[]>): Promise<Map<string, string>> {
  const recency = new Map<string, string>();
  for (const [threadId, uses] of byThread) recency.set(threadId, uses.reduce((first, use) => (use.at < first ? use.at : first), uses[0]?.at ?? ''));
  const lastRead = new Map<string, string>();
  await db.readMarks
    .where('threadId')
    .anyOf([...byThread.keys()])
    .each((mark) => {
      if (mark.readAt > (lastRead.get(mark.threadId) ?? '')) lastRead.set(mark.threadId, mark.readAt);
    });
  for (const [threadId, readAt] of lastRead) recency.set(threadId, readAt);
  return recency;
}

/** Sets a forum's picture limit (Settings, beside "Keep images offline") and applies it at once. */
export async function setImageCap(db: ReaderDb, forumId: string, megabytes: number): Promise<CapOutcome> {
  const capMb = Math.min(MAX_IMAGE_CAP_MB, Math.max(1, Math.round(megabytes)));
  await setSetting(db, imageCapSetting(forumId), capMb);
  return keepForumImagesUnderCap(db, forumId, capMb);
}

/** Checks every forum against its limit, after letting go of the pictures no forum or bookmark keeps any more. */
export async function keepEveryForumUnderCap(db: ReaderDb): Promise<Map<string, CapOutcome>> {
  await releaseImagesOfUnkeptPosts(db);
  const outcomes = new Map<string, CapOutcome>();
  for (const forumId of (await db.forums.toCollection().primaryKeys()) as string[]) {
    outcomes.set(forumId, await keepForumImagesUnderCap(db, forumId, await getSetting(db, imageCapSetting(forumId))));
  }
  return outcomes;
}

/**
 * Checks the limits after pictures are written, a moment after the last write of a burst (a sync
 * keeps pictures one by one). Returns the stop function. (A changed limit is checked by its setter.)
 */
export function watchImageCaps(db: ReaderDb, options: { delayMs?: number; onChecked?: (outcomes: Map<string, CapOutcome>) => void; onError?: (error: unknown) => void } = {}): () => void {
  const delayMs = options.delayMs ?? 1000;
  const watched = `idb://${db.name}/images/`;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  const check = () => {
    timer = null;
    if (running) {
      again = true;
      return;
    }
    running = keepEveryForumUnderCap(db)
      .then((outcomes) => options.onChecked?.(outcomes))
      .catch((error: unknown) => (options.onError ?? ((e) => console.error('Keeping pictures under their limits failed:', e)))(error))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          schedule();
        }
      });
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, delayMs);
  };
  const listener = (parts: Record<string, unknown>) => {
    if (Object.keys(parts).some((part) => part.startsWith(watched))) schedule();
  };
  Dexie.on('storagemutated', listener);
  return () => {
    Dexie.on('storagemutated').unsubscribe(listener);
    if (timer) clearTimeout(timer);
  };
}
