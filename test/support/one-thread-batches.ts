// One thread of one forum, and sync batches of its posts, for tests of what a commit writes.
import type { Post, SyncBatch, Thread } from '../../shared/model';

export const FORUM = 'forum.test';
export const THREAD = `${FORUM}/t/7`;

export const thread: Thread = {
  id: THREAD, forumId: FORUM, boardId: `${FORUM}/c/1`, remoteId: 7, title: 'A thread', slug: 'a-thread', authorUsername: 'ann',
  createdAt: '2024-01-01T00:00:00.000Z', lastPostedAt: '2024-01-02T00:00:00.000Z', bumpedAt: '2024-01-02T00:00:00.000Z',
  postsCount: 5, highestPostNumber: 5, pinned: false, closed: false,
};

/** Post number n of the thread. */
export const post = (n: number): Post => ({
  id: `${FORUM}/p/${100 + n}`, forumId: FORUM, threadId: THREAD, remoteId: 100 + n, postNumber: n, username: 'ann', displayName: 'Ann',
  avatarUrl: null, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z', version: 1, html: `<p>Post ${n}</p>`,
  replyToPostNumber: null, hidden: false, deleted: false,
});

let seq = 0;
/** A batch carrying the thread, with these parts. */
export const batch = (parts: Partial<SyncBatch>): SyncBatch => ({
  runId: 'run', seq: seq++, forumId: FORUM, threads: [thread], posts: [], removedPostIds: [], threadCursors: [], boardCursors: [], ...parts,
});
