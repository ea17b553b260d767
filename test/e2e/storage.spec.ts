// The Storage view: space per forum and the browser's quota, a warning before it runs out,
// "Remove forum", and a sync that meets a full disk stopping cleanly without losing anything.
import { createHash } from 'node:crypto';
import { countRows, dumpTables, putPictures, putRows, storedPictures } from './pages/library-db';
import { BookmarksPage } from './pages/bookmarks-page';
import { StoragePage } from './pages/storage-page';
import { expect, test } from './reader-test';

/** Test-side stand-in for a browser whose quota is mostly used up (the app has no switch for it). */
function stubStorageEstimate(usedFraction: number) {
  const quota = 2 * 1024 ** 3;
  Object.defineProperty(navigator.storage, 'estimate', { value: async () => ({ usage: Math.round(quota * usedFraction), quota }) });
}

test('the Storage view shows what each forum takes and the room the browser gives', async ({ reader }) => {
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  const storage = new StoragePage(reader.page);
  await storage.open();
  const row = storage.forumRow('MovieChat Forums');
  await expect(row.getByRole('cell').nth(1)).toHaveText('18'); // posts
  await expect(row.getByRole('cell').nth(3)).toHaveText(/^\d+(\.\d)? (KB|MB)$/); // size, about
  await expect(storage.view.getByText(/^The reader uses [\d.]+ (bytes|KB|MB|GB) of the [\d.]+ (MB|GB|TB) this browser allows it\.$/)).toBeVisible();
  await expect(storage.view.getByRole('meter', { name: 'Storage used' })).toBeVisible();
  await expect(storage.view.getByRole('alert')).toHaveCount(0);
});

test('the Storage view shows each forum’s pictures, and a lower limit drops them, but not a bookmarked post’s', async ({ reader }, testInfo) => {
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  // The first sync keeps the sample thread's six pictures, after its text.
  await expect.poll(() => countRows(reader.page, 'images')).toBe(6);
  const posts = (await dumpTables(reader.page, ['posts'])).posts as { id: string; threadId: string; postNumber: number; html: string }[];
  const post = (n: number) => posts.find((p) => p.postNumber === n)!;
  // A 2 MB stand-in for a large photo in post 4 (the view counts bytes; it does not decode them).
  const large = Buffer.alloc(2 * 1024 * 1024, 7);
  await putPictures(reader.page, [
    { hash: createHash('sha256').update(large).digest('hex'), base64: large.toString('base64'), mime: 'image/jpeg', width: 4000, height: 3000, forumIds: ['sample'], uses: [{ postId: post(4).id, threadId: post(4).threadId, url: 'large.jpeg' }] },
  ]);
  await putRows(reader.page, 'bookmarks', [
    { id: 'bm-1', postId: post(1).id, threadId: post(1).threadId, forumId: 'sample', note: '', tags: [], createdAt: '2026-01-02T10:00:00.000Z', postVersion: 1, postHtml: post(1).html },
  ]);
  const stored = await storedPictures(reader.page);
  const total = stored.reduce((sum, picture) => sum + (picture.row.byteLength as number), 0);
  const uses = (await dumpTables(reader.page, ['imageUses'])).imageUses as { postId: string; hash?: string }[];
  const firstPostPicture = stored.find((picture) => picture.row.hash === uses.find((use) => use.postId === post(1).id)?.hash)!;

  const storage = new StoragePage(reader.page);
  await storage.open();
  const row = storage.forumRow('MovieChat Forums');
  await expect(row.getByRole('cell').nth(4)).toHaveText(`7 · ${(total / 1024 / 1024).toFixed(1)} MB`);
  await expect(row.getByRole('cell').nth(5)).toHaveText('300 MB');
  await reader.page.screenshot({ path: testInfo.outputPath('storage-pictures.png') });

  // The limit is set where keeping is turned on: Settings, under Privacy.
  const limit = await storage.pictureLimit('MovieChat Forums');
  await expect(limit).toHaveValue('300');
  await limit.fill('1');
  await limit.press('Enter');
  // The one thread is the least recently read; its bookmarked first post keeps its picture.
  await expect(storage.view.getByText(/^Removed 2\.\d MB of pictures from the threads of MovieChat Forums read longest ago, to stay under 1 MB\.$/)).toBeVisible();
  await storage.view.getByRole('group', { name: 'Privacy' }).screenshot({ path: testInfo.outputPath('settings-picture-limit.png') });
  await storage.open();
  await expect(row.getByRole('cell').nth(4)).toHaveText(`1 · ${((firstPostPicture.row.byteLength as number) / 1024).toFixed(1)} KB`);
  await expect(row.getByRole('cell').nth(5)).toHaveText('1 MB');
  const left = await dumpTables(reader.page, ['images', 'imageUses']);
  expect((left.images as { hash: string }[]).map((image) => image.hash)).toEqual([firstPostPicture.row.hash]);
  expect((left.imageUses as { postId: string; failure?: { code: string } }[]).filter((use) => use.failure?.code === 'evicted')).toHaveLength(6);
  await reader.page.reload();
  await storage.open();
  await expect(storage.forumRow('MovieChat Forums').getByRole('cell').nth(5)).toHaveText('1 MB');
  await expect(await storage.pictureLimit('MovieChat Forums')).toHaveValue('1');
  await storage.open();
  await reader.page.screenshot({ path: testInfo.outputPath('storage-pictures-limited.png') });

  // In the thread: the bookmarked post's picture shows, a dropped one says why.
  await reader.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Reader' }).click();
  await reader.openThread('The Red Shoes (1948)', 'What are your favourite scenes?');
  await expect(reader.post(3, 'practice_hall')).toContainText("Image: The practice hall on Julian's first day — not kept: removed to keep this forum's pictures under their 1 MB limit");
  await expect.poll(() => reader.post(1, 'majesty_guard').getByRole('img').first().evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
  await reader.post(3, 'practice_hall').scrollIntoViewIfNeeded();
  await reader.page.screenshot({ path: testInfo.outputPath('reader-picture-dropped.png') });
});

test('warns before the quota runs out, in the Storage view and above the reader', async ({ reader }) => {
  await reader.page.addInitScript(stubStorageEstimate, 0.9);
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  const banner = reader.page.getByRole('alert').filter({ hasText: 'Storage is running low' });
  await expect(banner).toContainText('1.8 GB of 2.0 GB used');
  await banner.getByRole('button', { name: 'Open Storage' }).click();
  const storage = new StoragePage(reader.page);
  await expect(reader.page.getByRole('heading', { level: 1, name: 'Storage' })).toBeVisible();
  await expect(storage.view.getByRole('alert')).toHaveText(/^Storage is running low \(1\.8 GB of 2\.0 GB used\)\. Remove forums you no longer read/);
});

test('Remove forum asks first, then deletes the forum but can keep its bookmarks', async ({ reader }) => {
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  // The first sync keeps the sample thread's six pictures, after its text; they go with the forum.
  await expect.poll(() => countRows(reader.page, 'images')).toBe(6);
  // Post 7 shows two of them.
  const post = ((await dumpTables(reader.page, ['posts'])).posts as { id: string; threadId: string; html: string; postNumber: number; username: string }[]).find((row) => row.postNumber === 7);
  await putRows(reader.page, 'bookmarks', [
    { id: 'bm-1', postId: post!.id, threadId: post!.threadId, forumId: 'sample', note: '', tags: [], createdAt: '2026-01-02T10:00:00.000Z', postVersion: 1, postHtml: post!.html, postNumber: 7, username: post!.username },
  ]);
  const storage = new StoragePage(reader.page);
  await storage.open();

  // Asked first; Cancel keeps everything.
  await storage.forumRow('MovieChat Forums').getByRole('button', { name: 'Remove forum' }).click();
  await expect(storage.removeDialog).toContainText('Remove MovieChat Forums from this computer? Its 1 thread and 18 posts');
  await storage.removeDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(storage.removeDialog).toBeHidden();
  expect(await countRows(reader.page, 'posts')).toBe(18);

  await storage.forumRow('MovieChat Forums').getByRole('button', { name: 'Remove forum' }).click();
  const keep = storage.removeDialog.getByRole('checkbox', { name: 'Keep my 1 bookmark of this forum' });
  await expect(keep).toBeChecked();
  await storage.removeDialog.getByRole('button', { name: 'Remove forum' }).click();
  await expect(storage.view.getByText(/^Removed MovieChat Forums: 1 thread and 18 posts, and \d+\.\d KB of pictures\. Its 1 bookmark is kept\.$/)).toBeVisible();
  await expect(storage.view.getByText('No forums are stored.')).toBeVisible();

  const left = await dumpTables(reader.page, ['forums', 'boards', 'threads', 'posts', 'readMarks', 'threadCursors', 'bookmarks', 'images', 'imageUses']);
  expect(left).toMatchObject({ forums: [], boards: [], threads: [], posts: [], readMarks: [], threadCursors: [] });
  expect(left.bookmarks).toHaveLength(1);
  // The bookmarked post's two pictures stay with it, and no other picture of the forum.
  expect(left.images).toHaveLength(2);
  expect(left.imageUses).toMatchObject([{ postId: post!.id }, { postId: post!.id }]);

  // The bookmark shows its post as bookmarked, pictures and all, from storage.
  const bookmarks = new BookmarksPage(reader.page);
  await bookmarks.open();
  const card = bookmarks.list.getByRole('listitem', { name: `Bookmark: post 7 by ${post!.username}` });
  await card.getByText('Show the post as bookmarked').click();
  for (const alt of ['The red shoes, waiting', 'The shoes dancing on their own']) {
    const picture = card.getByRole('img', { name: alt, exact: true });
    await expect.poll(() => picture.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0 && image.currentSrc.startsWith('blob:'))).toBe(true);
  }
  await card.screenshot({ path: test.info().outputPath('bookmark-of-removed-forum.png') });
  // The reader shows no thread of the removed forum.
  await reader.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Reader' }).click();
  await expect(reader.thread.getByRole('article')).toHaveCount(0);
});

test('a full disk during sync stops the sync with a message, keeps what was stored, and the next sync catches up', async ({ reader, backend }) => {
  // Test-side stand-in for a full disk: posts cannot be written while the flag is up, as the
  // browser refuses writes when the quota is used up.
  await reader.page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      if ((globalThis as { __diskFull?: boolean }).__diskFull && this.name === 'posts') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  const before = await dumpTables(reader.page, ['posts', 'threadCursors']);
  expect(before.posts).toHaveLength(18);

  // Three new replies on the forum; the disk is full when the reader syncs them.
  const topic = [...backend.forum.store.topics.values()][0]!;
  const author = [...backend.forum.store.users.values()][0]!.username;
  for (let i = 1; i <= 3; i += 1) backend.forum.store.addPost({ topicId: topic.id, username: author, raw: `A new reply number ${i}, long enough to be accepted.` });
  await reader.page.evaluate(() => ((globalThis as { __diskFull?: boolean }).__diskFull = true));
  await reader.page.getByRole('button', { name: 'Sync now' }).click();

  await expect(reader.forums.getByText(/The disk space the reader may use is full; what was stored before is kept\./)).toBeVisible();
  await expect(reader.status).not.toHaveText('Syncing…');
  await expect(reader.page.getByRole('button', { name: 'Sync now' })).toBeVisible();
  // Nothing lost, nothing half-written: the posts and the cursors are as before.
  expect(await dumpTables(reader.page, ['posts', 'threadCursors'])).toEqual(before);

  // Room again: the next sync brings the three replies.
  await reader.page.evaluate(() => ((globalThis as { __diskFull?: boolean }).__diskFull = false));
  await reader.page.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(() => countRows(reader.page, 'posts')).toBe(21);
  await expect(reader.forums.getByText(/The disk space the reader may use is full/)).toHaveCount(0);
});
