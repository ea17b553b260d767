import { SAMPLE_BOARD, SAMPLE_THREAD, ThreadView } from './pages/thread-view';
import { expect, test } from './reader-test';

// As the forum cooks it: Discourse's typographer makes "...." an ellipsis and curls quotation marks.
const SIGNATURE = 'It is my business to protect your majesty… against all things.';

test("the OP's repeated signature shows once, dimmed, and folds everywhere else", async ({ reader }) => {
  await reader.open();
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  // Post 1 carries it (in quotation marks): shown, not folded.
  const first = reader.post(1, 'majesty_guard');
  await expect(first.locator('.signature')).toHaveText(`“${SIGNATURE}”`);
  await expect(first.locator('details')).toHaveCount(0);

  for (const number of [5, 8, 11, 15]) {
    const post = reader.post(number, 'majesty_guard');
    const fold = post.locator('details');
    await expect(fold).toHaveCount(1);
    await expect(fold.locator('summary')).toHaveText('Signature');
    await expect(post.getByText(SIGNATURE)).toBeHidden();
  }
  // Other posts keep their closing lines: each author wrote them once.
  await expect(reader.post(9, 'decius_rex')).toContainText('in secta Decii voluntas mea est!');
  await expect(reader.thread.locator('details')).toHaveCount(4);

  const fifth = reader.post(5, 'majesty_guard');
  await fifth.locator('summary').click();
  await expect(fifth.getByText(SIGNATURE)).toBeVisible();
});

test('"Show signatures" shows every signature, and the choice is kept', async ({ reader, page }) => {
  await reader.open();
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  const thread = new ThreadView(reader);
  const toggle = thread.button('Show signatures');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(reader.thread.locator('details')).toHaveCount(0);
  await expect(reader.post(15, 'majesty_guard').getByText(SIGNATURE)).toBeVisible();

  await page.reload();
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  await expect(thread.button('Show signatures')).toHaveAttribute('aria-pressed', 'true');
  await expect(reader.thread.locator('details')).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show signatures' })).toHaveAttribute('aria-pressed', 'true');
});
