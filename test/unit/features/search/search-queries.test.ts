import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PostRow, ReaderDb, ThreadRow } from '../../../../renderer/db/reader-db';
import { postsById, threadIdsOfBoard } from '../../../../renderer/features/search/search-queries';
import { freshDb } from '../../../support/fresh-db';

const post = (n: number): PostRow => ({
  id: `f.example/p/${n}`,
  forumId: 'f.example',
  threadId: 'f.example/t/1',
  remoteId: n,
  postNumber: n,
  username: 'ann',
  displayName: '',
  avatarUrl: null,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  version: 1,
  html: `<p>post ${n}</p>`,
  replyToPostNumber: null,
  hidden: false,
  deleted: false,
});

describe('postsById', () => {
  let db: ReaderDb;
  beforeEach(() => {
    db = freshDb();
  });
  afterEach(() => db.close());

  it('reads the posts that are stored, by id', async () => {
    await db.posts.bulkPut([post(1), post(2), post(3)]);
    const found = await postsById(db, [post(3).id, 'f.example/p/404', post(1).id]);
    expect([...found.keys()].sort()).toEqual([post(1).id, post(3).id]);
    expect(found.get(post(3).id)).toEqual(post(3));
    expect((await postsById(db, [])).size).toBe(0);
  });
});

describe('threadIdsOfBoard', () => {
  const thread = (n: number, boardId: string, alsoInBoardIds?: string[]): ThreadRow => ({
    id: `f.example/t/${n}`,
    forumId: 'f.example',
    boardId,
    ...(alsoInBoardIds && { alsoInBoardIds }),
    remoteId: n,
    title: `thread ${n}`,
    slug: '',
    authorUsername: 'ann',
    createdAt: '2024-01-01T00:00:00.000Z',
    lastPostedAt: '2024-01-01T00:00:00.000Z',
    bumpedAt: `2024-01-0${n}T00:00:00.000Z`,
    postsCount: 1,
    highestPostNumber: 1,
    pinned: false,
    closed: false,
    storedPostCount: 1,
    unreadCount: 0,
  });

  it('finds a board’s own threads and the newsgroup threads crossposted into it', async () => {
    const db = freshDb();
    await db.threads.bulkPut([thread(1, 'f.example/c/a'), thread(2, 'f.example/c/b', ['f.example/c/a']), thread(3, 'f.example/c/b')]);
    expect((await threadIdsOfBoard(db, 'f.example/c/a')).sort()).toEqual(['f.example/t/1', 'f.example/t/2']);
    expect((await threadIdsOfBoard(db, 'f.example/c/b')).sort()).toEqual(['f.example/t/2', 'f.example/t/3']);
    db.close();
  });
});
