// Plain-text posts (newsgroup articles) read as written: stored beside the sample thread as the
// news engine stores them (bodyFormat 'plain'), then read, searched and bookmarked like any post.
import type { Page } from '@playwright/test';
import { EVIL } from './fixtures/xss-payloads';
import { BookmarksPage } from './pages/bookmarks-page';
import { dumpTables, putRows } from './pages/library-db';
import { SearchPage } from './pages/search-page';
import { SAMPLE_BOARD, SAMPLE_THREAD } from './pages/thread-view';
import { expect, test } from './reader-test';

const TITLE = 'Re: ASCII art in the credits';
const TOPIC = 990_001;

const ART = ['   _____', '  |     |  <- the red shoes', '  | o o |', '  |_____|'];
const FIRST = [
  'Does anyone remember the credits?',
  ...ART,
  '.a line that starts with a dot',
  'Long line: ' + 'the ballet goes on and on '.repeat(12).trim(),
  'More at https://example.org/red-shoes?scene=12.',
  '-- ',
  'Jane Doe | jane@example.org',
].join('\n');
const SECOND = [
  'Jane Doe wrote:',
  '> Does anyone remember the credits?',
  '> > older words, quoted twice',
  '> back to one level',
  '',
  `Hostile text stays text: <script>__xss(1)</script> <img src="${EVIL}/x.png" onerror="__xss(2)"> javascript:__xss(3)`,
  '#include <stdio.h> & friends',
].join('\n');
const THIRD = ['I found them: the credits roll over a painting.', '-- ', 'Jane Doe | jane@example.org'].join('\n');

declare global {
  interface Window {
    __xss(n: number): void;
    __xssHits: number[];
  }
}

/** A news thread stored in the sample board, as the sync would have written it, queued for the search index. */
async function storePlainThread(page: Page) {
  const { threads } = await dumpTables(page, ['threads']);
  const sample = (threads as { id: string; forumId: string; boardId: string; title: string }[]).find((t) => t.title === SAMPLE_THREAD)!;
  const threadId = `${sample.forumId}/t/${TOPIC}`;
  const at = (minute: number) => new Date(Date.now() - (60 - minute) * 60_000).toISOString();
  const posts = [
    [1, 'jane', 'Jane Doe', FIRST],
    [2, 'bob', 'Bob', SECOND],
    [3, 'jane', 'Jane Doe', THIRD],
  ].map(([n, username, displayName, text]) => ({
    id: `${sample.forumId}/p/${TOPIC * 10 + (n as number)}`,
    forumId: sample.forumId,
    threadId,
    remoteId: TOPIC * 10 + (n as number),
    postNumber: n,
    username,
    displayName,
    avatarUrl: null,
    createdAt: at(n as number),
    updatedAt: at(n as number),
    version: 1,
    html: text,
    bodyFormat: 'plain',
    replyToPostNumber: n === 2 ? 1 : null,
    hidden: false,
    deleted: false,
  }));
  await putRows(page, 'threads', [
    {
      id: threadId, forumId: sample.forumId, boardId: sample.boardId, remoteId: TOPIC, title: TITLE, slug: 'ascii-art', authorUsername: 'jane',
      createdAt: at(1), lastPostedAt: at(3), bumpedAt: new Date().toISOString(), postsCount: 3, highestPostNumber: 3, pinned: false, closed: false,
      storedPostCount: 3, unreadCount: 3,
    },
  ]);
  await putRows(page, 'posts', posts);
  await putRows(page, 'searchQueue', posts.map((post) => ({ postId: post.id, mark: Math.random() })));
}

test('plain posts keep their lines, show quotes nested, fold signatures, link addresses and run nothing', async ({ reader, page }) => {
  await page.addInitScript(() => {
    window.__xssHits = [];
    window.__xss = (n: number) => window.__xssHits.push(n);
  });
  const outside: string[] = [];
  await page.context().route(
    (url) => url.hostname !== '127.0.0.1',
    async (route) => {
      outside.push(route.request().url());
      await route.abort();
    },
  );
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  await storePlainThread(page);
  await page.reload();
  await reader.openThread(SAMPLE_BOARD, TITLE);

  const first = reader.post(1, 'jane');
  const lines = first.locator('.post-body .plain-text').first();
  // The lines as written, the dot line and the art's spacing included.
  expect(await lines.evaluate((element) => element.textContent)).toBe(`${FIRST.split('\n-- ')[0]}\n`);
  expect(await lines.evaluate((element) => getComputedStyle(element).whiteSpace)).toBe('pre-wrap');
  // A long line wraps inside the post instead of widening it.
  const widths = await first.evaluate((article) => ({ article: article.clientWidth, scroll: article.scrollWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.article);
  await expect(first.getByRole('link', { name: 'https://example.org/red-shoes?scene=12' })).toHaveAttribute('href', 'https://example.org/red-shoes?scene=12');
  // Where the signature first appears it is shown, dimmed; later it folds.
  await expect(first.locator('div.signature')).toHaveText('-- \nJane Doe | jane@example.org');
  const third = reader.post(3, 'jane');
  await expect(third.locator('details.signature > summary')).toHaveText('Signature');
  await expect(third.getByText('Jane Doe | jane@example.org')).toBeHidden();

  const second = reader.post(2, 'bob');
  const outer = second.locator('.post-body > aside.quote');
  await expect(outer).toHaveCount(1);
  await expect(outer.locator('aside.quote')).toHaveText('older words, quoted twice');
  await expect(second.getByText('<script>__xss(1)</script>', { exact: false })).toBeVisible();
  await expect(reader.thread.locator('script, img, iframe')).toHaveCount(0);
  await expect(second.getByRole('link')).toHaveCount(1);
  await expect(second.getByRole('link')).toHaveText(`${EVIL}/x.png`);
  await first.screenshot({ path: test.info().outputPath('plain-post.png') });
  await second.screenshot({ path: test.info().outputPath('plain-quotes.png') });

  // A web address opens outside the reader (the web host: a new tab, whose request the route stops), never in the reader's page.
  const [popup] = await Promise.all([page.waitForEvent('popup'), first.getByRole('link', { name: /example\.org/ }).click()]);
  await expect.poll(() => outside).toContain('https://example.org/red-shoes?scene=12');
  await popup.close();
  expect(page.url()).toContain('127.0.0.1');

  expect(await page.evaluate(() => window.__xssHits)).toEqual([]);
  expect(outside.filter((url) => !url.startsWith('https://example.org/'))).toEqual([]);
});

test('search finds a plain post by what it says, markup-like text included, and not by the lines it quotes', async ({ reader, page }) => {
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  await storePlainThread(page);
  await page.reload();
  const search = new SearchPage(page);
  await search.box.fill('stdio');
  await search.box.press('Enter');
  await expect(search.hit(/Post 2 by bob/)).toBeVisible();
  await expect(search.results).toContainText('#include <stdio.h> & friends');
  await search.box.fill('"older words quoted twice"');
  await search.box.press('Enter');
  await expect(page.getByText('No stored post, note or draft matches.')).toBeVisible();
});

test('a passage of a plain post is highlighted, bookmarked and exported as written', async ({ reader, page }) => {
  const bookmarks = new BookmarksPage(page);
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  await storePlainThread(page);
  await page.reload();
  await reader.openThread(SAMPLE_BOARD, TITLE);
  const second = reader.post(2, 'bob');
  await bookmarks.highlight(second, '#include', 'friends');
  await bookmarks.saveNote('Highlight', 'markup-like text');
  await expect.poll(() => bookmarks.highlightsIn(second)).toEqual(['#include <stdio.h> & friends']);
  await bookmarks.toggle(second).click();
  await bookmarks.saveNote('Bookmark', 'the quotes');

  await bookmarks.open();
  await expect(bookmarks.item('Highlight: post 2 by bob')).toContainText('#include <stdio.h> & friends');
  await expect(bookmarks.item('Highlight: post 2 by bob')).not.toContainText('Orphaned');
  await expect(bookmarks.item('Bookmark: post 2 by bob')).toContainText('older words, quoted twice');
  const markdown = await bookmarks.exportAs('As Markdown');
  expect(markdown.text).toContain('### Highlight: Post 2 by bob\n\n> \\#include \\<stdio.h\\> & friends');
  expect(markdown.text).toContain('> Hostile text stays text: \\<script\\>');
});
