// Export and import of the whole library against Dexie on fake-indexeddb: lossless round trip,
// merging without duplicates, and damaged or foreign files changing nothing.
import { IDBFactory, IDBKeyRange, IDBObjectStore } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { ReaderDb } from '../../../../renderer/db/reader-db';
import { exportLibrary } from '../../../../renderer/features/backup/export-library';
import { importLibrary, isQuotaError } from '../../../../renderer/features/backup/import-library';
import { DERIVED_TABLES, LIBRARY_TABLES, PICTURE_TABLES } from '../../../../renderer/features/backup/library-format';
import { RESTORED_REPLY_NOTE } from '../../../../renderer/features/backup/merge-library-rows';
import { dumpLibrary, memorySink, seedLibrary } from '../../../support/library-fixture';
import { queuedPostIds } from '../../../support/search-queue';

let dbCount = 0;
const newDb = () => new ReaderDb(`library-test-${++dbCount}`, { indexedDB: new IDBFactory(), IDBKeyRange });

async function exported(db: ReaderDb, options: Parameters<typeof exportLibrary>[2] = {}) {
  const memory = memorySink();
  const counts = await exportLibrary(db, memory.sink, options);
  return { ...memory, counts };
}

const fileOf = (text: string) => new Blob([text]);

describe('the library file', () => {
  it('covers every table of the schema except the derived search index', () => {
    const db = newDb();
    const tables = db.tables.map((table) => table.name).sort();
    expect([...LIBRARY_TABLES, ...DERIVED_TABLES].sort()).toEqual(tables);
  });

  it('starts with a header naming the format and schema version and ends with the counts', async () => {
    const db = newDb();
    await seedLibrary(db, { threads: 2, postsPerThread: 3 });
    const { text, counts } = await exported(db, { now: () => new Date('2026-03-14T10:00:00Z') });
    const lines = text().trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toEqual({
      format: 'forum-reader-library',
      formatVersion: 1,
      schemaVersion: db.verno,
      exportedAt: '2026-03-14T10:00:00.000Z',
      tables: LIBRARY_TABLES.filter((table) => !PICTURE_TABLES.has(table)),
    });
    expect(JSON.parse(lines.at(-1)!)).toEqual({ end: true, counts });
    expect(counts.posts).toBe(6);
    expect(lines).toHaveLength(2 + Object.values(counts).reduce((a, b) => a + b, 0));
  });

  it('is written in chunks, a page of rows at a time, with progress', async () => {
    const db = newDb();
    await seedLibrary(db, { threads: 5, postsPerThread: 40, postChars: 500 });
    const progress: number[] = [];
    const { chunks, state } = await exported(db, { pageRows: 25, chunkChars: 16 * 1024, onProgress: (p) => progress.push(p.rowsDone) });
    expect(state).toBe('closed');
    expect(chunks.length).toBeGreaterThan(5);
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(16 * 1024 + 2048);
    expect(progress.length).toBeGreaterThan(10);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });
});

describe('a round trip', () => {
  it('restores every table of the library into an empty profile, row for row', async () => {
    const source = newDb();
    await seedLibrary(source, { threads: 4, postsPerThread: 30, readEvery: 3 });
    const { file } = await exported(source, { pageRows: 7 });
    const target = newDb();
    const outcome = await importLibrary(target, file());
    expect(outcome).toMatchObject({ ok: true });
    const restored = await dumpLibrary(target);
    const original = await dumpLibrary(source);
    // The one change on the way: a reply waiting to be sent may have been sent from the source.
    expect(restored.outbox).toEqual(original.outbox.map((row) => ({ ...(row as object), state: 'waiting-to-retry', maybeSent: true, nextAttemptAt: null, lastError: RESTORED_REPLY_NOTE })));
    expect({ ...restored, outbox: [] }).toEqual({ ...original, outbox: [] });
    // Imported posts are queued for the search index, as synced ones are.
    expect(new Set(await queuedPostIds(target)).size).toBe(120);
  });

  it('restores a news server and its plain articles as they were: protocol, body format and Message-ID', async () => {
    const source = newDb();
    await source.forums.put({ id: 'news', name: 'news.example.org', baseUrl: 'nntp://news.example.org:119', protocol: 'nntp', isSample: false, addedAt: '2026-01-01T00:00:00.000Z', lastSyncedAt: null, lastSyncError: null });
    await source.boards.put({ id: 'news/c/1', forumId: 'news', remoteId: 1, name: 'local.test', slug: 'local.test', description: '', position: 0, parentId: null, threadCount: 1, followed: true, threadLimit: 100 });
    await source.threads.put({
      id: 'news/t/7', forumId: 'news', boardId: 'news/c/1', remoteId: 7, title: 'Credits', slug: 'credits', authorUsername: 'Jane', createdAt: '2026-01-01T00:00:00.000Z',
      lastPostedAt: '2026-01-01T00:00:00.000Z', bumpedAt: '2026-01-01T00:00:00.000Z', postsCount: 1, highestPostNumber: 1, pinned: false, closed: false, storedPostCount: 1, unreadCount: 1,
    });
    const article = {
      id: 'news/p/70', forumId: 'news', threadId: 'news/t/7', remoteId: 70, postNumber: 1, username: 'Jane', displayName: 'Jane', avatarUrl: null,
      createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', version: 1, html: 'a < b\n> quoted\n-- \nJane', bodyFormat: 'plain' as const,
      remoteKey: '<credits.1@example.org>', replyToPostNumber: null, hidden: false, deleted: false,
    };
    await source.posts.put(article);
    const target = newDb();
    expect(await importLibrary(target, (await exported(source)).file())).toMatchObject({ ok: true });
    expect(await target.forums.get('news')).toMatchObject({ protocol: 'nntp' });
    expect(await target.posts.get('news/p/70')).toEqual(article);
  });

  it('refuses a post whose body format is neither HTML nor plain text, naming the field', async () => {
    const source = newDb();
    await seedLibrary(source, { threads: 1, postsPerThread: 1 });
    const lines = (await exported(source)).text().trimEnd().split('\n');
    const at = lines.findIndex((line) => line.startsWith('{"table":"posts"'));
    const damaged = JSON.parse(lines[at]!);
    damaged.row.bodyFormat = 'script';
    lines[at] = JSON.stringify(damaged);
    const outcome = await importLibrary(newDb(), fileOf(lines.join('\n')));
    expect(outcome).toMatchObject({ ok: false });
    expect(JSON.stringify(outcome)).toContain('bodyFormat');
  });

  it('importing the same library twice adds nothing the second time', async () => {
    const source = newDb();
    await seedLibrary(source, { threads: 2, postsPerThread: 10 });
    const { file } = await exported(source);
    const target = newDb();
    await importLibrary(target, file());
    const once = await dumpLibrary(target);
    const again = await importLibrary(target, file());
    expect(again.ok && again.message).toBe('Imported the library: everything in it was already here.');
    expect(await dumpLibrary(target)).toEqual(once);
  });

  it('merges into a profile with other data: both kept, shared posts once, counts recomputed', async () => {
    const source = newDb();
    await seedLibrary(source, { threads: 2, postsPerThread: 10, readEvery: 2, seed: 1 });
    const { file } = await exported(source);

    const target = newDb();
    // This profile synced the same forum but read nothing, bookmarked post 1 itself, and has a
    // forum of its own.
    await seedLibrary(target, { threads: 3, postsPerThread: 10, readEvery: 0, seed: 2 });
    await seedLibrary(target, { forumId: 'other.example.net', threads: 1, postsPerThread: 4, seed: 3 });
    const before = await target.posts.count();

    const outcome = await importLibrary(target, file());
    expect(outcome.ok).toBe(true);
    expect(await target.posts.count()).toBe(before); // every post of the file was already here
    expect(await target.forums.count()).toBe(2);
    // Read marks from the file now count: thread 1 has 5 of its 10 posts read.
    expect(await target.threads.get('forum.example.org/t/1')).toMatchObject({ storedPostCount: 10, unreadCount: 5 });
    expect(await target.threads.get('forum.example.org/t/3')).toMatchObject({ storedPostCount: 10, unreadCount: 10 });
    // One bookmark per post: this profile's own bookmarks of posts 1-3 stay, the file's are not added.
    const bookmarks = await target.bookmarks.where('forumId').equals('forum.example.org').toArray();
    expect(bookmarks.map((b) => b.id).sort()).toEqual(['bookmark-2-1', 'bookmark-2-2', 'bookmark-2-3']);
    // The same passage highlighted on both machines is one highlight.
    expect(await target.highlights.where('postId').equals('forum.example.org/p/1').count()).toBe(1);
    // Drafts and queued replies of both profiles are there.
    expect((await target.drafts.toArray()).map((d) => d.id).sort()).toEqual(['draft-1', 'draft-2', 'draft-3']);
    expect((await target.outbox.toArray()).map((o) => o.id).sort()).toEqual(['client-1', 'client-2', 'client-3']);
    expect((await target.syncLog.toArray()).map((l) => l.runId).sort()).toEqual(['run-1', 'run-2', 'run-3']);
  });

  it('a newer copy of a post in the file replaces the stored one; an older one does not', async () => {
    const source = newDb();
    await seedLibrary(source, { threads: 1, postsPerThread: 2 });
    await source.posts.update('forum.example.org/p/1', { version: 9, html: '<p>Edited later</p>' });
    await source.posts.update('forum.example.org/p/2', { version: 0, html: '<p>An older copy</p>' });
    const { file } = await exported(source);
    const target = newDb();
    await seedLibrary(target, { threads: 1, postsPerThread: 2 });
    await importLibrary(target, file());
    expect((await target.posts.get('forum.example.org/p/1'))?.html).toBe('<p>Edited later</p>');
    expect((await target.posts.get('forum.example.org/p/2'))?.html).not.toBe('<p>An older copy</p>');
  });
});

describe('a file that is not a good library', () => {
  async function expectRefused(text: string | Blob, message: RegExp) {
    const target = newDb();
    await seedLibrary(target, { threads: 2, postsPerThread: 5, seed: 7 });
    const before = await dumpLibrary(target);
    const outcome = await importLibrary(target, typeof text === 'string' ? fileOf(text) : text);
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(message);
    expect(outcome.message).toContain('Nothing was imported; your library is as it was.');
    expect(await dumpLibrary(target)).toEqual(before);
  }

  async function goodText() {
    const source = newDb();
    await seedLibrary(source, { threads: 2, postsPerThread: 5 });
    return (await exported(source)).text();
  }

  it('refuses a foreign file', async () => {
    await expectRefused('name,email\nAda,ada@example.org\n', /not a Forum Reader library file/);
    await expectRefused(JSON.stringify({ format: 'some-other-app', rows: [] }), /not a Forum Reader library file/);
    await expectRefused('', /not a Forum Reader library file/);
    await expectRefused(new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00, 0x0a])]), /not a Forum Reader library file \(it is not text\)/);
  });

  it('refuses a file cut short, naming where it ends', async () => {
    const text = await goodText();
    await expectRefused(text.slice(0, Math.floor(text.length * 0.6)), /ends early, after line|damaged at line/);
    const withoutEnd = text.trimEnd().split('\n').slice(0, -1).join('\n');
    await expectRefused(withoutEnd, /ends early, after line/);
  });

  it('refuses a damaged row, naming the line and the field, even near the end of the file', async () => {
    const lines = (await goodText()).trimEnd().split('\n');
    const at = lines.findLastIndex((line) => line.includes('"table":"posts"'));
    const row = JSON.parse(lines[at]!) as { row: Record<string, unknown> };
    row.row.html = 5;
    lines[at] = JSON.stringify(row);
    await expectRefused(lines.join('\n'), new RegExp(`damaged at line ${at + 1} \\(a post\\): html: `));
  });

  it('refuses a file whose counts do not match what it holds', async () => {
    const lines = (await goodText()).trimEnd().split('\n');
    const postLine = lines.findIndex((line) => line.includes('"table":"posts"'));
    lines.splice(postLine, 1);
    await expectRefused(lines.join('\n'), /promises 10 posts but it holds 9/);
  });

  it('refuses a library from a newer version of the reader', async () => {
    const lines = (await goodText()).split('\n');
    lines[0] = lines[0]!.replace(/"schemaVersion":\d+/, '"schemaVersion":99');
    await expectRefused(lines.join('\n'), /newer version of Forum Reader/);
  });

  it('changes nothing when storage runs out halfway through writing', async () => {
    const source = newDb();
    await seedLibrary(source, { threads: 3, postsPerThread: 20, seed: 1 });
    const { file } = await exported(source);
    const target = newDb();
    await seedLibrary(target, { forumId: 'mine.example.net', threads: 1, postsPerThread: 3 });
    const before = await dumpLibrary(target);
    // Storage fills up at the 30th post written: by then forums, threads and posts are written.
    const put = IDBObjectStore.prototype.put;
    let postsWritten = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      if (this.name === 'posts' && ++postsWritten === 30) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
    try {
      const outcome = await importLibrary(target, file());
      expect(outcome).toEqual({ ok: false, message: expect.stringMatching(/^There is not enough storage space for this library\. Nothing was imported/) });
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(postsWritten).toBe(30);
    expect(await dumpLibrary(target)).toEqual(before);
  });

  it('recognises a quota error however Dexie wraps it', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
  });
});

describe('rows whose forum, board or thread exists nowhere', () => {
  async function exportedLines(seed: Parameters<typeof seedLibrary>[1]) {
    const source = newDb();
    await seedLibrary(source, seed);
    return (await exported(source)).text().trimEnd().split('\n');
  }
  const rowAt = (line: string) => JSON.parse(line) as { table: string; row: Record<string, unknown> };
  const setField = (lines: string[], at: number, field: string, value: string) => {
    const parsed = rowAt(lines[at]!);
    parsed.row[field] = value;
    lines[at] = JSON.stringify(parsed);
  };

  it('skips posts of a thread, and a thread of a forum, that exist nowhere, says so, and imports the rest', async () => {
    const lines = await exportedLines({ threads: 2, postsPerThread: 5 });
    const postLines = lines.flatMap((line, at) => (rowAt(line).table === 'posts' ? [at] : []));
    setField(lines, postLines[0]!, 'threadId', 'no-such-thread');
    setField(lines, postLines[1]!, 'forumId', 'no-such-forum');
    // The last thread: the first one has the draft, which would refuse the file (below).
    const threadLine = lines.findLastIndex((line) => rowAt(line).table === 'threads');
    const orphanThread = rowAt(lines[threadLine]!).row.id as string;
    setField(lines, threadLine, 'boardId', 'no-such-board');

    const target = newDb();
    const outcome = await importLibrary(target, fileOf(lines.join('\n')));
    if (!outcome.ok) throw new Error(outcome.message);
    // The two posts pointing nowhere, and the thread on a missing board with everything that hangs off it.
    const orphanPosts = postLines.map((at) => rowAt(lines[at]!).row).filter((post) => post.threadId === 'no-such-thread' || post.forumId === 'no-such-forum' || post.threadId === orphanThread);
    expect(orphanPosts.length).toBeGreaterThanOrEqual(6);
    expect(outcome.skipped).toMatchObject({ posts: orphanPosts.length, threads: 1, threadCursors: 1 });
    expect(await target.posts.count()).toBe(10 - orphanPosts.length);
    expect(outcome.message).toMatch(/Skipped \d+ items whose forum, board or thread is in neither the file nor this library/);
    const stored = await target.posts.toArray();
    expect(stored.every((post) => post.threadId !== 'no-such-thread' && post.forumId !== 'no-such-forum' && post.threadId !== orphanThread)).toBe(true);
    expect(await target.threads.get(orphanThread)).toBeUndefined();
    expect(await target.threads.count()).toBe(1);
  });

  it('imports a post whose thread is not in the file but is already in this library', async () => {
    const lines = await exportedLines({ threads: 1, postsPerThread: 3 });
    const target = newDb();
    await seedLibrary(target, { threads: 1, postsPerThread: 3 });
    const kept = lines.filter((line) => !['threads', 'threadCursors'].includes(rowAt(line).table) || !('row' in JSON.parse(line)));
    const counts = JSON.parse(kept.at(-1)!) as { end: true; counts: Record<string, number> };
    counts.counts.threads = 0;
    counts.counts.threadCursors = 0;
    kept[kept.length - 1] = JSON.stringify(counts);
    const outcome = await importLibrary(target, fileOf(kept.join('\n')));
    expect(outcome).toMatchObject({ ok: true, skipped: { posts: 0 } });
  });

  it('refuses a file with a draft whose thread exists nowhere, naming the line, and changes nothing', async () => {
    const lines = await exportedLines({ threads: 1, postsPerThread: 3 });
    const draftLine = lines.findIndex((line) => line.includes('"table":"drafts"'));
    setField(lines, draftLine, 'threadId', 'no-such-thread');
    const target = newDb();
    await seedLibrary(target, { forumId: 'mine.example.net', threads: 1, postsPerThread: 2 });
    const before = await dumpLibrary(target);
    const outcome = await importLibrary(target, fileOf(lines.join('\n')));
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toContain(`a draft at line ${draftLine + 1} whose thread is in neither the file nor this library`);
    expect(outcome.message).toContain('Nothing was imported; your library is as it was.');
    expect(await dumpLibrary(target)).toEqual(before);
  });
});
