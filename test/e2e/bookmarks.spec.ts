import { BookmarksPage } from './pages/bookmarks-page';
import { ReaderPage } from './pages/reader-page';
import { expect, test } from './reader-test';

const BOARD = 'The Red Shoes (1948)';
const THREAD = 'What are your favourite scenes?';
const BATON = 'See this baton?\nVicky: Yes\nJulian: Well follow it!';

test('a bookmark with a note and a highlighted passage survive a reload, export to Markdown, and import into a fresh profile', async ({
  reader,
  page,
  browser,
  backend,
}) => {
  const bookmarks = new BookmarksPage(page);
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  await reader.openThread(BOARD, THREAD);

  // The post about the Red Shoes ballet sequence, bookmarked with the note "favourite".
  const redShoes = reader.post(1, 'majesty_guard');
  await expect(redShoes).toContainText('The Red Shoes ballet sequence.');
  await bookmarks.toggle(redShoes).click();
  await expect(bookmarks.toggle(redShoes)).toHaveAttribute('aria-pressed', 'true');
  await bookmarks.saveNote('Bookmark', 'favourite', 'ballet');
  await expect(redShoes).toContainText('favourite');

  // "See this baton?" through "Well follow it!", highlighted.
  const rehearsal = reader.post(2, 'baton_follower');
  await bookmarks.highlight(rehearsal, 'See this baton?', 'Well follow it!');
  await bookmarks.saveNote('Highlight', 'the rehearsal', 'rehearsal');
  await expect.poll(() => bookmarks.highlightsIn(rehearsal)).toEqual([BATON]);

  await page.reload();
  await reader.openThread(BOARD, THREAD);
  await expect(bookmarks.toggle(redShoes)).toHaveAttribute('aria-pressed', 'true');
  await expect(redShoes).toContainText('favourite');
  await expect.poll(() => bookmarks.highlightsIn(rehearsal)).toEqual([BATON]);

  await bookmarks.open();
  await expect(bookmarks.items()).toHaveCount(2);
  await expect(bookmarks.item('Bookmark: post 1 by majesty_guard')).toContainText('favourite');
  await expect(bookmarks.item('Bookmark: post 1 by majesty_guard')).toContainText('The Red Shoes ballet sequence.');
  await expect(bookmarks.item('Highlight: post 2 by baton_follower')).toContainText('See this baton?');

  const markdown = await bookmarks.exportAs('As Markdown');
  expect(markdown.name).toMatch(/^forum-reader-bookmarks-\d{4}-\d\d-\d\d\.md$/);
  expect(markdown.text).toContain('## What are your favourite scenes?');
  expect(markdown.text).toContain('### Bookmark: Post 1 by majesty\\_guard');
  expect(markdown.text).toContain('**Note:** favourite');
  expect(markdown.text).toContain('> The Red Shoes ballet sequence.');
  expect(markdown.text).toContain('> See this baton?\n>\n> Vicky: Yes\n>\n> Julian: Well follow it!');
  expect(markdown.text).toContain(`${backend.forum.url.replace(/\/$/, '')}/t/`);
  const json = await bookmarks.exportAs('As JSON (Web Annotations)');
  expect(JSON.parse(json.text)).toMatchObject({ type: 'AnnotationCollection', total: 2 });

  // A fresh profile: a new browser context against the same backend.
  const fresh = await browser.newContext();
  try {
    const freshPage = await fresh.newPage();
    const freshReader = new ReaderPage(freshPage, backend);
    const freshBookmarks = new BookmarksPage(freshPage);
    await freshReader.open();
    await expect(freshReader.status).toHaveText(/Synced at/);
    await freshBookmarks.open();
    await expect(freshBookmarks.items()).toHaveCount(0);
    await freshBookmarks.importFile(json.path);
    await expect(freshBookmarks.importReport).toContainText('Imported 1 bookmark and 1 highlight');
    await expect(freshBookmarks.importReport).not.toContainText('Could not anchor');
    await expect(freshBookmarks.items()).toHaveCount(2);
    await expect(freshBookmarks.item('Bookmark: post 1 by majesty_guard')).toContainText('favourite');
    await expect(freshBookmarks.item('Bookmark: post 1 by majesty_guard')).toContainText('ballet');

    // Choosing the highlight opens the thread at its post with the passage marked.
    await freshBookmarks.item('Highlight: post 2 by baton_follower').getByRole('button', { name: 'Open in thread' }).click();
    await expect(freshReader.thread.getByRole('heading', { level: 1, name: THREAD })).toBeVisible();
    const freshRehearsal = freshReader.post(2, 'baton_follower');
    await expect(freshRehearsal).toBeInViewport();
    await expect.poll(() => freshBookmarks.highlightsIn(freshRehearsal)).toEqual([BATON]);
    await expect(freshRehearsal.locator('mark.highlight-current').first()).toBeVisible();
    await expect(freshBookmarks.toggle(freshReader.post(1, 'majesty_guard'))).toHaveAttribute('aria-pressed', 'true');

    // Importing the same file again adds nothing.
    await freshBookmarks.open();
    await freshBookmarks.importFile(json.path);
    await expect(freshBookmarks.importReport).toContainText('Imported 0 bookmarks and 0 highlights');
    await expect(freshBookmarks.importReport).toContainText('2 duplicates skipped');
    await expect(freshBookmarks.items()).toHaveCount(2);
  } finally {
    await fresh.close();
  }
});

test('removing a bookmark with the toggle or the b key can be undone', async ({ reader, page }) => {
  const bookmarks = new BookmarksPage(page);
  await reader.open();
  await reader.openThread(BOARD, THREAD);
  const redShoes = reader.post(1, 'majesty_guard');
  await bookmarks.toggle(redShoes).click();
  await bookmarks.saveNote('Bookmark', 'favourite');

  await bookmarks.toggle(redShoes).click();
  await expect(bookmarks.toggle(redShoes)).toHaveAttribute('aria-pressed', 'false');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(bookmarks.toggle(redShoes)).toHaveAttribute('aria-pressed', 'true');
  await expect(redShoes).toContainText('favourite');

  // b acts on the current post: the first one, when the thread opens at its start.
  await redShoes.focus();
  await page.keyboard.press('b');
  await expect(bookmarks.toggle(redShoes)).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('b');
  await expect(bookmarks.toggle(redShoes)).toHaveAttribute('aria-pressed', 'true');
});

test('a malformed import file gets a clear message and changes nothing', async ({ reader, page }) => {
  const bookmarks = new BookmarksPage(page);
  await reader.open();
  await reader.openThread(BOARD, THREAD);
  await bookmarks.toggle(reader.post(1, 'majesty_guard')).click();
  await bookmarks.saveNote('Bookmark', 'favourite');
  await bookmarks.open();

  const broken = { type: 'AnnotationCollection', first: { items: [{ type: 'Annotation', target: { source: 'http://x/t/a/1/1', selector: { type: 'TextQuoteSelector' } } }] } };
  await bookmarks.importFile({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await expect(bookmarks.importReport).toContainText('Nothing was imported.');
  await expect(bookmarks.importReport).toContainText('annotation 1 (first.items[0]): target.selector.exact');
  await expect(bookmarks.importReport).toContainText('Your bookmarks are unchanged');

  await bookmarks.importFile({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('not json at all') });
  await expect(bookmarks.importReport).toContainText('notes.json: The file is not JSON');
  await expect(bookmarks.items()).toHaveCount(1);
});

test('after a refresh, a post edited on the server is flagged and shows both texts; a deleted one keeps its bookmark', async ({ reader, page, backend }) => {
  const bookmarks = new BookmarksPage(page);
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  await reader.openThread(BOARD, THREAD);
  const rehearsal = reader.post(2, 'baton_follower');
  await bookmarks.toggle(rehearsal).click();
  await bookmarks.saveNote('Bookmark', 'the baton');
  await bookmarks.highlight(rehearsal, 'See this baton?', 'Well follow it!');
  await bookmarks.saveNote('Highlight', '');
  const third = reader.posts().nth(2);
  await expect(third).toHaveAccessibleName(/^Post 3 by /);
  const thirdName = (await third.getAttribute('aria-label'))!;
  await bookmarks.toggle(third).click();
  await bookmarks.saveNote('Bookmark', 'first day on the job');

  const topic = [...backend.forum.store.topics.values()][0]!;
  const [post2, post3] = [2, 3].map((n) => topic.posts.find((post) => post.postNumber === n)!);
  backend.forum.store.editPost(post2!.id, `Edit: I remembered another one.\n\n${post2!.raw.replace('Beautifully done.', 'Beautifully done, and funny.')}`);
  backend.forum.store.deletePost(post3!.id);
  await reader.thread.getByRole('button', { name: 'Refresh thread' }).click();
  await expect(reader.posts().filter({ hasText: 'first day on the job' })).toHaveCount(0);
  await expect(rehearsal).toContainText('Edit: I remembered another one.');

  // The highlight follows its passage into the edited post; the bookmark is flagged.
  await expect(rehearsal).toContainText('Edited since bookmarked');
  await expect.poll(() => bookmarks.highlightsIn(rehearsal)).toEqual([BATON]);

  await bookmarks.open();
  await expect(bookmarks.items()).toHaveCount(3);
  const edited = bookmarks.item('Bookmark: post 2 by baton_follower');
  await expect(edited).toContainText('Edited since bookmarked');
  await edited.getByText('Show the text as bookmarked').click();
  await expect(edited.getByRole('region', { name: 'As bookmarked' })).not.toContainText('Edit: I remembered another one.');
  await expect(edited.getByRole('region', { name: 'Now' })).toContainText('Edit: I remembered another one.');
  const deleted = bookmarks.item(`Bookmark: ${thirdName.replace(/^Post/, 'post')}`);
  await expect(deleted).toContainText('Deleted on the server');
  await expect(deleted).toContainText('first day on the job');
  await expect(deleted).toContainText("Julian first arrives at the practice hall");
  await expect(bookmarks.item('Highlight: post 2 by baton_follower')).not.toContainText('Orphaned');
});

test('tags filter the list and can be renamed and merged; notes can be searched', async ({ reader, page }) => {
  const bookmarks = new BookmarksPage(page);
  await reader.open();
  await reader.openThread(BOARD, THREAD);
  await bookmarks.toggle(reader.post(1, 'majesty_guard')).click();
  await bookmarks.saveNote('Bookmark', 'favourite', 'Ballet');
  const rehearsal = reader.post(2, 'baton_follower');
  await bookmarks.highlight(rehearsal, 'See this baton?', 'Well follow it!');
  await bookmarks.saveNote('Highlight', 'Julian conducts', 'rehearsal');
  await bookmarks.open();

  const tags = page.getByRole('region', { name: 'Tags' });
  await tags.getByRole('button', { name: /^rehearsal/ }).click();
  await expect(bookmarks.items()).toHaveCount(1);
  await expect(bookmarks.item('Highlight: post 2 by baton_follower')).toBeVisible();
  await tags.getByRole('button', { name: /^rehearsal/ }).click();
  await expect(bookmarks.items()).toHaveCount(2);

  await page.getByRole('searchbox', { name: 'Search notes' }).fill('conducts');
  await expect(bookmarks.items()).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Search notes' }).fill('');

  await tags.getByRole('button', { name: 'Rename rehearsal' }).click();
  await tags.getByRole('textbox', { name: 'New name for “rehearsal”' }).fill('ballet');
  await tags.getByRole('button', { name: 'Merge into “Ballet”' }).click();
  await expect(tags.getByRole('button', { name: /^Ballet\s*2$/ })).toBeVisible();
  await expect(tags.getByRole('button', { name: /^rehearsal/ })).toHaveCount(0);
  await expect(bookmarks.item('Highlight: post 2 by baton_follower')).toContainText('Ballet');
});
