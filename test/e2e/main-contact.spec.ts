// The page without its main process: it says so, stops claiming to sync, keeps the drafts, and
// picks up again when main is back.
import { RepliesPage } from './pages/replies-page';
import { SyncPage } from './pages/sync-page';
import { expect, test } from './reader-test';

const BOARD = 'The Red Shoes (1948)';
const THREAD = 'What are your favourite scenes?';
const LOST = 'Lost contact with the reader’s main process. Your drafts are kept; reconnecting…';

test('when main dies mid-sync the page says so, keeps the draft, and reconnects when main is back', async ({ reader, backend, page }, testInfo) => {
  const sync = new SyncPage(page);
  const replies = new RepliesPage(page);
  await reader.open();
  await expect(sync.status).toHaveText(/Synced at/);
  await reader.openThread(BOARD, THREAD);
  await replies.replyTo(reader.post(2, 'baton_follower'));
  await replies.replyText.fill('The baton scene, every time.');
  await replies.expectSaved();

  backend.forum.faults.latencyMs = 1_000;
  await sync.syncNow.click();
  await expect(sync.progress).toBeVisible();
  await backend.stopMain();

  const lost = page.getByRole('status').filter({ hasText: LOST });
  await expect(lost).toBeVisible();
  await expect(sync.progress).toBeHidden();
  await expect(sync.cancelSync).toBeHidden();
  await expect(sync.syncNow).toBeDisabled();
  await expect(page.getByRole('status').filter({ hasText: /Syncing…|Synced at/ })).toHaveCount(0);
  await expect(replies.replyText).toHaveValue('The baton scene, every time.');
  await page.screenshot({ path: testInfo.outputPath('lost-contact.png') });

  backend.forum.faults.latencyMs = 0;
  await backend.startMain();
  await expect(lost).toBeHidden();
  await expect(sync.syncNow).toBeEnabled();
  await sync.syncNow.click();
  await expect(sync.status).toHaveText(/Synced at/);
  await expect(replies.replyText).toHaveValue('The baton scene, every time.');
});

test('a main restarted with a new token tells the page to open the new link', async ({ reader, backend, page }) => {
  const sync = new SyncPage(page);
  await reader.open();
  await expect(sync.status).toHaveText(/Synced at/);
  await backend.stopMain();
  await expect(page.getByRole('status').filter({ hasText: LOST })).toBeVisible();
  await backend.startMain({ token: 'a-later-launch' });
  await expect(page.getByRole('status')).toHaveText('The reader was restarted and no longer accepts this page. Your drafts are kept; open the link that npm start printed.');
});
