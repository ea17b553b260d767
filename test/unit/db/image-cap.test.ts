// Each forum's pictures stay under its limit: the least recently read threads' pictures go first,
// a bookmarked or highlighted post keeps its own, a picture another thread or forum still shows
// stays, and the check runs by itself after pictures are written.
import { afterEach, describe, expect, it } from 'vitest';
import { keepForumImagesUnderCap, watchImageCaps, type CapOutcome } from '../../../renderer/db/image-cap';
import { keepImage, releaseImageUses, removeImagesOfForum } from '../../../renderer/db/image-writes';
import type { ForumRow, ReaderDb } from '../../../renderer/db/reader-db';
import { imageCapSetting, setSetting } from '../../../renderer/db/settings';
import { freshDb } from '../../support/fresh-db';

const MB = 1024 * 1024;
const dbs: ReaderDb[] = [];
const newDb = () => {
  const db = freshDb();
  dbs.push(db);
  return db;
};
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

/** A picture of `mb` megabytes whose hash is its name. */
const picture = (name: string, mb = 1) => ({ hash: name, bytes: new Blob([new Uint8Array(mb * MB)], { type: 'image/jpeg' }), mime: 'image/jpeg', width: 640, height: 480 });
const keep = (db: ReaderDb, forumId: string, threadId: string, postId: string, name: string, at = '2026-12-01T00:00:00.000Z') =>
  keepImage(db, { forumId, url: `https://${forumId}/uploads/${name}.jpeg`, shownBy: [{ postId, threadId }] }, picture(name), at);
const readThread = (db: ReaderDb, threadId: string, readAt: string) => db.readMarks.put({ postId: `${threadId}/read`, threadId, readAt });
const hashesOf = async (db: ReaderDb, forumId: string) => ((await db.images.where('forumIds').equals(forumId).primaryKeys()) as string[]).sort();

/** Three threads of one picture each: old (read in January), recent (read in June), fresh (never read, kept in December). */
async function threeThreads(db: ReaderDb) {
  await keep(db, 'f', 'f/old', 'f/old/1', 'old');
  await keep(db, 'f', 'f/recent', 'f/recent/1', 'recent');
  await keep(db, 'f', 'f/fresh', 'f/fresh/1', 'fresh');
  await readThread(db, 'f/old', '2026-01-10T00:00:00.000Z');
  await readThread(db, 'f/recent', '2026-06-10T00:00:00.000Z');
}

describe('keeping a forum’s pictures under its limit', () => {
  it('drops the pictures of the thread read longest ago first, and only as many threads as it takes', async () => {
    const db = newDb();
    await threeThreads(db);
    const outcome = await keepForumImagesUnderCap(db, 'f', 2, '2026-12-06T09:00:00.000Z');
    expect(outcome).toEqual({ bytes: 2 * MB, freedBytes: MB, threadsCleared: 1, overCap: false });
    expect(await hashesOf(db, 'f')).toEqual(['fresh', 'recent']);
    // The post shows its alt text and why; it no longer points at a picture.
    expect(await db.imageUses.get(['f/old/1', 'https://f/uploads/old.jpeg'])).toMatchObject({
      threadId: 'f/old',
      forumId: 'f',
      failure: { code: 'evicted', message: expect.stringContaining('2 MB limit') },
      at: '2026-12-06T09:00:00.000Z',
    });
    expect((await db.imageUses.get(['f/old/1', 'https://f/uploads/old.jpeg']))?.hash).toBeUndefined();
  });

  it('counts a thread never read as read when its pictures were kept, so a fresh sync outlives a thread read long ago', async () => {
    const db = newDb();
    await threeThreads(db);
    await keepForumImagesUnderCap(db, 'f', 1);
    expect(await hashesOf(db, 'f')).toEqual(['fresh']);
  });

  it('leaves a forum under its limit alone', async () => {
    const db = newDb();
    await threeThreads(db);
    expect(await keepForumImagesUnderCap(db, 'f', 3)).toEqual({ bytes: 3 * MB, freedBytes: 0, threadsCleared: 0, overCap: false });
    expect(await hashesOf(db, 'f')).toEqual(['fresh', 'old', 'recent']);
  });

  it('never drops a bookmarked or highlighted post’s pictures, and says when they alone are over the limit', async () => {
    const db = newDb();
    await threeThreads(db);
    await db.bookmarks.put({ id: 'b1', postId: 'f/old/1', threadId: 'f/old', forumId: 'f', note: '', tags: [], createdAt: '2026-01-10T00:00:00.000Z', postVersion: 1, postHtml: '<p>x</p>' });
    await keepForumImagesUnderCap(db, 'f', 2);
    expect(await hashesOf(db, 'f')).toEqual(['fresh', 'old']);

    await db.highlights.put({ id: 'h1', postId: 'f/fresh/1', threadId: 'f/fresh', forumId: 'f', exact: 'x', prefix: '', suffix: '', note: '', tags: [], createdAt: '2026-12-01T00:00:00.000Z' });
    const outcome = await keepForumImagesUnderCap(db, 'f', 1);
    expect(outcome).toMatchObject({ bytes: 2 * MB, freedBytes: 0, overCap: true });
    expect(await hashesOf(db, 'f')).toEqual(['fresh', 'old']);
  });

  it('keeps a picture another thread still shows, and frees it when that thread’s turn comes', async () => {
    const db = newDb();
    await threeThreads(db);
    // The old thread's picture is shown in the recent thread too.
    await keepImage(db, { forumId: 'f', url: 'https://f/uploads/old-again.jpeg', shownBy: [{ postId: 'f/recent/2', threadId: 'f/recent' }] }, picture('old'));
    const outcome = await keepForumImagesUnderCap(db, 'f', 2);
    // Clearing the old thread freed nothing: the recent one had to go too.
    expect(outcome).toMatchObject({ freedBytes: 2 * MB, threadsCleared: 2, overCap: false });
    expect(await hashesOf(db, 'f')).toEqual(['fresh']);
  });

  it('takes a picture two forums show away from one of them only: its bytes stay for the other', async () => {
    const db = newDb();
    await keep(db, 'f', 'f/old', 'f/old/1', 'shared');
    await keep(db, 'g', 'g/t', 'g/t/1', 'shared');
    await keep(db, 'f', 'f/new', 'f/new/1', 'own', '2026-12-05T00:00:00.000Z');
    await keepForumImagesUnderCap(db, 'f', 1);
    expect(await hashesOf(db, 'f')).toEqual(['own']);
    expect(await db.images.get('shared')).toMatchObject({ forumIds: ['g'], byteLength: MB });
    expect(await db.imageUses.get(['g/t/1', 'https://g/uploads/shared.jpeg'])).toMatchObject({ hash: 'shared' });
  });
});

describe('taking pictures away from posts', () => {
  it('keeps a picture in the forum while another of its posts shows it, and drops it with the last', async () => {
    const db = newDb();
    await keep(db, 'f', 'f/a', 'f/a/1', 'both');
    await keepImage(db, { forumId: 'f', url: 'https://f/uploads/both.jpeg', shownBy: [{ postId: 'f/b/1', threadId: 'f/b' }] }, picture('both'));
    const release = (postId: string) =>
      db.transaction('rw', [db.images, db.imageUses], async (tx) => releaseImageUses(tx, 'f', [(await db.imageUses.get([postId, 'https://f/uploads/both.jpeg']))!]));
    expect(await release('f/a/1')).toBe(0);
    expect(await db.images.get('both')).toMatchObject({ forumIds: ['f'] });
    expect(await release('f/b/1')).toBe(MB);
    expect(await db.images.count()).toBe(0);
    expect(await db.imageUses.count()).toBe(0);
  });
});

describe('removing a forum’s pictures', () => {
  it('deletes the pictures only it shows, and keeps one another forum shows for that forum', async () => {
    const db = newDb();
    await keep(db, 'f', 'f/t', 'f/t/1', 'mine');
    await keep(db, 'f', 'f/t', 'f/t/2', 'shared');
    await keep(db, 'g', 'g/t', 'g/t/1', 'shared');
    const freed = await db.transaction('rw', [db.images, db.imageUses], (tx) => removeImagesOfForum(tx, 'f'));
    expect(freed).toBe(2 * MB);
    expect(await db.images.toCollection().primaryKeys()).toEqual(['shared']);
    expect(await db.images.get('shared')).toMatchObject({ forumIds: ['g'] });
    expect(await db.imageUses.where('forumId').equals('f').count()).toBe(0);
    expect(await db.imageUses.where('forumId').equals('g').count()).toBe(1);
  });
});

describe('checking the limits after pictures are written', () => {
  it('drops the oldest thread’s pictures by itself once a kept picture takes the forum past its limit', async () => {
    const db = newDb();
    await db.forums.put({ id: 'f', name: 'F', baseUrl: 'https://f', protocol: 'discourse', isSample: false, addedAt: '2026-01-01T00:00:00.000Z', lastSyncedAt: null, lastSyncError: null } as ForumRow);
    await setSetting(db, imageCapSetting('f'), 2);
    await readThread(db, 'f/old', '2026-01-10T00:00:00.000Z');
    await readThread(db, 'f/recent', '2026-06-10T00:00:00.000Z');
    // Resolves at the first check that took pictures away (a check may also run between two writes).
    let evicted: (outcome: CapOutcome) => void = () => {};
    const nextEviction = () => new Promise<CapOutcome>((resolve) => (evicted = resolve));
    const stop = watchImageCaps(db, {
      delayMs: 5,
      onChecked: (outcomes) => {
        const outcome = outcomes.get('f');
        if (outcome && outcome.freedBytes > 0) evicted(outcome);
      },
    });
    try {
      let eviction = nextEviction();
      await keep(db, 'f', 'f/old', 'f/old/1', 'old');
      await keep(db, 'f', 'f/recent', 'f/recent/1', 'recent');
      await keep(db, 'f', 'f/fresh', 'f/fresh/1', 'fresh');
      expect(await eviction).toMatchObject({ bytes: 2 * MB, freedBytes: MB, overCap: false });
      expect(await hashesOf(db, 'f')).toEqual(['fresh', 'recent']);

      eviction = nextEviction();
      await keep(db, 'f', 'f/newer', 'f/newer/1', 'newer', '2026-12-06T00:00:00.000Z');
      expect(await eviction).toMatchObject({ freedBytes: MB });
      expect(await hashesOf(db, 'f')).toEqual(['fresh', 'newer']);
    } finally {
      stop();
    }
  });
});
