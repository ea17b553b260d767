import { SAMPLE_BOARD, SAMPLE_CATEGORY_ID, SAMPLE_THREAD, SAMPLE_TOPIC_ID, ThreadView } from './pages/thread-view';
import { expect, test } from './reader-test';

const ASCII_ART = [
  '------- __@',
  '----- _`\\<,_',
  '---- (*)/ (*)------- ----__@',
  '----------------------- _`\\<,_',
  '---- -----------------(*)/ (*)',
  '~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~nec spe,nec metu',
].join('\n');

test('the sample thread reads as the seed: authors, numbers, dates, replies, ASCII art', async ({ reader }) => {
  await reader.open();
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  await expect(reader.posts()).toHaveCount(18);
  const first = reader.post(1, 'majesty_guard');
  await expect(first.locator('.post-header')).toContainText("Majesty's Guard");
  await expect(first.locator('.post-header')).toContainText('#1');
  await expect(first.locator('time')).toHaveAttribute('datetime', '2015-03-14T19:22:41.318Z');
  await expect(first).toContainText('What are other peoples favourite scenes?');
  await expect(reader.post(5, 'majesty_guard').getByRole('button', { name: 'in reply to #4' })).toBeVisible();
  // A person with no display name is shown by username.
  await expect(reader.post(17, 'technicolor_dreamer').locator('.post-author')).toHaveText('technicolor_dreamer');
  // The ASCII art keeps every space and line.
  const art = await reader.post(12, 'nec_spe_nec_metu').locator('pre').evaluate((pre) => pre.textContent);
  expect(art).toBe(ASCII_ART);
  await expect(reader.page).toHaveTitle(`${SAMPLE_THREAD} – Forum Reader`);
});

test('"in reply to #4" jumps to post 4 and Back returns to post 5', async ({ reader }) => {
  await reader.open();
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  const thread = new ThreadView(reader);
  await thread.goToPost(5);
  const fifth = reader.post(5, 'majesty_guard');
  await thread.expectAtTop(fifth);

  await fifth.getByRole('button', { name: 'in reply to #4' }).click();
  const fourth = reader.post(4, 'steve_c');
  await thread.expectAtTop(fourth);
  await expect(fourth).toBeFocused();

  await thread.button('Back to #5').click();
  await thread.expectAtTop(fifth);
  // Going to post 5 by number was a jump too: Back goes on to where that started.
  await expect(thread.button(/^Back to/)).toHaveText('Back to #1');
});

test('a quote of a stored post links to it, in this thread and in another, and back', async ({ reader, backend }) => {
  const store = backend.forum.store;
  store.addPost({
    topicId: SAMPLE_TOPIC_ID,
    username: 'steve_c',
    raw: '[quote="baton_follower, post:2, topic:1377"]\nBeautifully done.\n[/quote]\n\nThat rehearsal is my favourite too.',
  });
  store.addPost({
    topicId: SAMPLE_TOPIC_ID,
    username: 'moira_forever',
    raw: '[quote="someone, post:4, topic:999999"]\nA thread this reader never stored.\n[/quote]\n\nQuoting from elsewhere.',
  });
  store.addTopic({
    title: 'Lermontov and the mirror scene',
    categoryId: SAMPLE_CATEGORY_ID,
    username: 'wailing_sorrow',
    raw: "[quote=\"practice_hall, post:3, topic:1377\"]\nAside from that I'd say the carriage scene.\n[/quote]\n\nThe mirror scene deserves a thread of its own.",
  });
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  const thread = new ThreadView(reader);

  const quoting = reader.post(19, 'steve_c');
  await thread.goToPost(19);
  await expect(quoting.locator('aside.quote')).toContainText('baton_follower:');
  await quoting.getByRole('link', { name: 'Go to post 2' }).click();
  await thread.expectAtTop(reader.post(2, 'baton_follower'));
  await thread.button('Back to #19').click();
  await expect(quoting).toBeInViewport();
  // A quote whose source is not stored here is still a quote, with no link.
  const unstored = reader.post(20, 'moira_forever');
  await expect(unstored.locator('aside.quote')).toContainText('A thread this reader never stored.');
  await expect(unstored.getByRole('link')).toHaveCount(0);

  await reader.threads.getByRole('button', { name: /Lermontov and the mirror scene/ }).click();
  await expect(thread.heading()).toHaveText('Lermontov and the mirror scene');
  await reader.post(1, 'wailing_sorrow').getByRole('link', { name: `Go to post 3 in “${SAMPLE_THREAD}”` }).click();
  await expect(thread.heading()).toHaveText(SAMPLE_THREAD);
  await thread.expectAtTop(reader.post(3, 'practice_hall'));
  await thread.button('Back to #1').click();
  await expect(thread.heading()).toHaveText('Lermontov and the mirror scene');
});

test('going to a post number shows that post at the top', async ({ reader }) => {
  await reader.open();
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  const thread = new ThreadView(reader);
  await thread.goToPost(9);
  await thread.expectAtTop(reader.post(9, 'decius_rex'));
  await expect(reader.post(9, 'decius_rex')).toBeFocused();
});
