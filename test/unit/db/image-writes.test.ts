// Pictures are written through renderer/db/image-writes.ts only: once per content hash, with the
// posts that show them, and a failure that says why without losing a picture kept before.
import { afterEach, describe, expect, it } from 'vitest';
import { keepImage, recordImageFailure } from '../../../renderer/db/image-writes';
import type { ReaderDb } from '../../../renderer/db/reader-db';
import { freshDb } from '../../support/fresh-db';

const dbs: ReaderDb[] = [];
const newDb = () => {
  const db = freshDb();
  dbs.push(db);
  return db;
};
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

const png = (fill: number) => ({ hash: `hash-${fill}`, bytes: new Blob([new Uint8Array(64).fill(fill)], { type: 'image/png' }), mime: 'image/png', width: 4, height: 4 });
const AT = '2026-12-06T08:00:00.000Z';

describe('keeping pictures', () => {
  it('stores a picture shown by two posts at two addresses once, and each post points at it', async () => {
    const db = newDb();
    await keepImage(db, { forumId: 'f1', url: 'https://forum.test/a.png', shownBy: [{ postId: 'p1', threadId: 't1' }] }, png(1), AT);
    await keepImage(db, { forumId: 'f1', url: 'https://cdn.test/a.png', shownBy: [{ postId: 'p2', threadId: 't1' }] }, png(1), AT);
    const images = await db.images.toArray();
    expect(images.map(({ hash, byteLength, forumIds }) => ({ hash, byteLength, forumIds }))).toEqual([{ hash: 'hash-1', byteLength: 64, forumIds: ['f1'] }]);
    expect(await db.imageUses.where('hash').equals('hash-1').toArray()).toEqual([
      { postId: 'p1', url: 'https://forum.test/a.png', threadId: 't1', forumId: 'f1', hash: 'hash-1', at: AT },
      { postId: 'p2', url: 'https://cdn.test/a.png', threadId: 't1', forumId: 'f1', hash: 'hash-1', at: AT },
    ]);
  });

  it('counts a picture shown in a second forum towards both', async () => {
    const db = newDb();
    await keepImage(db, { forumId: 'f1', url: 'https://a.test/x.png', shownBy: [{ postId: 'p1', threadId: 't1' }] }, png(2), AT);
    await keepImage(db, { forumId: 'f2', url: 'https://b.test/x.png', shownBy: [{ postId: 'q1', threadId: 'u1' }] }, png(2), AT);
    expect((await db.images.where('forumIds').equals('f2').toArray()).map((row) => row.forumIds)).toEqual([['f1', 'f2']]);
  });

  it('the bytes come back as a Blob of the same size and type', async () => {
    const db = newDb();
    await keepImage(db, { forumId: 'f1', url: 'https://a.test/x.png', shownBy: [{ postId: 'p1', threadId: 't1' }] }, png(3), AT);
    const row = await db.images.get('hash-3');
    expect(row?.bytes).toBeInstanceOf(Blob);
    expect(new Uint8Array(await row!.bytes.arrayBuffer())).toEqual(new Uint8Array(64).fill(3));
  });

  it('records why a picture was refused, and a later failure does not lose a picture kept before', async () => {
    const db = newDb();
    const kept = { forumId: 'f1', url: 'https://a.test/x.png', shownBy: [{ postId: 'p1', threadId: 't1' }] };
    await keepImage(db, kept, png(4), AT);
    const failure = { code: 'http_status', message: 'the forum answered 404 (not found: the picture may have been deleted)' };
    await recordImageFailure(db, { ...kept, shownBy: [...kept.shownBy, { postId: 'p2', threadId: 't1' }] }, failure, AT);
    expect(await db.imageUses.get(['p1', 'https://a.test/x.png'])).toMatchObject({ hash: 'hash-4' });
    expect(await db.imageUses.get(['p2', 'https://a.test/x.png'])).toEqual({ postId: 'p2', url: 'https://a.test/x.png', threadId: 't1', forumId: 'f1', failure, at: AT });
  });
});
