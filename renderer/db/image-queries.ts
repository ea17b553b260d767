// Reads of kept pictures: whether one is stored, and what a post's pictures are.
import { MAX_IMAGE_RETRY_HTML, MAX_IMAGE_RETRY_POSTS, RETRYABLE_IMAGE_FAILURES, type SyncRequest } from '../../shared/api';
import type { ImageFailure, PostRow, ReaderDb } from './reader-db';

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

type PicturePosts = NonNullable<SyncRequest['retryImagesOf']>;

/** Stored posts of a forum with a picture whose fetch may go better now, for the next sync to try again. */
export async function postsToRetryPictures(db: ReaderDb, forumId: string): Promise<PicturePosts> {
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

/**
 * Stored posts read at most per sync while looking for pictures never tried: on a forum of 100,000
 * posts with few pictures the look-up stays a fraction of a second, and the catch-up takes 20 runs.
 */
export const CATCH_UP_SCAN_POSTS = 5_000;
const SCAN_PAGE_POSTS = 500;

/** Whether the post's HTML shows an image that is not an emoji (emoji are never kept); each tag read once. */
function showsPicture(html: string): boolean {
  for (let at = html.indexOf('<img'); at >= 0; at = html.indexOf('<img', at + 4)) {
    const end = html.indexOf('>', at);
    if (!/\bemoji\b/.test(html.slice(at, end < 0 ? undefined : end))) return true;
  }
  return false;
}

/** What a sync request has room for: posts, and characters of their HTML. */
export interface PictureRoom {
  posts: number;
  chars: number;
}

/**
 * Stored posts of a forum whose pictures were never tried (stored while "Keep images offline" was
 * off), after the post `after`, in id order, as many as `room` holds, from at most
 * CATCH_UP_SCAN_POSTS posts read. `through` is the last post looked at and passed (the next look
 * starts after it), or null when the look passed none.
 */
export async function postsToCatchUpPictures(db: ReaderDb, forumId: string, after: string, room: PictureRoom): Promise<{ posts: PicturePosts; through: string | null }> {
  const posts: PicturePosts = [];
  let through: string | null = null;
  let chars = room.chars;
  let from = after || `${forumId}/p/`;
  scan: for (let read = 0; read < CATCH_UP_SCAN_POSTS && posts.length < room.posts; ) {
    const page: PostRow[] = await db.posts
      .where('id')
      .between(from, `${forumId}/p/\uffff`, false, true)
      .limit(Math.min(SCAN_PAGE_POSTS, CATCH_UP_SCAN_POSTS - read))
      .toArray();
    if (page.length === 0) break;
    read += page.length;
    const showing = page.filter((post) => !post.deleted && post.bodyFormat !== 'plain' && post.html.length <= MAX_IMAGE_RETRY_HTML && showsPicture(post.html));
    const tried = new Set(await db.imageUses.where('postId').anyOf(showing.map((post) => post.id)).keys());
    const wanted = new Set(showing.filter((post) => !tried.has(post.id)));
    for (const post of page) {
      if (wanted.has(post)) {
        // No room left for this one: the next look starts with it.
        if (post.html.length > chars) break scan;
        posts.push({ id: post.id, threadId: post.threadId, html: post.html });
        chars -= post.html.length;
      }
      through = post.id;
      if (posts.length === room.posts) break scan;
    }
    from = page.at(-1)!.id;
  }
  return { posts, through };
}
