// A news server in the views: the Sync log's settings (how much a group's first sync takes and how
// many connections the reader opens, in place of the request budget and per-thread ceiling that
// only a Discourse forum has), and a crossposted thread in each of its groups, saying where its new
// replies come from instead of offering a Refresh thread that would do nothing.
import { dumpTables, putRows } from './pages/library-db';
import { expect, test } from './reader-test';

// Port 1 refuses at once: the launch sync of this forum fails fast and changes nothing here.
const NEWS = { id: '127.0.0.1:1', name: 'Test news server', baseUrl: 'nntp://127.0.0.1:1', protocol: 'nntp', isSample: false, addedAt: '2026-12-01T00:00:00.000Z', lastSyncedAt: null, lastSyncError: null };

test('a news server’s first sync and connections are set in the Sync log, kept within their ranges', async ({ reader, page }, testInfo) => {
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  await putRows(page, 'forums', [NEWS]);
  await page.reload();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Sync log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sync log' })).toBeVisible();

  const firstSync = page.getByRole('spinbutton', { name: 'Articles a group’s first sync takes from Test news server' });
  const connections = page.getByRole('spinbutton', { name: 'Connections to Test news server at once' });
  await expect(firstSync).toHaveValue('1000');
  await expect(connections).toHaveValue('1');
  // A news server has no request budget and no per-thread ceiling; a Discourse forum still has both.
  await expect(page.getByRole('spinbutton', { name: 'Requests per minute to Test news server' })).toHaveCount(0);
  await expect(page.getByRole('spinbutton', { name: 'Most posts kept of one thread of Test news server' })).toHaveCount(0);
  await expect(page.getByRole('spinbutton', { name: 'Most posts fetched from Test news server in one sync' })).toBeVisible();

  await firstSync.fill('250');
  await firstSync.press('Enter');
  await connections.fill('9');
  await connections.press('Enter');
  await expect(connections).toHaveValue('4');
  const stored = async () => ((await dumpTables(page, ['settings'])).settings as Array<{ key: string; value: unknown }>).find((row) => row.key === `newsSync:${NEWS.id}`)?.value;
  await expect.poll(stored).toEqual({ firstSyncArticles: 250, connections: 4 });
  // Not a number of articles: the field goes back to what is kept.
  await firstSync.fill('0');
  await firstSync.press('Enter');
  await expect(firstSync).toHaveValue('250');
  await expect.poll(stored).toEqual({ firstSyncArticles: 250, connections: 4 });

  await page.reload();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Sync log' }).click();
  await expect(page.getByRole('spinbutton', { name: 'Articles a group’s first sync takes from Test news server' })).toHaveValue('250');
  await page.locator('.sync-settings').screenshot({ path: testInfo.outputPath('news-sync-settings.png') });
});

test('a crossposted news thread is listed in both its groups, and says new replies come with Sync now instead of Refresh thread', async ({ reader, page }, testInfo) => {
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  const board = (id: number, name: string, position: number) => ({ id: `${NEWS.id}/c/${id}`, forumId: NEWS.id, remoteId: id, name, slug: name, description: '', position, parentId: null, threadCount: 1, followed: true, threadLimit: 100 });
  const at = '2026-12-05T10:00:00.000Z';
  const thread = {
    id: `${NEWS.id}/t/77`,
    forumId: NEWS.id,
    boardId: `${NEWS.id}/c/1`,
    alsoInBoardIds: [`${NEWS.id}/c/2`],
    remoteId: 77,
    title: 'Crossposted question',
    slug: '',
    authorUsername: 'Ann Poster',
    createdAt: at,
    lastPostedAt: at,
    bumpedAt: at,
    postsCount: 1,
    highestPostNumber: 1,
    pinned: false,
    closed: false,
    storedPostCount: 1,
    unreadCount: 1,
  };
  const post = { id: `${NEWS.id}/p/78`, forumId: NEWS.id, threadId: thread.id, remoteId: 78, postNumber: 1, username: 'Ann Poster', displayName: 'Ann Poster', avatarUrl: null, createdAt: at, updatedAt: at, version: 1, html: 'Asked in two groups.', bodyFormat: 'plain', remoteKey: '<q@example.org>', replyToPostNumber: null, hidden: false, deleted: false };
  await putRows(page, 'forums', [NEWS]);
  await putRows(page, 'boards', [board(1, 'comp.lang.misc', 0), board(2, 'comp.lang.other', 1)]);
  await putRows(page, 'threads', [thread]);
  await putRows(page, 'posts', [post]);
  await page.reload();

  for (const group of ['comp.lang.misc', 'comp.lang.other']) {
    await reader.forums.getByRole('button', { name: new RegExp(`^${group.replace(/\./g, '\\.')}`) }).click();
    await expect(reader.threads.getByRole('button', { name: /Crossposted question/ })).toBeVisible();
  }
  await reader.threads.getByRole('button', { name: /Crossposted question/ }).click();
  await expect(reader.post(1, 'Ann Poster')).toBeVisible();
  await expect(reader.thread.getByText('Articles on a news server are not changed once posted: new replies to this thread come with Sync now.')).toBeVisible();
  await expect(reader.thread.getByRole('button', { name: 'Refresh thread' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('news-thread.png') });
});
