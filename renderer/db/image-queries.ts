// Reads of kept pictures: whether one is stored, and what a post's pictures are.
import type { ImageFailure, ReaderDb } from './reader-db';

export const isImageStored = async (db: ReaderDb, hash: string): Promise<boolean> => (await db.images.where('hash').equals(hash).count()) > 0;

/** A picture a post shows, by the address its HTML writes: its bytes, or why it is not kept. */
export type PostPicture = { kept: true; bytes: Blob } | { kept: false; failure: ImageFailure };

/** The post's pictures that were kept or tried; an address with no entry has not been tried yet. */
export async function picturesOfPost(db: ReaderDb, postId: string): Promise<Map<string, PostPicture>> {
  const uses = await db.imageUses.where('postId').equals(postId).toArray();
  const hashes = [...new Set(uses.flatMap((use) => (use.hash ? [use.hash] : [])))];
  const images = new Map((await db.images.bulkGet(hashes)).flatMap((row) => (row ? [[row.hash, row.bytes] as const] : [])));
  const pictures = new Map<string, PostPicture>();
  for (const use of uses) {
    const bytes = use.hash ? images.get(use.hash) : undefined;
    if (bytes) pictures.set(use.url, { kept: true, bytes });
    else if (use.failure) pictures.set(use.url, { kept: false, failure: use.failure });
  }
  return pictures;
}
