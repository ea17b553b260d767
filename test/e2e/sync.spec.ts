import { startSampleForum, type SampleForum } from '../../main/sample-forum/server';
import { generateForum } from '../../main/sample-forum/generate-forum';
import { SyncPage } from './pages/sync-page';
import { expect, test } from './reader-test';

test.describe('adding a forum', () => {
  let second: SampleForum;
  test.beforeEach(async () => {
    second = await startSampleForum({ dataDir: null, forum: generateForum({ boards: 3, threadsPerBoard: 4, postsPerThread: 5, seed: 21, title: 'Cinema Club' }) });
  });
  test.afterEach(async () => {
    await second.close();
  });

  test('Add forum checks the address, shows the forum and its categories, and syncs the chosen ones', async ({ reader, page }) => {
    const sync = new SyncPage(page);
    await reader.open();
    await expect(sync.status).toHaveText(/Synced at/);
    await sync.checkAddress(second.url);
    await expect(sync.dialog.getByRole('heading', { name: 'Cinema Club' })).toBeVisible();
    // Plain http to this computer is fine: no warning.
    await expect(sync.dialog.getByRole('alert')).toHaveCount(0);
    const categories = [...second.store.categories.values()].map((category) => category.name);
    for (const name of categories) await expect(sync.category(name)).not.toBeChecked();
    await sync.category(categories[1]!).check();
    await sync.add();

    const forum = reader.forums.getByRole('listitem').filter({ hasText: 'Cinema Club' });
    await expect(forum.getByRole('button', { name: categories[1]! })).toBeVisible();
    await expect(forum.getByRole('button', { name: categories[0]! })).toHaveCount(0);
    await forum.getByRole('button', { name: categories[1]! }).click();
    await expect(reader.threads.getByRole('listitem')).toHaveCount(4);
  });

  test('an address that is not a forum gets a plain message in the dialog', async ({ reader, page }) => {
    const sync = new SyncPage(page);
    await reader.open();
    await sync.checkAddress('mailto:someone@example.org');
    await expect(sync.dialog.getByRole('alert')).toHaveText(/is not a web address .* Type the address as it appears in the browser/);
    await sync.dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(sync.dialog).toBeHidden();
  });
});

test('a slow sync shows its progress, and Cancel sync stops it within a second', async ({ reader, backend, page }) => {
  const sync = new SyncPage(page);
  backend.forum.faults.latencyMs = 1_000;
  await page.goto(backend.host.launchUrl);
  await expect(sync.progress).toBeVisible();
  await expect(sync.status).toHaveText('Syncing…');
  // The bar says it is syncing; the word is left to screen readers, and the bar takes a row of
  // its own where the toolbar is narrow (at 1280 pixels "Storage" was cut to "Sto" while syncing).
  await page.setViewportSize({ width: 1280, height: 720 });
  await reader.expectToolbarWhole();
  await expect(sync.progress).toBeInViewport({ ratio: 1 });
  await sync.cancelSync.click();
  await expect(sync.syncNow).toBeVisible({ timeout: 1_000 });
  await expect(sync.progress).toBeHidden({ timeout: 1_000 });
  await expect(sync.status).not.toHaveText('Syncing…');
  // The next sync completes what the cancelled one left.
  backend.forum.faults.latencyMs = 0;
  await sync.syncNow.click();
  await expect(sync.status).toHaveText(/Synced at/);
  await reader.openThread('The Red Shoes (1948)', 'What are your favourite scenes?');
  await expect(reader.posts()).toHaveCount(18);
});

test('Work offline stops syncing until it is switched off', async ({ reader, page }) => {
  const sync = new SyncPage(page);
  await reader.open();
  await expect(sync.status).toHaveText(/Synced at/);
  await sync.workOffline.click();
  await expect(sync.workOffline).toHaveAttribute('aria-pressed', 'true');
  await expect(sync.status).toHaveText('Offline');
  await expect(sync.syncNow).toBeDisabled();
  await page.reload();
  await expect(sync.status).toHaveText('Offline');
  await sync.workOffline.click();
  await expect(sync.workOffline).toHaveAttribute('aria-pressed', 'false');
  await expect(sync.status).toHaveText(/Synced at/);
});

test('when the network comes back the reader syncs, and the Sync log lists the run', async ({ reader, page }) => {
  const sync = new SyncPage(page);
  await reader.open();
  await expect(sync.status).toHaveText(/Synced at/);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Sync log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sync log' })).toBeVisible();
  const runs = page.getByRole('list', { name: 'Recent runs' }).getByRole('listitem');
  await expect(runs).toHaveCount(1);
  await expect(runs.first()).toContainText('MovieChat Forums');
  // A first sync: the forum's latest list (page 0), the category's own list, the topic.
  await expect(runs.first()).toContainText(/Completed in .* · 18 posts fetched · 3 requests/);
  // The sample thread's six pictures, after its text, in requests of their own.
  await expect(runs.first()).toContainText('Pictures: 6 kept (6 requests).');

  await page.context().setOffline(true);
  await expect(sync.status).toHaveText('Offline');
  await page.context().setOffline(false);
  await expect(runs).toHaveCount(2);
  await expect(runs.first()).toContainText('0 posts fetched · 1 request ·');
});

test('a thread whose sync failed is marked in the list, says why, and Refresh thread retries it', async ({ reader, backend, page }) => {
  // The forum answers with a post that does not fit Discourse's shape: that thread fails, alone.
  const topic = [...backend.forum.store.topics.values()][0]!;
  const broken = topic.posts[1]! as unknown as { cooked: unknown };
  const cooked = broken.cooked;
  broken.cooked = 42;
  const sync = new SyncPage(page);
  await reader.open();
  await expect(sync.status).toHaveText(/Synced at/);
  const entry = reader.threads.getByRole('button', { name: new RegExp(topic.title.replace(/[?()]/g, '\\$&')) });
  await expect(entry.getByText('Sync failed')).toBeVisible();
  await entry.click();
  await expect(reader.thread.getByRole('alert')).toContainText(`The last sync could not update this thread: topic ${topic.id}: post_stream.posts[1].cooked`);
  await expect(reader.posts()).toHaveCount(0);

  broken.cooked = cooked;
  await reader.thread.getByRole('button', { name: 'Refresh thread' }).click();
  await expect(reader.posts()).toHaveCount(18);
  await expect(entry.getByText('Sync failed')).toHaveCount(0);
  await expect(reader.thread.getByRole('alert')).toHaveCount(0);
});

test('the reader syncs again every 30 minutes by default', async ({ reader, page }) => {
  await page.clock.install();
  const sync = new SyncPage(page);
  await reader.open();
  await expect(sync.status).toHaveText(/Synced at/);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Sync log' }).click();
  const runs = page.getByRole('list', { name: 'Recent runs' }).getByRole('listitem');
  await expect(runs).toHaveCount(1);
  await page.clock.runFor('29:00');
  await expect(runs).toHaveCount(1);
  await page.clock.runFor('01:00');
  await expect(runs).toHaveCount(2);
});
