// Pictures in the library file, against Dexie on fake-indexeddb: included only when chosen, restored
// byte for byte, merged by content, and a file whose pictures are damaged or hostile refused with a
// message naming the line, leaving everything stored as it was.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { keepImage } from '../../../../renderer/db/image-writes';
import { ReaderDb } from '../../../../renderer/db/reader-db';
import { exportLibrary } from '../../../../renderer/features/backup/export-library';
import { importLibrary } from '../../../../renderer/features/backup/import-library';
import { IMAGE_MIME, readImageHeader } from '../../../../shared/images/image-header';
import { dumpLibrary, memorySink, seedLibrary } from '../../../support/library-fixture';

let dbCount = 0;
const newDb = () => new ReaderDb(`library-pictures-test-${++dbCount}`, { indexedDB: new IDBFactory(), IDBKeyRange });
const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/images/${name}`, import.meta.url));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const FORUM = 'forum.example.org';
const sizeOf = (bytes: Uint8Array) => {
  const reading = readImageHeader(bytes);
  if (!reading.ok) throw new Error(reading.refusal.message);
  return { mime: IMAGE_MIME[reading.header.type], width: reading.header.width, height: reading.header.height };
};
const PNG = sizeOf(fixture('red-shoes.png'));

/** A library of two threads whose posts show three pictures, one of them in both threads. */
async function libraryWithPictures(db: ReaderDb) {
  await seedLibrary(db, { threads: 2, postsPerThread: 3 });
  for (const [i, name] of ['red-shoes.png', 'red-shoes.jpg', 'animated.gif'].entries()) {
    const bytes = fixture(name);
    const picture = { name, ...sizeOf(bytes) };
    const shownBy = [{ postId: `${FORUM}/p/${i + 1}`, threadId: `${FORUM}/t/1` }, ...(i === 0 ? [{ postId: `${FORUM}/p/4`, threadId: `${FORUM}/t/2` }] : [])];
    await keepImage(db, { forumId: FORUM, url: `https://${FORUM}/uploads/${picture.name}`, shownBy }, { hash: sha256(bytes), bytes: new Blob([bytes], { type: picture.mime }), mime: picture.mime, width: picture.width, height: picture.height });
  }
  await db.imageUses.put({ postId: `${FORUM}/p/5`, url: `https://${FORUM}/uploads/gone.png`, threadId: `${FORUM}/t/2`, forumId: FORUM, failure: { code: 'http_status', message: 'the forum answered 404' }, at: '2026-12-06T08:00:00.000Z' });
}

async function exportText(db: ReaderDb, includePictures: boolean): Promise<string> {
  const memory = memorySink();
  await exportLibrary(db, memory.sink, { includePictures, now: () => new Date('2026-12-06T09:00:00Z') });
  return memory.text();
}

/** Every picture's bytes, by hash, and the rest of the library as rows. */
async function snapshot(db: ReaderDb) {
  const { images, ...rest } = await dumpLibrary(db);
  const bytes = Object.fromEntries(
    await Promise.all((images as { hash: string; bytes: Blob }[]).map(async (image) => [image.hash, createHash('sha256').update(new Uint8Array(await image.bytes.arrayBuffer())).digest('hex')])),
  );
  return { images: (images as { bytes: Blob }[]).map(({ bytes: _, ...row }) => row), bytes, rest };
}

const lines = (text: string) => text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
const rebuilt = (parsed: Record<string, any>[]) => new Blob([parsed.map((line) => JSON.stringify(line)).join('\n') + '\n']);

describe('pictures in the library file', () => {
  it('are left out unless chosen, and such a file is format version 1, as before pictures', async () => {
    const db = newDb();
    await libraryWithPictures(db);
    const parsed = lines(await exportText(db, false));
    expect(parsed[0]).toMatchObject({ formatVersion: 1 });
    expect(parsed[0]!.tables).not.toContain('images');
    expect(parsed.filter((line) => line.table === 'images' || line.table === 'imageUses')).toEqual([]);
    expect(parsed.at(-1)!.counts).toMatchObject({ images: 0, imageUses: 0 });
  });

  it('come back byte for byte, with the posts that show them and the reasons others were not kept', async () => {
    const source = newDb();
    await libraryWithPictures(source);
    const text = await exportText(source, true);
    const parsed = lines(text);
    expect(parsed[0]).toMatchObject({ formatVersion: 2 });
    expect(parsed.filter((line) => line.table === 'images')).toHaveLength(3);
    expect(parsed.filter((line) => line.table === 'images')[0]!.row.bytes).toMatch(/^[A-Za-z0-9+/]+=*$/);

    const target = newDb();
    const outcome = await importLibrary(target, new Blob([text]));
    expect(outcome).toMatchObject({ ok: true, message: expect.stringContaining('3 pictures') });
    const [restored, original] = [await snapshot(target), await snapshot(source)];
    expect({ images: restored.images, bytes: restored.bytes, uses: restored.rest.imageUses }).toEqual({ images: original.images, bytes: original.bytes, uses: original.rest.imageUses });
    expect(Object.keys(restored.bytes)).toHaveLength(3);
    expect(await target.imageUses.count()).toBe(5);
  });

  it('join the pictures stored here by content: a picture another forum shows gains this forum, and a second import adds nothing', async () => {
    const source = newDb();
    await libraryWithPictures(source);
    const text = await exportText(source, true);
    const target = newDb();
    await seedLibrary(target, { forumId: 'other.example.net', threads: 1, postsPerThread: 2 });
    const png = fixture('red-shoes.png');
    await keepImage(target, { forumId: 'other.example.net', url: 'https://other.example.net/x.png', shownBy: [{ postId: 'other.example.net/p/1', threadId: 'other.example.net/t/1' }] }, { hash: sha256(png), bytes: new Blob([png], { type: 'image/png' }), ...PNG });

    expect(await importLibrary(target, new Blob([text]))).toMatchObject({ ok: true });
    expect(await target.images.get(sha256(png))).toMatchObject({ forumIds: ['other.example.net', FORUM] });
    expect(await target.images.count()).toBe(3);
    const second = await importLibrary(target, new Blob([text]));
    expect(second).toMatchObject({ ok: true, added: { images: 0, imageUses: 0 } });
    expect(await target.images.count()).toBe(3);
  });

  it('still reads a library exported before pictures existed (format 1, database version 2)', async () => {
    const source = newDb();
    await seedLibrary(source, { threads: 2, postsPerThread: 3 });
    const parsed = lines(await exportText(source, false));
    const oldTables = ['forums', 'boards', 'threadCursors', 'boardCursors', 'threads', 'posts', 'readMarks', 'bookmarks', 'highlights', 'drafts', 'outbox', 'settings', 'syncLog'];
    parsed[0] = { ...parsed[0], formatVersion: 1, schemaVersion: 2, tables: oldTables };
    const { images: _i, imageUses: _u, ...oldCounts } = parsed.at(-1)!.counts as Record<string, number>;
    parsed[parsed.length - 1] = { end: true, counts: oldCounts };
    const target = newDb();
    expect(await importLibrary(target, rebuilt(parsed))).toMatchObject({ ok: true, read: { posts: 6 } });
    expect(await target.posts.count()).toBe(6);
  });
});

describe('a library file with a bad picture changes nothing and says which line', () => {
  async function refused(change: (parsed: Record<string, any>[], pictureLine: number) => void): Promise<string> {
    const source = newDb();
    await libraryWithPictures(source);
    const parsed = lines(await exportText(source, true));
    change(parsed, parsed.findIndex((line) => line.table === 'images'));
    const target = newDb();
    await seedLibrary(target, { forumId: 'other.example.net', threads: 1, postsPerThread: 2 });
    const before = await snapshot(target);
    const outcome = await importLibrary(target, rebuilt(parsed));
    expect(outcome.ok).toBe(false);
    expect(await snapshot(target)).toEqual(before);
    return outcome.message;
  }
  const setPicture = (parsed: Record<string, any>[], index: number, bytes: Buffer, fields: Record<string, unknown> = {}) => {
    parsed[index]!.row = { ...parsed[index]!.row, bytes: bytes.toString('base64'), byteLength: bytes.length, hash: sha256(bytes), ...fields };
  };

  it('bytes changed after export: they no longer match the SHA-256 the picture is named by', async () => {
    const message = await refused((parsed, at) => {
      const bytes = Buffer.from(parsed[at]!.row.bytes, 'base64');
      const at20 = bytes.length - 20;
      bytes.writeUInt8(bytes.readUInt8(at20) ^ 0xff, at20);
      parsed[at]!.row.bytes = bytes.toString('base64');
    });
    expect(message).toMatch(/^The library file's picture at line \d+ cannot be kept: its bytes do not match its SHA-256, so they were changed or damaged\. Nothing was imported; your library is as it was\.$/);
  });

  it('a decompression bomb: a PNG header claiming 100000×100000 pixels, refused before anything decodes it', async () => {
    const message = await refused((parsed, at) => setPicture(parsed, at, fixture('bomb-100000x100000.png'), { mime: 'image/png', width: 100_000, height: 100_000 }));
    expect(message).toMatch(/picture at line \d+ cannot be kept: it is not a picture the reader keeps \(.*(pixel|megapixel).*\)/i);
  });

  it('an SVG drawing passed off as a picture', async () => {
    const message = await refused((parsed, at) => setPicture(parsed, at, fixture('drawing.svg'), { mime: 'image/png' }));
    expect(message).toMatch(/cannot be kept: it is not a picture the reader keeps/);
  });

  it('a PNG that says it is a JPEG, and a size its header does not have', async () => {
    expect(await refused((parsed, at) => setPicture(parsed, at, fixture('red-shoes.png'), { ...PNG, mime: 'image/jpeg' }))).toMatch(
      /its bytes are a PNG picture, not the image\/jpeg it says/,
    );
    expect(await refused((parsed, at) => setPicture(parsed, at, fixture('red-shoes.png'), { ...PNG, width: PNG.width + 1 }))).toMatch(
      new RegExp(`its bytes are ${PNG.width}×${PNG.height} pixels, not the ${PNG.width + 1}×${PNG.height} it says`),
    );
  });

  it('a picture larger than the 10 MB one may be, or bytes that are not base64', async () => {
    expect(await refused((parsed, at) => (parsed[at]!.row.byteLength = 11 * 1024 * 1024))).toMatch(/damaged at line \d+ \(a picture\): byteLength/);
    expect(await refused((parsed, at) => (parsed[at]!.row.bytes = '<script>alert(1)</script>'))).toMatch(/damaged at line \d+ \(a picture\): bytes: expected base64/);
  });
});
