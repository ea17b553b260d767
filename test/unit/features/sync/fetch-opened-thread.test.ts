import { afterEach, describe, expect, it } from 'vitest';
import { storedWhole } from '../../../../renderer/features/sync/fetch-opened-thread';
import { freshDb } from '../../../support/fresh-db';

describe('which opened thread is fetched first', () => {
  const db = freshDb();
  afterEach(() => db.threadCursors.clear());
  const cursor = { threadId: 'forum/t/7', highestPostNumber: 30, postsCount: 30, lastPostedAt: '2024-01-01T00:00:00.000Z' };

  it('one with no posts stored, and one with some but no completed pass (the feed brought its newest posts first)', async () => {
    expect(await storedWhole(db, { id: 'forum/t/7', storedPostCount: 0 })).toBe(false);
    expect(await storedWhole(db, { id: 'forum/t/7', storedPostCount: 12 })).toBe(false);
  });

  it('not one whose pass completed', async () => {
    await db.threadCursors.put(cursor);
    expect(await storedWhole(db, { id: 'forum/t/7', storedPostCount: 30 })).toBe(true);
  });
});
