import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PostRow, ReaderDb } from '../../../../renderer/db/reader-db';
import { postsById } from '../../../../renderer/features/search/search-queries';
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
