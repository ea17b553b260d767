// A thread opened before the first sync reached it comes first (issue 17): its posts show while
// the sync goes on with the rest.
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';
import { generateForum } from '../../main/sample-forum/generate-forum';
import { startReaderBackend, type ReaderBackend } from '../support/reader-backend';
import { ReaderPage } from './pages/reader-page';
import { SyncPage } from './pages/sync-page';
import { expect } from './reader-test';

const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));

const test = base.extend<{ backend: ReaderBackend; reader: ReaderPage }>({
  backend: async ({}, use) => {
    // 360 threads of 12 posts in six categories, each request answered after 150 ms: a first sync of several seconds.
    const backend = await startReaderBackend({ rendererDir, forum: generateForum({ boards: 6, threadsPerBoard: 60, postsPerThread: 12, seed: 1717 }) });
    await use(backend);
    await backend.close();
  },
  reader: async ({ page, backend }, use) => {
    await use(new ReaderPage(page, backend));
  },
});

test('a thread opened before the first sync reached it shows its posts at once, while the sync goes on', async ({ reader, backend, page }) => {
  const sync = new SyncPage(page);
  const store = backend.forum.store;
  // Categories are listed four at a time in the order of their board ids; the last one's
  // threads are passed after the other 300. Generated titles repeat: the one opened has its own.
  const category = [...store.categories.values()].sort((a, b) => `${a.id}`.localeCompare(`${b.id}`)).at(-1)!;
  const titles = [...store.topics.values()].map((topic) => topic.title);
  const last = store.listTopics(category.id).find((topic) => titles.indexOf(topic.title) === titles.lastIndexOf(topic.title))!;
  const author = store.users.get(last.posts[0]!.userId)!.username;
  backend.forum.faults.latencyMs = 150;
  await reader.open();
  await expect(sync.status).toHaveText('Syncing…');
  await reader.openThread(category.name, last.title);
  await expect(reader.post(1, author)).toBeVisible();
  // The rest of the forum is still being fetched.
  await expect(sync.status).toHaveText('Syncing…');
  await expect(reader.posts()).toHaveCount(last.posts.length);
  await expect(sync.status).toHaveText(/Synced at/, { timeout: 60_000 });
});
