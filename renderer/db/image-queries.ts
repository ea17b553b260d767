// Reads of kept pictures: whether one is stored, and what a post's pictures are.
import { MAX_IMAGE_RETRY_POSTS, RETRYABLE_IMAGE_FAILURES, type SyncRequest } from '../../shared/api';
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

/** Stored posts of a forum with a picture whose fetch may go better now, for the next sync to try again. */
export async function postsToRetryPictures(db: ReaderDb, forumId: string): Promise<NonNullable<SyncRequest['retryImagesOf']>> {
  const srcsOf = new Map<string, string[]>();
  await db.imageUses
    .where('forumId')
    .equals(forumId)
    .until(() => srcsOf.size >= MAX_IMAGE_RETRY_POSTS)
    .each((use) => {
      if (!use.failure || !RETRYABLE_IMAGE_FAILURES.includes(use.failure.code)) return;
      srcsOf.set(use.postId, [...(srcsOf.get(use.postId) ?? []), use.url].slice(0, 100));
    });
  const posts = await db.posts.bulkGet([...srcsOf.keys()]);
  return posts.flatMap((post) => (post ? [{ id: post.id, threadId: post.threadId, html: post.html, srcs: srcsOf.get(post.id) ?? [] }] : []));
}
