import { SAMPLE_BOARD, SAMPLE_THREAD, SAMPLE_TOPIC_ID, ThreadView } from './pages/thread-view';
import { expect, test } from './reader-test';

test('posts count as read once on screen, and the lists show it live', async ({ reader }) => {
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  // The first launch opens the newest thread: what is on screen is read, the rest is not.
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  const thread = new ThreadView(reader);
  const entry = thread.listEntry(SAMPLE_THREAD);
  const board = reader.forums.getByRole('button', { name: SAMPLE_BOARD });
  await expect(entry).toHaveAccessibleName(/ (1[0-7]|[1-9]) unread$/);
  await expect(reader.post(1, 'majesty_guard').getByTitle('Unread')).toHaveCount(0);
  await expect(reader.post(18, 'before_the_curtain').getByTitle('Unread')).toHaveCount(1);

  await thread.button('Mark thread read').click();
  await expect(entry).not.toContainText('unread');
  await expect(board).not.toContainText('unread');
  await expect(thread.region.locator('.thread-counts')).toHaveText('18 posts');
  await expect(reader.post(18, 'before_the_curtain').getByTitle('Unread')).toHaveCount(0);

  // Marked unread, the posts on screen stay unread until they are seen again.
  await thread.button('Mark thread unread').click();
  await expect(entry).toContainText('18 unread');
  await expect(board).toContainText('18 unread');

  await thread.goToPost(10);
  await expect(reader.post(10, 'wailing_sorrow').getByTitle('Unread')).toHaveCount(0);
  await expect(entry).not.toContainText('18 unread');
  await expect(board).not.toContainText('18 unread');
});

test('a thread opens at its first unread post, and new posts arrive unread', async ({ reader, backend, page }) => {
  await reader.open();
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  const thread = new ThreadView(reader);
  await thread.button('Mark thread read').click();
  await expect(thread.listEntry(SAMPLE_THREAD)).not.toContainText('unread');

  for (let i = 1; i <= 12; i += 1) {
    backend.forum.store.addPost({ topicId: SAMPLE_TOPIC_ID, username: 'steve_c', raw: `New thought number ${i} about the telegram scene.` });
  }
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(thread.listEntry(SAMPLE_THREAD)).toContainText('12 unread');

  // Opened afresh, the thread starts at post 19, the first one not yet read.
  await page.reload();
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  await thread.expectAtTop(reader.post(19, 'steve_c'));
  await expect(reader.post(18, 'before_the_curtain')).not.toBeInViewport();
  await expect(thread.listEntry(SAMPLE_THREAD)).not.toContainText('12 unread');
});

test('the unread filter lists only threads with unread posts', async ({ reader, backend }) => {
  backend.forum.store.addTopic({
    title: 'The Archers and Technicolor',
    categoryId: 21,
    username: 'technicolor_dreamer',
    raw: 'Jack Cardiff shot it; every frame could hang on a wall.',
  });
  await reader.open();
  // Its one post is on screen as soon as it opens: the thread is read.
  await reader.openThread(SAMPLE_BOARD, 'The Archers and Technicolor');
  const thread = new ThreadView(reader);
  await expect(thread.listEntry('The Archers and Technicolor')).not.toContainText('unread');
  await reader.threads.getByRole('button', { name: SAMPLE_THREAD }).click();

  const filter = reader.threads.getByRole('button', { name: 'Unread only' });
  await filter.click();
  await expect(filter).toHaveAttribute('aria-pressed', 'true');
  await expect(reader.threads.getByRole('listitem')).toHaveCount(1);
  await expect(thread.listEntry(SAMPLE_THREAD)).toBeVisible();
  await filter.click();
  await expect(reader.threads.getByRole('listitem')).toHaveCount(2);
});
