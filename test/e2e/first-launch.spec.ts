import { expect, test } from './reader-test';

const BOARD = 'The Red Shoes (1948)';
const THREAD = 'What are your favourite scenes?';

test('first launch shows the sample thread with its 18 posts', async ({ reader }) => {
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at \d\d:\d\d/);
  await reader.openThread(BOARD, THREAD);
  await expect(reader.posts()).toHaveCount(18);
  await expect(reader.posts().nth(1)).toContainText('Julian: See this baton?');
  // The ASCII art keeps its lines and spacing.
  await expect(reader.posts().nth(11).locator('pre')).toContainText('---- (*)/ (*)------- ----__@');
  // Text that looks like markup is shown, not interpreted.
  await expect(reader.posts().nth(11)).toContainText('<< The Red Shoes ballet sequence >>');
});

test('a reload keeps the posts when the forum cannot be reached', async ({ reader, backend }) => {
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  await backend.forum.close();
  await reader.page.reload();
  await reader.openThread(BOARD, THREAD);
  await expect(reader.posts()).toHaveCount(18);
  await expect(reader.forums).toContainText(/Could not reach/);
});
