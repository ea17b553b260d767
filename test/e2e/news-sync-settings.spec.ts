// The Sync log's settings for a news server: how much a group's first sync takes and how many
// connections the reader opens, in place of the request budget and per-thread ceiling that only a
// Discourse forum has.
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
