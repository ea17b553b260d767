import { afterEach, describe, expect, it } from 'vitest';
import { commitSyncBatch } from '../../../renderer/db/commit-sync-batch';
import { firstUnreadIndex, markPostsRead, markThreadRead, markThreadUnread } from '../../../renderer/db/read-state';
import type { ReaderDb } from '../../../renderer/db/reader-db';
import { freshDb } from '../../support/fresh-db';
import { batch, post, THREAD } from '../../support/one-thread-batches';

let db: ReaderDb;
afterEach(async () => {
  await db?.delete();
});

async function counts() {
  const row = await db.threads.get(THREAD);
  return { stored: row?.storedPostCount, unread: row?.unreadCount, marks: await db.readMarks.count() };
}

describe('read state', () => {
  it('new posts arrive unread and reading them lowers the count once', async () => {
    db = freshDb();
    await commitSyncBatch(db, batch({ posts: [1, 2, 3, 4, 5].map(post) }));
    expect(await counts()).toEqual({ stored: 5, unread: 5, marks: 0 });
    expect(await markPostsRead(db, [post(1).id, post(2).id, post(2).id])).toBe(2);
    expect(await markPostsRead(db, [post(1).id])).toBe(0);
    expect(await counts()).toEqual({ stored: 5, unread: 3, marks: 2 });
  });

  it('a post sent again by a later sync stays read and is not counted twice', async () => {
    db = freshDb();
    await commitSyncBatch(db, batch({ posts: [1, 2].map(post) }));
    await markPostsRead(db, [post(1).id]);
    await commitSyncBatch(db, batch({ posts: [1, 2, 3].map(post) }));
    expect(await counts()).toEqual({ stored: 3, unread: 2, marks: 1 });
  });

  it('a removed post that had been read takes its mark with it, not a count off unread', async () => {
    db = freshDb();
    await commitSyncBatch(db, batch({ posts: [1, 2, 3, 4].map(post) }));
    await markPostsRead(db, [post(1).id, post(2).id]);
    await commitSyncBatch(db, batch({ removedPostIds: [post(2).id, post(3).id] }));
    expect(await counts()).toEqual({ stored: 2, unread: 1, marks: 1 });
    expect(await db.readMarks.get(post(2).id)).toBeUndefined();
  });

  it('marking a post read that is no longer stored changes nothing', async () => {
    db = freshDb();
    await commitSyncBatch(db, batch({ posts: [1].map(post) }));
    expect(await markPostsRead(db, [post(9).id])).toBe(0);
    expect(await counts()).toEqual({ stored: 1, unread: 1, marks: 0 });
  });

  it('marks a whole thread read and unread', async () => {
    db = freshDb();
    await commitSyncBatch(db, batch({ posts: [1, 2, 3].map(post) }));
    await markPostsRead(db, [post(2).id]);
    await markThreadRead(db, THREAD);
    expect(await counts()).toEqual({ stored: 3, unread: 0, marks: 3 });
    await markThreadUnread(db, THREAD);
    expect(await counts()).toEqual({ stored: 3, unread: 3, marks: 0 });
  });

  it('opens a thread at its first unread post', async () => {
    db = freshDb();
    await commitSyncBatch(db, batch({ posts: [1, 2, 3, 4, 5].map(post) }));
    expect(await firstUnreadIndex(db, THREAD)).toBe(0);
    await markPostsRead(db, [post(1).id, post(2).id, post(4).id]);
    expect(await firstUnreadIndex(db, THREAD)).toBe(2);
    await markThreadRead(db, THREAD);
    expect(await firstUnreadIndex(db, THREAD)).toBe(0);
  });
});
