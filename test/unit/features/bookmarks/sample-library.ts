// A small library for the bookmarks tests: one forum, one board, the first posts of the sample
// thread (as the sample forum cooks them), in a fresh database.
import type { Post, Thread } from '../../../../shared/model';
import type { ReaderDb } from '../../../../renderer/db/reader-db';

export const FORUM = 'sample';
export const BASE_URL = 'http://127.0.0.1:4312';
export const THREAD = `${FORUM}/t/1`;

export const thread: Thread = {
  id: THREAD, forumId: FORUM, boardId: `${FORUM}/c/5`, remoteId: 1, title: 'What are your favourite scenes?', slug: 'what-are-your-favourite-scenes',
  authorUsername: 'majesty_guard', createdAt: '2009-01-01T00:00:00.000Z', lastPostedAt: '2009-02-01T00:00:00.000Z',
  bumpedAt: '2009-02-01T00:00:00.000Z', postsCount: 2, highestPostNumber: 2, pinned: false, closed: false,
};

export const POST_1_HTML =
  '<p>I love the entire film but I really love these scenes.</p>\n<p>The Red Shoes ballet sequence.</p>\n<p>What are other peoples favourite scenes?</p>';
export const POST_2_HTML =
  '<p>The rehearsal where Vicky is having trouble in starting on the right beat.<br>\nJulian: See this baton?<br>\nVicky: Yes<br>\nJulian: Well follow it!</p>\n<p>Beautifully done.</p>';

export const post = (n: number, html: string, username: string, version = 1): Post => ({
  id: `${FORUM}/p/${100 + n}`, forumId: FORUM, threadId: THREAD, remoteId: 100 + n, postNumber: n, username, displayName: username,
  avatarUrl: null, createdAt: '2009-01-01T00:00:00.000Z', updatedAt: '2009-01-01T00:00:00.000Z', version, html,
  replyToPostNumber: null, hidden: false, deleted: false,
});

export const POST_1 = post(1, POST_1_HTML, 'majesty_guard');
export const POST_2 = post(2, POST_2_HTML, 'steve_c');

export async function storeSampleLibrary(db: ReaderDb): Promise<void> {
  await db.forums.put({
    id: FORUM, name: 'MovieChat Forums', baseUrl: BASE_URL, protocol: 'discourse', isSample: true, addedAt: '2024-01-01T00:00:00.000Z',
    lastSyncedAt: null, lastSyncError: null,
  });
  await db.boards.put({
    id: thread.boardId, forumId: FORUM, remoteId: 5, name: 'The Red Shoes (1948)', slug: 'the-red-shoes', description: '', position: 0,
    parentId: null, threadCount: 1, followed: true, threadLimit: 100,
  });
  await db.threads.put({ ...thread, storedPostCount: 2, unreadCount: 2 });
  await db.posts.bulkPut([POST_1, POST_2]);
}
