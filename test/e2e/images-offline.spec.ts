// Pictures kept for offline reading (issue 19): the sample thread's pictures are synced with it,
// then the forum stops and the network is cut, and after a reload every picture still shows,
// decoded from storage, with no request leaving the page.
import { test, expect } from './reader-test';
import { PostPictures, SAMPLE_PICTURES, watchRequestsLeaving } from './pages/kept-pictures';
import type { ReaderPage } from './pages/reader-page';
import { SyncPage } from './pages/sync-page';
import { SAMPLE_BOARD, SAMPLE_THREAD, SAMPLE_TOPIC_ID, ThreadView } from './pages/thread-view';

const postNumbered = (view: ThreadView, number: number) => view.region.getByRole('article', { name: new RegExp(`^Post ${number} by `) });

/** Opens the reader, waits for the launch sync (pictures included) and opens the sample thread; watches what leaves the page from the start. */
async function openSyncedSampleThread(reader: ReaderPage) {
  const leaving = watchRequestsLeaving(reader.page, reader.backend.host.url);
  await reader.open();
  await expect(new SyncPage(reader.page).status).toHaveText(/Synced at/);
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  return { leaving, view: new ThreadView(reader) };
}

test('the sample thread’s pictures show from storage after the forum stops and the network is cut', async ({ reader, backend, page }) => {
  const { leaving, view } = await openSyncedSampleThread(reader);
  for (const { post, alts } of SAMPLE_PICTURES) {
    const pictures = new PostPictures(view, postNumbered(view, post));
    for (const alt of alts) await pictures.expectShown(alt);
  }
  await page.screenshot({ path: test.info().outputPath('kept-pictures-online.png') });

  await backend.forum.close();
  // Nothing but the reader's own origin answers: no forum, no CDN, no network.
  await page.route('**/*', (route) => (route.request().url().startsWith(`${backend.host.url}/`) ? route.continue() : route.abort('internetdisconnected')));
  await page.reload();
  await expect(reader.forums).toBeVisible();
  await expect(view.heading()).toHaveText(SAMPLE_THREAD);
  for (const { post, alts } of SAMPLE_PICTURES) {
    const pictures = new PostPictures(view, postNumbered(view, post));
    for (const alt of alts) await pictures.expectShown(alt);
  }
  await new PostPictures(view, postNumbered(view, 7)).picture('The red shoes, waiting').scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('kept-pictures-offline.png') });
  expect(leaving).toEqual([]);
});

test('a picture the forum could not give shows its alt text and why', async ({ reader, backend, page }) => {
  const topic = [...backend.forum.store.topics.values()].find((row) => row.id === SAMPLE_TOPIC_ID)!;
  const username = [...backend.forum.store.users.values()][0]!.username;
  backend.forum.store.addPost({
    topicId: topic.id,
    username,
    raw: 'Two stills',
    cooked: '<p>Two stills from the ballet:</p><p><img src="/uploads/default/original/1X/0000000000000000000000000000000000000000.png" alt="A still that was deleted" width="320" height="180"></p><p><img src="/uploads/default/original/1X/drawing.svg" alt="A drawing of the shoes" width="320" height="180"></p>',
  });
  const { leaving, view } = await openSyncedSampleThread(reader);
  const last = postNumbered(view, topic.highestPostNumber);
  await view.goToPost(topic.highestPostNumber);
  await expect(last.getByText(/^Image: A still that was deleted — not kept: the forum answered 404 \(not found/)).toBeVisible();
  await expect(last.getByText(/^Image: A drawing of the shoes — not kept: /)).toBeVisible();
  await expect(last.getByRole('img')).toHaveCount(0);
  await last.screenshot({ path: test.info().outputPath('refused-pictures.png') });
  expect(leaving).toEqual([]);
  // The Sync log counts them with the run.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Sync log' }).click();
  const run = page.getByRole('list', { name: 'Recent runs' }).getByRole('listitem').first();
  await expect(run).toContainText('Pictures: 6 kept, 2 not kept (8 requests); each post says why a picture of it was not kept.');
  await run.screenshot({ path: test.info().outputPath('sync-log-pictures.png') });
});

test('Keep images offline is each forum’s choice, in Add forum and in Settings; turned off, the pictures are not shown', async ({ reader, backend, page }) => {
  const sync = new SyncPage(page);
  await reader.open();
  await expect(sync.status).toHaveText(/Synced at/);

  await sync.checkAddress(backend.forum.url);
  const inDialog = sync.dialog.getByRole('checkbox', { name: 'Keep images offline', exact: true });
  await expect(inDialog).toBeChecked();
  await sync.dialog.screenshot({ path: test.info().outputPath('add-forum-keep-images.png') });
  await sync.dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  const inSettings = page.getByRole('checkbox', { name: 'Keep images offline from MovieChat Forums' });
  await expect(inSettings).toBeChecked();
  await inSettings.uncheck();
  await page.reload();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  await expect(inSettings).not.toBeChecked();
  await page.getByRole('group', { name: 'Privacy' }).screenshot({ path: test.info().outputPath('settings-keep-images.png') });

  // Not kept, and "Load remote images" off: the post shows the picture's alt text, loads nothing.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Reader' }).click();
  const view = new ThreadView(reader);
  await reader.openThread(SAMPLE_BOARD, SAMPLE_THREAD);
  const first = postNumbered(view, 1);
  await expect(first.getByText('Image: The ballet of the Red Shoes: a dancer alone in the spotlight')).toBeVisible();
  await expect(first.getByRole('img')).toHaveCount(0);
});
