import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReaderDb } from '../../../renderer/db/reader-db';
import { buildSyncRequest } from '../../../renderer/db/sync-request';
import { setNewsSync } from '../../../renderer/features/sync/sync-settings';
import { DEFAULT_FIRST_SYNC_ARTICLES, DEFAULT_NEWS_CONNECTIONS, MAX_IMAGE_RETRY_HTML, MAX_NEWS_CONNECTIONS } from '../../../shared/api';
import { keepImagesSetting, setSetting } from '../../../renderer/db/settings';
import type { Forum } from '../../../shared/model';
import { freshDb } from '../../support/fresh-db';

let db: ReaderDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

async function storeForumWithThread(id: string, protocol: Forum['protocol'], baseUrl: string) {
  await db.forums.put({ id, name: id, baseUrl, protocol, isSample: false, addedAt: '2026-01-01T00:00:00.000Z', lastSyncedAt: null, lastSyncError: null });
  await db.boards.put({ id: `${id}/c/7`, forumId: id, remoteId: 7, name: 'local.test', slug: 'local.test', description: '', position: 0, parentId: null, threadCount: 1, followed: true, threadLimit: 100 });
  await db.threads.put({
    id: `${id}/t/42`, forumId: id, boardId: `${id}/c/7`, remoteId: 42, title: 'Root expired long ago', slug: 'x', authorUsername: 'jane@example.org',
    createdAt: '2026-01-02T00:00:00.000Z', lastPostedAt: '2026-01-03T00:00:00.000Z', bumpedAt: '2026-01-03T00:00:00.000Z', postsCount: 1, highestPostNumber: 2,
    pinned: false, closed: false, storedPostCount: 1, unreadCount: 0,
  });
  await db.posts.put({
    id: `${id}/p/4201`, forumId: id, threadId: `${id}/t/42`, remoteId: 4201, postNumber: 2, username: 'bob', displayName: 'Bob', avatarUrl: null,
    createdAt: '2026-01-03T00:00:00.000Z', updatedAt: '2026-01-03T00:00:00.000Z', version: 1, html: 'reply', bodyFormat: 'plain', replyToPostNumber: 1, hidden: false, deleted: false,
  });
}

describe('the sync request', () => {
  it('carries stored posts whose pictures failed for another try, but none whose HTML is longer than a request may carry', async () => {
    await storeForumWithThread('forum', 'discourse', 'https://forum.example.org');
    await setSetting(db, keepImagesSetting('forum'), true);
    const picture = '<p><img src="/uploads/a.png" alt="A still" width="40" height="30"></p>';
    const stored = (await db.posts.get('forum/p/4201'))!;
    await db.posts.bulkPut([
      { ...stored, id: 'forum/p/1', bodyFormat: undefined, html: picture },
      { ...stored, id: 'forum/p/2', bodyFormat: undefined, html: `${picture}<p>${'x'.repeat(MAX_IMAGE_RETRY_HTML)}</p>` },
    ]);
    const failure = { code: 'timeout', message: 'timed out' };
    await db.imageUses.bulkPut(['forum/p/1', 'forum/p/2'].map((postId) => ({ postId, url: '/uploads/a.png', threadId: 'forum/t/42', forumId: 'forum', failure, at: '2026-01-04T00:00:00.000Z' })));
    const request = await buildSyncRequest(db, 'forum');
    expect(request.retryImagesOf?.map((post) => post.id)).toEqual(['forum/p/1']);
  });


  it("tells a news server each stored thread's own fields, which it cannot read again once the root expired", async () => {
    await storeForumWithThread('news', 'nntp', 'nntp://127.0.0.1:119');
    const request = await buildSyncRequest(db, 'news');
    expect(request.known).toEqual([
      expect.objectContaining({ remoteId: 42, postIds: [4201], thread: { boardId: 'news/c/7', title: 'Root expired long ago', authorUsername: 'jane@example.org', createdAt: '2026-01-02T00:00:00.000Z' } }),
    ]);
  });

  it('does not send them to a Discourse forum, which lists its topics itself', async () => {
    await storeForumWithThread('forum', 'discourse', 'https://forum.example.org');
    const request = await buildSyncRequest(db, 'forum');
    expect(request.known).toHaveLength(1);
    expect(request.known[0]).not.toHaveProperty('thread');
  });

  it("asks a news server for a group's first sync size and its connections, as set (clamped to what main accepts)", async () => {
    await storeForumWithThread('news', 'nntp', 'nntp://127.0.0.1:119');
    expect(await buildSyncRequest(db, 'news')).toMatchObject({ firstSyncArticles: DEFAULT_FIRST_SYNC_ARTICLES, newsConnections: DEFAULT_NEWS_CONNECTIONS });
    await setNewsSync(db, 'news', { firstSyncArticles: 50 });
    await setNewsSync(db, 'news', { connections: 99 });
    expect(await buildSyncRequest(db, 'news')).toMatchObject({ firstSyncArticles: 50, newsConnections: MAX_NEWS_CONNECTIONS });
  });

  it('asks a Discourse forum for neither', async () => {
    await storeForumWithThread('forum', 'discourse', 'https://forum.example.org');
    const request = await buildSyncRequest(db, 'forum');
    expect(request).not.toHaveProperty('firstSyncArticles');
    expect(request).not.toHaveProperty('newsConnections');
  });
});
