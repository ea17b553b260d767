// Export library, then import it into a fresh profile: every table comes back as it was. A file
// that is not a good library changes nothing and says why.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { LIBRARY_TABLES } from '../../renderer/features/backup/library-format';
import { countRows, dumpTables, putRows, storedPictures } from './pages/library-db';
import { StoragePage, withoutSaveFilePicker } from './pages/storage-page';
import { expect, test } from './reader-test';

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'reader-backup-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The things a person makes, written as the features would write them. */
async function addPersonalData(page: Page) {
  const posts = (await dumpTables(page, ['posts'])).posts as { id: string; threadId: string; version: number; html: string; postNumber: number }[];
  expect(posts.length).toBeGreaterThan(3);
  const [first, second] = posts;
  await putRows(page, 'bookmarks', [
    { id: 'bm-1', postId: first!.id, threadId: first!.threadId, forumId: 'sample', note: 'The baton!', tags: ['ballet'], createdAt: '2026-01-02T10:00:00.000Z', postVersion: first!.version, postHtml: first!.html },
  ]);
  await putRows(page, 'highlights', [
    { id: 'hl-1', postId: second!.id, threadId: second!.threadId, forumId: 'sample', exact: 'baton', prefix: 'See this ', suffix: '?', note: '', tags: [], createdAt: '2026-01-02T10:05:00.000Z' },
  ]);
  await putRows(page, 'drafts', [
    { id: 'draft-1', forumId: 'sample', threadId: first!.threadId, replyToPostNumber: 2, text: 'The paper ballet…', createdAt: '2026-01-02T11:00:00.000Z', updatedAt: '2026-01-02T11:01:00.000Z', seenHighestPostNumber: 18 },
  ]);
  await putRows(page, 'outbox', [
    // Refused by the forum and waiting for the person (a queued one would be sent, changing the thread).
    { id: 'client-1', draftId: 'draft-0', forumId: 'sample', threadId: first!.threadId, replyToPostNumber: null, text: 'Sent later, when online.', state: 'needs-attention', attempts: 1, nextAttemptAt: null, lastError: 'Too short.', queuedAt: '2026-01-02T12:00:00.000Z', remotePostId: null },
  ]);
  // Every post read, so the reading the second profile does on its own adds nothing new.
  await putRows(page, 'readMarks', posts.map((post) => ({ postId: post.id, threadId: post.threadId, readAt: '2026-01-02T09:00:00.000Z' })));
  const threads = (await dumpTables(page, ['threads'])).threads as { id: string; storedPostCount: number }[];
  await putRows(page, 'threads', threads.map((thread) => ({ ...thread, unreadCount: 0 })));
}

/**
 * Every table of the library; the sync log without the ids each profile numbers its own rows with,
 * and each picture by its row, the SHA-256 of its bytes and whether it decodes.
 */
async function dumpLibrary(page: Page) {
  const dump = await dumpTables(page, LIBRARY_TABLES.filter((table) => table !== 'images'));
  dump.syncLog = ((dump.syncLog ?? []) as { id: number; runId: string }[]).map(({ id: _id, ...row }) => row).sort((a, b) => a.runId.localeCompare(b.runId));
  dump.images = await storedPictures(page);
  return dump;
}

/** The sample thread's six pictures are kept by the first sync, after its text. */
const SAMPLE_PICTURES = 6;
const picturesKept = (page: Page) => expect.poll(() => countRows(page, 'images')).toBe(SAMPLE_PICTURES);

test('a library exported here and imported into a fresh profile has every table as it was', async ({ reader, browser }) => {
  await reader.page.addInitScript(withoutSaveFilePicker);
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  await picturesKept(reader.page);
  await addPersonalData(reader.page);
  const storage = new StoragePage(reader.page);
  await storage.open();
  await expect(storage.includePictures).toBeChecked();
  const file = await storage.exportLibrary(path.join(dir, 'library.ndjson'));
  const original = await dumpLibrary(reader.page);
  expect(original.posts).toHaveLength(18);
  expect(original.images).toHaveLength(SAMPLE_PICTURES);

  const header = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!) as Record<string, unknown>;
  expect(header).toMatchObject({ format: 'forum-reader-library', formatVersion: 2, schemaVersion: expect.any(Number) });

  // A fresh profile that never got the sample forum: the import is all it will have.
  const context = await browser.newContext();
  const fresh = await context.newPage();
  await fresh.route('**/api/call/probeForum', (route) => route.fulfill({ json: { ok: false, error: { code: 'unreachable', message: 'The test keeps this profile empty.' } } }));
  await fresh.goto(reader.backend.host.launchUrl);
  await expect(fresh.getByRole('alert')).toContainText('The test keeps this profile empty.');
  expect(await countRows(fresh, 'posts')).toBe(0);

  const target = new StoragePage(fresh);
  await target.open();
  await target.importLibrary(file);
  await expect(target.view.getByText(/^Imported 1 forum, \d+ threads?, 18 posts, 18 read marks, 1 bookmark, 1 highlight, 1 draft, 1 queued reply and 6 pictures\.$/)).toBeVisible();
  await expect(target.forumRow('MovieChat Forums')).toBeVisible();

  const restored = await dumpLibrary(fresh);
  for (const table of LIBRARY_TABLES) expect(restored[table], table).toEqual(original[table]);
  // Each picture's bytes came back as they were, and decode.
  for (const picture of restored.images as { row: { hash: string }; sha256: string; decodedWidth: number }[]) {
    expect(picture.sha256).toBe(picture.row.hash);
    expect(picture.decodedWidth).toBeGreaterThan(0);
  }

  // And the reader shows it.
  await fresh.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Reader' }).click();
  await fresh.getByRole('navigation', { name: 'Forums' }).getByRole('button', { name: 'The Red Shoes (1948)' }).click();
  await fresh.getByRole('region', { name: 'Threads' }).getByRole('button', { name: /What are your favourite scenes\?/ }).click();
  await expect(fresh.getByRole('region', { name: 'Thread' }).getByRole('article').first()).toBeVisible();
  await context.close();
});

test('Export library offers the pictures with their size; left out, the file has none and is format 1, as before pictures', async ({ reader }, testInfo) => {
  await reader.page.addInitScript(withoutSaveFilePicker);
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  await picturesKept(reader.page);
  const storage = new StoragePage(reader.page);
  await storage.open();
  const bytes = ((await storedPictures(reader.page)).map((picture) => picture.row.byteLength as number)).reduce((a, b) => a + b, 0);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  await expect(storage.includePictures).toHaveAccessibleName(`Include pictures (6 pictures, ${kb(bytes)}: adds about ${kb(Math.ceil(bytes / 3) * 4)} to the file)`);
  await storage.view.getByRole('heading', { name: 'Library backup' }).scrollIntoViewIfNeeded();
  await reader.page.screenshot({ path: testInfo.outputPath('export-choice.png') });

  await storage.includePictures.uncheck();
  const text = readFileSync(await storage.exportLibrary(path.join(dir, 'without-pictures.ndjson')), 'utf8');
  const lines = text.trimEnd().split('\n').map((line) => JSON.parse(line) as { table?: string; formatVersion?: number });
  expect(lines[0]).toMatchObject({ formatVersion: 1 });
  expect(lines.filter((line) => line.table === 'images' || line.table === 'imageUses')).toEqual([]);
  expect(text.length).toBeLessThan(bytes);
});

test('importing the same library again adds nothing', async ({ reader }) => {
  await reader.page.addInitScript(withoutSaveFilePicker);
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  await picturesKept(reader.page);
  await addPersonalData(reader.page);
  const storage = new StoragePage(reader.page);
  await storage.open();
  const file = await storage.exportLibrary(path.join(dir, 'library.ndjson'));
  const before = await dumpLibrary(reader.page);
  await storage.importLibrary(file);
  await expect(storage.view.getByText('Imported the library: everything in it was already here.')).toBeVisible();
  const after = await dumpLibrary(reader.page);
  for (const table of ['posts', 'threads', 'readMarks', 'bookmarks', 'highlights', 'drafts', 'outbox'] as const) expect(after[table], table).toEqual(before[table]);
});

test('a damaged, cut-short or foreign file is refused with a clear message and changes nothing', async ({ reader }) => {
  await reader.page.addInitScript(withoutSaveFilePicker);
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  const storage = new StoragePage(reader.page);
  await storage.open();
  const good = readFileSync(await storage.exportLibrary(path.join(dir, 'library.ndjson')), 'utf8');
  const before = await dumpLibrary(reader.page);

  const cases: [name: string, text: string, message: RegExp][] = [
    ['notes.txt', 'My favourite scenes: the ballet, the train.\n', /This is not a Forum Reader library file \(it does not start with a library header\)\. Nothing was imported; your library is as it was\./],
    ['cut.ndjson', good.slice(0, Math.floor(good.length / 2)).replace(/\n[^\n]*$/, '\n'), /The library file ends early, after line \d+: it may have been cut off while it was written or copied\. Nothing was imported/],
    ['damaged.ndjson', good.replace(/"postNumber":(\d+)/, '"postNumber":"$1"'), /The library file is damaged at line \d+ \(a post\): postNumber: .*Nothing was imported/],
  ];
  for (const [name, text, message] of cases) {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    await storage.importLibrary(file);
    await expect(storage.view.getByRole('alert')).toHaveText(message);
    expect(await dumpLibrary(reader.page)).toEqual(before);
  }
  expect(await countRows(reader.page, 'posts')).toBe(18);
});
