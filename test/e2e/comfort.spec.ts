import { dumpTables } from './pages/library-db';
import { SAMPLE_BOARD, SAMPLE_THREAD } from './pages/thread-view';
import { expect, test } from './reader-test';

test('theme and text size apply at once and survive a restart', async ({ reader, page }) => {
  await reader.open();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await page.getByRole('combobox', { name: 'Text size' }).selectOption({ label: 'Large' });
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await expect.poll(background).toBe('rgb(22, 24, 28)');
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('18px');

  await page.reload();
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  await expect.poll(background).toBe('rgb(22, 24, 28)');
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('18px');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: 'Light' }).check();
  await expect.poll(background).toBe('rgb(247, 246, 243)');
});

test('the panes resize from the keyboard and keep their widths across a restart', async ({ reader, page }) => {
  await reader.open();
  const splitter = page.getByRole('separator', { name: 'Resize threads pane' });
  const before = Number(await splitter.getAttribute('aria-valuenow'));
  const width = () => reader.threads.evaluate((pane) => Math.round(pane.getBoundingClientRect().width));
  const widthBefore = await width();
  await splitter.focus();
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(before + 64));
  await expect.poll(width).toBe(widthBefore + 64);
  // Each key's width is stored as it ends; a restart before the last write lands would lose it.
  const stored = async () => (await dumpTables(page, ['settings'])).settings;
  await expect.poll(stored).toContainEqual({ key: 'paneLayout', value: expect.objectContaining({ threadsWidth: before + 64 }) });

  await page.reload();
  await expect(page.getByRole('separator', { name: 'Resize threads pane' })).toHaveAttribute('aria-valuenow', String(before + 64));
  await expect.poll(width).toBe(widthBefore + 64);
});

test('the window title names the open thread', async ({ reader, page }) => {
  await reader.open();
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  await expect(page).toHaveTitle(`${SAMPLE_THREAD} – Forum Reader`);
});

test('the toolbar shows every view, the search box and the sync controls at 1280 and 1024 pixels wide', async ({ reader, page }) => {
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 720 });
    await reader.expectToolbarWhole();
  }
});

test('at 1024 pixels wide the thread keeps room to read, and the lists beside it give way; at 1280 they keep their widths', async ({ reader, page }) => {
  await reader.open();
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  const widthOf = (pane: typeof reader.thread) => pane.evaluate((element) => Math.round(element.getBoundingClientRect().width));
  const widths = async () => ({ forums: await widthOf(reader.forums), threads: await widthOf(reader.threads), thread: await widthOf(reader.thread) });

  await expect.poll(widths).toEqual({ forums: 256, threads: 352, thread: expect.any(Number) });
  await page.setViewportSize({ width: 1024, height: 720 });
  await expect.poll(async () => (await widths()).thread).toBeGreaterThanOrEqual(480);
  const narrow = await widths();
  expect(narrow.forums).toBeGreaterThanOrEqual(160);
  expect(narrow.threads).toBeGreaterThanOrEqual(220);
});
