// Keeping pictures: the one place it is done. A picture is stored once by the SHA-256 of its
// bytes, with the forums that show it, and every post that shows it at an address points at it
// by a use row, in the same transaction; a picture that could not be kept leaves a use row that
// says why. Eviction and Remove forum find a forum's pictures, and unused ones, through the same rows.
import type { Transaction } from 'dexie';
import type { ImageFailure, ImageRow, ImageUseRow, ReaderDb } from './reader-db';

/** The tables every transaction that writes or removes pictures must hold. */
export const imageWriteTables = (db: ReaderDb) => [db.images, db.imageUses];

/** A post that shows the picture. */
export interface ImageShownBy {
  postId: string;
  threadId: string;
}

/** A picture main fetched, sniffed and named; `bytes` may be left out when the picture is stored already. */
export interface ImageToKeep {
  hash: string;
  bytes?: Blob;
  mime: string;
  width: number;
  height: number;
}

export interface ImageOutcome {
  forumId: string;
  /** The address the posts' HTML shows it at. */
  url: string;
  shownBy: readonly ImageShownBy[];
}

/** Stores a picture (once, whatever posts and forums already show it) and points the posts at it. */
export async function keepImage(db: ReaderDb, outcome: ImageOutcome, image: ImageToKeep, at = new Date().toISOString()): Promise<void> {
  await db.transaction('rw', imageWriteTables(db), async (tx) => {
    const images = tx.table<ImageRow, string>('images');
    const stored = await images.get(image.hash);
    if (!stored) {
      const { bytes } = image;
      if (!bytes) throw new Error(`The picture ${image.hash} is not stored and came without its bytes.`);
      await images.add({ ...image, bytes, byteLength: bytes.size, forumIds: [outcome.forumId], storedAt: at });
    } else if (!stored.forumIds.includes(outcome.forumId)) {
      await images.update(image.hash, { forumIds: [...stored.forumIds, outcome.forumId] });
    }
    await tx.table<ImageUseRow, [string, string]>('imageUses').bulkPut(
      outcome.shownBy.map(({ postId, threadId }) => ({ postId, url: outcome.url, threadId, forumId: outcome.forumId, hash: image.hash, at })),
    );
  });
}

/**
 * Records why a picture was not kept. A post that already has the picture keeps it: a failed
 * fetch after an edit must not lose what was stored.
 */
export async function recordImageFailure(db: ReaderDb, outcome: ImageOutcome, failure: ImageFailure, at = new Date().toISOString()): Promise<void> {
  await db.transaction('rw', imageWriteTables(db), async (tx) => {
    const uses = tx.table<ImageUseRow, [string, string]>('imageUses');
    const keys = outcome.shownBy.map(({ postId }): [string, string] => [postId, outcome.url]);
    const existing = await uses.bulkGet(keys);
    const rows = outcome.shownBy
      .filter((_, i) => existing[i]?.hash === undefined)
      .map(({ postId, threadId }) => ({ postId, url: outcome.url, threadId, forumId: outcome.forumId, failure, at }));
    await uses.bulkPut(rows);
  });
}

/**
 * Takes pictures away from posts inside the caller's transaction: each use row goes (or becomes
 * `replacement`, which says why the post shows its alt text instead), and a picture no use row of
 * the forum points at any more leaves that forum, and the store when no forum shows it. Returns
 * the bytes that stopped counting towards the forum.
 */
export async function releaseImageUses(tx: Transaction, forumId: string, uses: readonly ImageUseRow[], replacement?: ImageFailure, at = new Date().toISOString()): Promise<number> {
  const useTable = tx.table<ImageUseRow, [string, string]>('imageUses');
  const keys = uses.map(({ postId, url }): [string, string] => [postId, url]);
  if (replacement) {
    await useTable.bulkPut(uses.map(({ postId, url, threadId }) => ({ postId, url, threadId, forumId, failure: replacement, at })));
  } else {
    await useTable.bulkDelete(keys);
  }
  const hashes = [...new Set(uses.flatMap((use) => (use.hash ? [use.hash] : [])))];
  const unused: string[] = [];
  for (const hash of hashes) {
    const stillShown = await useTable.where('hash').equals(hash).filter((use) => use.forumId === forumId).count();
    if (stillShown === 0) unused.push(hash);
  }
  return leaveForum(tx, forumId, unused);
}

/**
 * Remove forum: every picture use of the forum goes, except those of `keptPosts` (the posts whose
 * bookmark or highlight the person keeps: their pictures stay with them); a picture no remaining
 * use of the forum shows leaves it, and the store unless another forum shows it.
 */
export async function removeImagesOfForum(tx: Transaction, forumId: string, keptPosts: ReadonlySet<string> = new Set()): Promise<number> {
  const uses = tx.table<ImageUseRow, [string, string]>('imageUses').where('forumId').equals(forumId);
  const stillShown = new Set<string>();
  await uses.clone().each((use) => {
    if (use.hash && keptPosts.has(use.postId)) stillShown.add(use.hash);
  });
  await uses.filter((use) => !keptPosts.has(use.postId)).delete();
  const hashes = (await tx.table<ImageRow, string>('images').where('forumIds').equals(forumId).primaryKeys()) as string[];
  return leaveForum(tx, forumId, hashes.filter((hash) => !stillShown.has(hash)));
}

/**
 * The pictures Remove forum kept for bookmarked or highlighted posts go once their post has
 * neither any more. Run with the picture limits' check (after pictures are written) rather than
 * when a bookmark goes, so that its Undo brings the post's pictures back with it. Returns the bytes freed.
 */
export async function releaseImagesOfUnkeptPosts(db: ReaderDb): Promise<number> {
  return db.transaction('rw', [...imageWriteTables(db), db.forums, db.bookmarks, db.highlights], async (tx) => {
    const forumIds = (await db.forums.toCollection().primaryKeys()) as string[];
    const uses = await db.imageUses.where('forumId').noneOf(forumIds).toArray();
    if (uses.length === 0) return 0;
    const postIds = [...new Set(uses.map((use) => use.postId))];
    const kept = new Set([
      ...((await db.bookmarks.where('postId').anyOf(postIds).toArray()).map((row) => row.postId)),
      ...((await db.highlights.where('postId').anyOf(postIds).toArray()).map((row) => row.postId)),
    ]);
    const unkept = new Map<string, ImageUseRow[]>();
    for (const use of uses) {
      if (kept.has(use.postId)) continue;
      const ofForum = unkept.get(use.forumId);
      if (ofForum) ofForum.push(use);
      else unkept.set(use.forumId, [use]);
    }
    let freed = 0;
    for (const [forumId, ofForum] of unkept) freed += await releaseImageUses(tx, forumId, ofForum);
    return freed;
  });
}

async function leaveForum(tx: Transaction, forumId: string, hashes: readonly string[]): Promise<number> {
  const images = tx.table<ImageRow, string>('images');
  let freed = 0;
  for (const image of await images.bulkGet([...hashes])) {
    if (!image?.forumIds.includes(forumId)) continue;
    freed += image.byteLength;
    const forumIds = image.forumIds.filter((id) => id !== forumId);
    if (forumIds.length === 0) await images.delete(image.hash);
    else await images.update(image.hash, { forumIds });
  }
  return freed;
}
