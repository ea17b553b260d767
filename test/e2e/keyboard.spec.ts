import { SAMPLE_BOARD, SAMPLE_CATEGORY_ID, SAMPLE_THREAD, ThreadView } from './pages/thread-view';
import { holdTable } from './pages/library-db';
import { expect, test } from './reader-test';
import type { ReaderBackend } from '../support/reader-backend';

test('j and k move from post to post, G to the last and g g to the first', async ({ reader }) => {
  await reader.open();
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  const thread = new ThreadView(reader);

  await thread.press('j');
  await expect(reader.post(2, 'baton_follower')).toBeFocused();
  await thread.press('j');
  await expect(reader.post(3, 'practice_hall')).toBeFocused();
  await thread.expectAtTop(reader.post(3, 'practice_hall'));
  await thread.press('k');
  await expect(reader.post(2, 'baton_follower')).toBeFocused();

  await thread.press('Shift+G');
  const last = reader.post(18, 'before_the_curtain');
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  await thread.press('g', 'g');
  await expect(reader.post(1, 'majesty_guard')).toBeFocused();
  await thread.expectAtTop(reader.post(1, 'majesty_guard'));
  // Focus is drawn where the keyboard put it.
  const outline = await reader.post(1, 'majesty_guard').evaluate((element) => getComputedStyle(element).outlineStyle);
  expect(outline).toBe('solid');
});

test('j pressed while the thread is still opening moves once it has opened', async ({ reader, backend, page }) => {
  addLongThread(backend, 'The Archers at work', 3);
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  await reader.openThread(SAMPLE_BOARD, 'The Archers at work');
  const thread = new ThreadView(reader);
  // Read, so that marking its posts (which writes threads too) does not queue behind the hold.
  await expect(thread.listEntry('The Archers at work')).not.toContainText('unread');
  // The sample thread's posts wait for the disk, as they may while a sync writes.
  const release = await holdTable(page, 'posts');
  await thread.listEntry(SAMPLE_THREAD).click();
  await expect(thread.heading()).toHaveText(SAMPLE_THREAD);
  await expect(reader.posts()).toHaveCount(0);

  await thread.press('j');
  await release();
  await expect(reader.post(2, 'baton_follower')).toBeFocused();
  await thread.expectAtTop(reader.post(2, 'baton_follower'));
});

test('? opens "Keyboard shortcuts" listing every key, and Escape closes it', async ({ reader, page }) => {
  await reader.open();
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  await page.keyboard.press('Shift+?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  const keys = await help.getByRole('rowheader').allInnerTexts();
  expect(keys.map((key) => key.replace(/\s+/g, ' ').trim())).toEqual(['j', 'k', 'n', 'p', 'Enter', 'b', 'r', '/', 'g then g', 'G', '?']);
  // While the dialog is open, keys do not move the reader underneath it.
  await page.keyboard.press('j');
  await expect(reader.post(2, 'baton_follower')).not.toBeFocused();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('/ goes to the "Search posts" box', async ({ reader, page }) => {
  await reader.open();
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search posts' })).toBeFocused();
});

/** Adds a thread of `posts` posts to the sample board, long enough that opening it does not read it all. */
function addLongThread(backend: ReaderBackend, title: string, posts: number) {
  const topic = backend.forum.store.addTopic({ title, categoryId: SAMPLE_CATEGORY_ID, username: 'steve_c', raw: `${title}: the opening post.` });
  for (let i = 2; i <= posts; i += 1) {
    backend.forum.store.addPost({ topicId: topic.id, username: 'moira_forever', raw: `Reply number ${i} in ${title}, long enough to count.` });
  }
}

test('n and p open the next and previous thread with unread posts; Enter opens the focused one', async ({ reader, backend, page }) => {
  addLongThread(backend, 'The Archers at work: first thread', 30);
  addLongThread(backend, 'The Archers at work: second thread', 30);
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  await reader.forums.getByRole('button', { name: SAMPLE_BOARD }).click();
  const thread = new ThreadView(reader);
  // The list is by activity: the second thread, the first, then the sample.
  await expect(reader.threads.getByRole('listitem')).toHaveCount(3);
  await thread.listEntry(SAMPLE_THREAD).click();
  await thread.button('Mark thread read').click();

  await thread.press('p');
  await expect(thread.heading()).toHaveText('The Archers at work: first thread');
  await thread.press('p');
  await expect(thread.heading()).toHaveText('The Archers at work: second thread');
  await thread.press('n');
  await expect(thread.heading()).toHaveText('The Archers at work: first thread');
  // The sample thread is read: n skips it and stays.
  await thread.press('n');
  await expect(thread.heading()).toHaveText('The Archers at work: first thread');

  await thread.listEntry(SAMPLE_THREAD).focus();
  await page.keyboard.press('Enter');
  await expect(thread.heading()).toHaveText(SAMPLE_THREAD);
});

test('b bookmarks the current post and r starts a reply to it', async ({ reader, page }) => {
  await reader.open();
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  await page.keyboard.press('j');
  const second = reader.post(2, 'baton_follower');
  await expect(second).toBeFocused();
  await page.keyboard.press('b');
  await expect(second.getByRole('button', { name: 'Bookmark' })).toHaveAttribute('aria-pressed', 'true');
  await second.focus();
  await page.keyboard.press('r');
  await expect(page.getByRole('textbox', { name: 'Reply text' })).toBeVisible();
});
