// A 3,000-post thread (generated, served by the sample forum): the reader keeps only a window of
// it in the page, goes to any post number, and opens at the first unread post even when reading
// went out of order.
import { test as base, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { generateForum } from '../../main/sample-forum/generate-forum';
import type { ForumTopic } from '../../main/sample-forum/forum-records';
import type { ForumStore } from '../../main/sample-forum/forum-store';
import { startReaderBackend, type ReaderBackend } from '../support/reader-backend';
import { ReaderPage } from './pages/reader-page';
import { ThreadView } from './pages/thread-view';

const POSTS = 3000;
const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));

const test = base.extend<{ forum: ForumStore; backend: ReaderBackend; reader: ReaderPage }>({
  forum: async ({}, use) => {
    await use(generateForum({ boards: 1, threadsPerBoard: 2, postsPerThread: (index) => (index === 0 ? POSTS : 5), seed: 11 }));
  },
  backend: async ({ forum }, use) => {
    const backend = await startReaderBackend({ forum, rendererDir });
    await use(backend);
    await backend.close();
  },
  reader: async ({ page, backend }, use) => {
    await use(new ReaderPage(page, backend));
  },
});

function longThread(forum: ForumStore): { topic: ForumTopic; board: string; other: ForumTopic; author: (index: number) => string } {
  const [topic, other] = [...forum.topics.values()].sort((a, b) => b.posts.length - a.posts.length);
  const board = forum.categories.get(topic!.categoryId)!.name;
  const author = (index: number) => forum.users.get(topic!.posts[index]!.userId)!.username;
  return { topic: topic!, other: other!, board, author };
}

test.setTimeout(120_000);

test('a 3,000-post thread keeps a window of posts in the page and goes to any post', async ({ reader, forum }) => {
  const { topic, board, author } = longThread(forum);
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/, { timeout: 60_000 });
  await reader.openThread(board, topic.title);
  const thread = new ThreadView(reader);
  await expect(reader.post(1, author(0))).toBeVisible();
  expect(await reader.posts().count()).toBeLessThan(40);

  const far = topic.posts[2400]!;
  await thread.goToPost(far.postNumber);
  await thread.expectAtTop(reader.post(far.postNumber, author(2400)));
  expect(await reader.posts().count()).toBeLessThan(40);

  await thread.press('Shift+G');
  const last = topic.posts.at(-1)!;
  await expect(reader.post(last.postNumber, author(topic.posts.length - 1))).toBeFocused();
  await thread.press('k');
  await expect(reader.post(topic.posts.at(-2)!.postNumber, author(topic.posts.length - 2))).toBeFocused();
  await thread.press('g', 'g');
  await expect(reader.post(1, author(0))).toBeFocused();
});

test('a long thread read out of order opens at its first unread post', async ({ reader, forum }) => {
  const { topic, other, board, author } = longThread(forum);
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/, { timeout: 60_000 });
  await reader.openThread(board, topic.title);
  const thread = new ThreadView(reader);
  await expect(reader.post(1, author(0))).toBeVisible();
  await thread.button('Mark thread unread').click();
  await expect(thread.listEntry(topic.title)).toContainText(`${topic.posts.length} unread`);

  // Read a few posts far into the thread: the read ones are not at its start.
  const far = topic.posts[2000]!;
  await thread.goToPost(far.postNumber);
  await expect(reader.post(far.postNumber, author(2000)).getByTitle('Unread')).toHaveCount(0);
  await expect(thread.listEntry(topic.title)).not.toContainText(`${topic.posts.length} unread`);

  await reader.threads.getByRole('button', { name: other.title }).click();
  await expect(thread.heading()).toHaveText(other.title);
  await reader.threads.getByRole('button', { name: topic.title }).click();
  await thread.expectAtTop(reader.post(1, author(0)));
});
