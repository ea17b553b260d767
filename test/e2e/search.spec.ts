import { SearchPage } from './pages/search-page';
import { SAMPLE_TOPIC_ID } from './pages/thread-view';
import { expect, test } from './reader-test';

const THREAD = 'What are your favourite scenes?';
const REHEARSAL = `Post 2 by baton_follower in ${THREAD}`;

test('searching "baton" finds the rehearsal post and opens the thread there', async ({ reader, page }) => {
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  const search = new SearchPage(page);

  await page.keyboard.press('/');
  await expect(search.box).toBeFocused();
  await page.keyboard.type('baton');
  await expect(search.heading).toBeVisible();
  const hit = search.hit(REHEARSAL);
  await expect(hit).toBeVisible();
  await expect(hit.locator('mark')).toHaveText(['baton']);
  await expect(hit).toContainText('Julian: See this baton?');

  await hit.click();
  await expect(reader.thread.getByRole('heading', { level: 1, name: THREAD })).toBeVisible();
  const post = reader.post(2, 'baton_follower');
  await expect(post).toBeFocused();
  await expect(post).toBeInViewport();
  await expect.poll(() => search.markedInReader()).toEqual(['baton']);
});

test('the index is kept across a reload and answers with the forum unreachable', async ({ reader, backend, page }) => {
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  const search = new SearchPage(page);
  await search.box.fill('ballet sequence');
  await expect(search.results.getByRole('button')).not.toHaveCount(0);
  const before = await search.results.getByRole('button').allInnerTexts();

  await backend.forum.close();
  await page.reload();
  await expect(reader.forums).toContainText(/Could not reach/);
  await search.box.fill('ballet sequence');
  await expect(search.results.getByRole('button')).toHaveCount(before.length);
  await expect(search.page.getByRole('progressbar', { name: 'Search index progress' })).toHaveCount(0);
});

test('results on show grow as a sync brings posts that match, without asking again', async ({ reader, backend, page }) => {
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  const search = new SearchPage(page);
  await search.box.fill('metronome');
  await expect(search.results).toContainText('No stored post, note or draft matches.');

  backend.forum.store.addPost({ topicId: SAMPLE_TOPIC_ID, username: 'steve_c', raw: 'Julian keeps time with a metronome at the rehearsal.' });
  await page.getByRole('button', { name: 'Sync now' }).click();
  const hit = search.hit(`Post 19 by steve_c in ${THREAD}`);
  await expect(hit).toBeVisible();
  await expect(hit.locator('mark')).toHaveText(['metronome']);
});

test('filters narrow the hits, and the last word matches as it is typed', async ({ reader, page }) => {
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  const search = new SearchPage(page);
  await search.box.fill('moira shea');
  await expect(search.results.getByRole('button')).not.toHaveCount(0);
  const all = await search.results.getByRole('button').count();
  await expect(search.results.locator('mark').filter({ hasText: /^Shearer$/ }).first()).toBeVisible();

  const author = page.getByRole('textbox', { name: 'Author' });
  const firstAuthor = (await search.results.getByRole('button').first().getAttribute('aria-label'))!.match(/ by (\S+) in /)![1]!;
  await author.fill(firstAuthor);
  await expect(search.results.getByRole('button', { name: new RegExp(` by ${firstAuthor} in `) }).first()).toBeVisible();
  await expect(search.results.getByRole('button', { name: new RegExp(` by (?!${firstAuthor} )\\S+ in `) })).toHaveCount(0);
  const narrowed = await search.results.getByRole('button').count();
  expect(narrowed).toBeLessThanOrEqual(all);

  await author.fill('');
  await search.box.fill('moira shearer -gorgeous ');
  await expect(search.results.getByRole('button')).toHaveCount(all - 1);
});
