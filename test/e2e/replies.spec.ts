import { expect, test } from './reader-test';
import { SAMPLE_BOARD, SAMPLE_THREAD } from './pages/thread-view';
import { RepliesPage } from './pages/replies-page';

const QUOTE = '[quote="baton_follower, post:2, topic:1377"]\nJulian: See this baton?\nVicky: Yes\nJulian: Well follow it!\n[/quote]\n\n';
const WORDS = 'Five words and a baton: the whole of Lermontov in one rehearsal.';

test('a reply written with the forum cut off survives a reload, is sent once when the network is back, and is shown once', async ({ reader, backend, page }) => {
  const replies = new RepliesPage(page);
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);

  // The network to the forum goes: every request is dropped unanswered.
  backend.forum.faults.dropRate = 1;

  const post2 = reader.post(2, 'baton_follower');
  await replies.selectText(post2, 'Julian: See this baton?', 'Well follow it!');
  await replies.replyTo(post2);
  await expect(replies.replyText).toHaveValue(QUOTE);
  await expect(replies.composer.getByRole('region', { name: 'Preview' }).locator('aside.quote')).toContainText('See this baton?');

  await replies.replyText.press('Control+End');
  await replies.replyText.pressSequentially(WORDS.slice(0, 30));
  await page.reload();

  // Mid-sentence, the reload kept the text, and the composer is back with it.
  await expect(replies.replyText).toHaveValue(QUOTE + WORDS.slice(0, 30));
  await replies.replyText.press('Control+End');
  await replies.replyText.pressSequentially(WORDS.slice(30));
  await replies.button('Send later').click();
  await expect(replies.composer).toBeHidden();

  await replies.openView('Outbox');
  const item = replies.outboxItem(SAMPLE_THREAD);
  await expect(item.locator('.outbox-state')).toHaveText('Queued');
  await replies.openView('Drafts');
  await expect(page.getByText('No drafts.')).toBeVisible();

  // The network is back; the next sync (here asked for by hand) sends what waits.
  backend.forum.faults.dropRate = 0;
  await page.getByRole('button', { name: 'Sync now' }).click();
  await replies.openView('Outbox');
  await expect(item.locator('.outbox-state')).toHaveText('Sent');

  const raw = QUOTE + WORDS;
  const onServer = () => [...backend.forum.store.posts.values()].filter((post) => post.raw === raw);
  expect(onServer()).toHaveLength(1);
  const number = onServer()[0]!.postNumber;

  await item.getByRole('button', { name: 'Show in thread' }).click();
  const mine = reader.post(number, backend.forum.apiKey.username);
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText('Five words and a baton');
  await expect(mine.locator('aside.quote')).toContainText('Julian: See this baton?');
  await expect(reader.posts().filter({ hasText: 'Five words and a baton' })).toHaveCount(1);

  // The next sync brings the server's copy: still one post, still one on the server.
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(reader.status).toHaveText(/Synced at/);
  await expect(reader.posts().filter({ hasText: 'Five words and a baton' })).toHaveCount(1);
  expect(onServer()).toHaveLength(1);
  expect(backend.forum.requestLog.filter((entry) => entry.method === 'POST' && entry.status !== 0)).toHaveLength(1);
});

test('a reply marked Send later waits for the next sync, also when another reply is sent meanwhile', async ({ reader, backend, page }) => {
  const replies = new RepliesPage(page);
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  const LATER = 'Kept for the next sync: the red shoes dance on without her.';
  const NOW = 'Sent at once: the newspaper ballet is the heart of the film.';

  await replies.replyTo(reader.post(1, 'majesty_guard'));
  await replies.replyText.fill(LATER);
  await replies.button('Send later').click();
  await expect(replies.composer).toBeHidden();
  await replies.replyTo(reader.post(2, 'baton_follower'));
  await replies.replyText.fill(NOW);
  await replies.button('Send').click();

  await replies.openView('Outbox');
  const later = replies.outboxItem(SAMPLE_THREAD).filter({ hasText: LATER });
  const now = replies.outboxItem(SAMPLE_THREAD).filter({ hasText: NOW });
  await expect(now.locator('.outbox-state')).toHaveText('Sent');
  await expect(later.locator('.outbox-state')).toHaveText('Queued');
  await expect(later).toContainText('Sent with the next sync.');
  const onServer = (raw: string) => [...backend.forum.store.posts.values()].filter((post) => post.raw === raw);
  expect(onServer(LATER)).toHaveLength(0);

  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(later.locator('.outbox-state')).toHaveText('Sent');
  expect(onServer(LATER)).toHaveLength(1);
  expect(onServer(NOW)).toHaveLength(1);
});

test('a stale draft says how many posts came since, and discarding it asks and can be undone', async ({ reader, backend, page }) => {
  const replies = new RepliesPage(page);
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  await page.getByRole('button', { name: 'Reply', exact: true }).last().click();
  await replies.replyText.fill('A reply started before two others arrived.');
  await replies.expectSaved();

  backend.forum.store.addPost({ topicId: 1377, username: 'majesty_guard', raw: 'Another thought about the carriage scene.' });
  backend.forum.store.addPost({ topicId: 1377, username: 'baton_follower', raw: 'And the final leap, of course.' });
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(replies.composer.getByText('2 new posts since you started this reply.')).toBeVisible();
  await replies.composer.getByRole('link', { name: 'Read #19' }).click();
  await expect(reader.post(19, 'majesty_guard')).toBeVisible();

  // "Quote" adds the selected words to the open reply, as Discourse quote markup.
  const post19 = reader.post(19, 'majesty_guard');
  await replies.selectText(post19, 'carriage', 'scene');
  await post19.getByRole('button', { name: 'Quote', exact: true }).click();
  await expect(replies.replyText).toHaveValue('A reply started before two others arrived.\n\n[quote="majesty_guard, post:19, topic:1377"]\ncarriage scene\n[/quote]\n\n');
  await replies.replyText.fill('A reply started before two others arrived.');

  await replies.button('Discard draft').click();
  const dialog = page.getByRole('dialog', { name: 'Discard this draft?' });
  await dialog.getByRole('button', { name: 'Keep draft' }).click();
  await expect(replies.replyText).toHaveValue('A reply started before two others arrived.');
  await replies.button('Discard draft').click();
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await expect(replies.composer).toBeHidden();
  await replies.openView('Drafts');
  await expect(page.getByText('No drafts.')).toBeVisible();
  // Undo brings the draft back, and the composer with it.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(replies.replyText).toHaveValue('A reply started before two others arrived.');
  await replies.openView('Drafts');
  await expect(replies.draft(SAMPLE_THREAD)).toContainText('A reply started before two others arrived.');
});

test('a refused reply needs attention with the forum’s reason, and can be edited and sent', async ({ reader, page }) => {
  const replies = new RepliesPage(page);
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  await replies.replyTo(reader.post(1, 'majesty_guard'));
  await replies.replyText.fill('Too short.');
  await replies.button('Send').click();

  await replies.openView('Outbox');
  const item = replies.outboxItem(SAMPLE_THREAD);
  await expect(item.locator('.outbox-state')).toHaveText('Needs attention');
  await expect(item).toContainText('Body is too short (minimum is 20 characters)');
  await item.getByRole('button', { name: 'Edit' }).click();
  await expect(replies.replyText).toHaveValue('Too short.');
  await replies.replyText.fill('Too short before; now long enough to be a reply.');
  await replies.button('Send').click();
  await replies.openView('Outbox');
  await expect(item.locator('.outbox-state')).toHaveText('Sent');
});

test('the preview shows a list with its bullets and a quote’s name in line with the quoted words', async ({ reader, page }) => {
  const replies = new RepliesPage(page);
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  await replies.replyTo(reader.post(2, 'baton_follower'));
  await replies.replyText.fill('[quote="baton_follower, post:2, topic:1377"]\nJulian: See this baton?\n[/quote]\n\n- the baton\n- the stairs');
  const preview = replies.composer.getByRole('region', { name: 'Preview' });
  await expect(preview.getByRole('listitem')).toHaveCount(2);
  expect(await preview.getByRole('listitem').first().evaluate((item) => getComputedStyle(item).listStyleType)).toBe('disc');
  const left = async (selector: string) => (await preview.locator(selector).evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return [...range.getClientRects()].find((rect) => rect.width > 0)!.left;
  }));
  expect(Math.abs((await left('aside.quote .title')) - (await left('aside.quote blockquote p')))).toBeLessThan(2);
});
