// Stored posts whose pictures were never tried (kept before "Keep images offline" was on) are
// found a bounded number at a time, in post id order, so the next sync carries a bounded request.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CATCH_UP_SCAN_POSTS, postsToCatchUpPictures } from '../../../renderer/db/image-queries';
import type { PostRow, ReaderDb } from '../../../renderer/db/reader-db';
import { freshDb } from '../../support/fresh-db';

const FORUM = 'forum.example.org';
let db: ReaderDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

const post = (n: number, html: string, more: Partial<PostRow> = {}): PostRow => ({
  id: `${FORUM}/p/${String(n).padStart(6, '0')}`, forumId: FORUM, threadId: `${FORUM}/t/1`, remoteId: n, postNumber: n, username: 'ann', displayName: '', avatarUrl: null,
  createdAt: '2026-01-03T00:00:00.000Z', updatedAt: '2026-01-03T00:00:00.000Z', version: 1, html, replyToPostNumber: null, hidden: false, deleted: false, ...more,
});
const PICTURE = '<p><img src="/uploads/a.png" alt="A still" width="40" height="30"></p>';
const ROOM = { posts: 200, chars: 4_000_000 };

describe('postsToCatchUpPictures', () => {
  it('takes only posts showing a picture never tried, and says where the next look starts', async () => {
    await db.posts.bulkPut([
      post(1, PICTURE),
      post(2, '<p>Just words <img src="/images/emoji/twitter/smile.png" class="emoji" alt=":smile:"></p>'),
      post(3, PICTURE),
      post(4, PICTURE, { deleted: true }),
      post(5, PICTURE),
    ]);
    // Post 3's picture was tried already (kept or not).
    await db.imageUses.put({ postId: post(3, '').id, url: '/uploads/a.png', threadId: `${FORUM}/t/1`, forumId: FORUM, failure: { code: 'svg', message: 'SVG' }, at: '2026-01-04T00:00:00.000Z' });
    const first = await postsToCatchUpPictures(db, FORUM, '', ROOM);
    expect(first.posts.map((row) => row.id)).toEqual([post(1, '').id, post(5, '').id]);
    expect(first.posts[0]).toEqual({ id: post(1, '').id, threadId: `${FORUM}/t/1`, html: PICTURE });
    expect(first.through).toBe(post(5, '').id);
    expect(await postsToCatchUpPictures(db, FORUM, first.through!, ROOM)).toEqual({ posts: [], through: null });
  });

  it('carries at most the room it is given, and goes on after the last post taken', async () => {
    await db.posts.bulkPut(Array.from({ length: 250 }, (_, i) => post(i + 1, PICTURE)));
    const first = await postsToCatchUpPictures(db, FORUM, '', ROOM);
    expect(first.posts).toHaveLength(200);
    expect(first.through).toBe(post(200, '').id);
    const next = await postsToCatchUpPictures(db, FORUM, first.through!, ROOM);
    expect(next.posts.map((row) => row.id)).toEqual(Array.from({ length: 50 }, (_, i) => post(i + 201, '').id));
  });

  it('carries no more HTML than the room has characters for, and starts the next look with the post left', async () => {
    const long = `<p>${'x'.repeat(1000)}</p>${PICTURE}`;
    await db.posts.bulkPut([post(1, long), post(2, long), post(3, long)]);
    const first = await postsToCatchUpPictures(db, FORUM, '', { posts: 200, chars: 2 * long.length + 10 });
    expect(first.posts.map((row) => row.id)).toEqual([post(1, '').id, post(2, '').id]);
    expect(first.through).toBe(post(2, '').id);
    expect((await postsToCatchUpPictures(db, FORUM, first.through!, ROOM)).posts.map((row) => row.id)).toEqual([post(3, '').id]);
  });

  it(`reads at most ${CATCH_UP_SCAN_POSTS.toLocaleString('en')} stored posts in one look, however few show pictures`, async () => {
    await db.posts.bulkPut(Array.from({ length: CATCH_UP_SCAN_POSTS + 10 }, (_, i) => post(i + 1, i === CATCH_UP_SCAN_POSTS + 4 ? PICTURE : '<p>words</p>')));
    const first = await postsToCatchUpPictures(db, FORUM, '', ROOM);
    expect(first).toEqual({ posts: [], through: post(CATCH_UP_SCAN_POSTS, '').id });
    const next = await postsToCatchUpPictures(db, FORUM, first.through!, ROOM);
    expect(next.posts.map((row) => row.id)).toEqual([post(CATCH_UP_SCAN_POSTS + 5, '').id]);
  });
});
