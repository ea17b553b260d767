// Notifications of new replies in followed threads, through the web host (which has no system
// notifications, so the page shows browser ones). The browser's Notification is replaced by a
// recorder in the test page; the app has no switch for it.
import { countRows, dumpTables } from './pages/library-db';
import { expect, test } from './reader-test';

const BOARD = 'The Red Shoes (1948)';
const THREAD = 'What are your favourite scenes?';

interface Recorded {
  title: string;
  body: string;
}

test('new replies in a followed thread are announced after a sync, except while reading that thread; a click opens it', async ({ reader, backend }) => {
  await reader.page.addInitScript(() => {
    const shown: { title: string; body: string; onclick: (() => void) | null }[] = [];
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick: (() => void) | null = null;
      constructor(
        readonly title: string,
        options: { body?: string } = {},
      ) {
        shown.push(Object.assign(this, { body: options.body ?? '' }));
      }
      close() {}
    }
    Object.defineProperty(window, 'Notification', { value: RecordingNotification });
    Object.defineProperty(window, '__notifications', { value: shown });
  });
  const notifications = () =>
    reader.page.evaluate(() => (window as unknown as { __notifications: Recorded[] }).__notifications.map(({ title, body }) => ({ title, body })));
  const addReplies = (count: number) => {
    const topic = [...backend.forum.store.topics.values()][0]!;
    const author = [...backend.forum.store.users.values()][0]!.username;
    for (let i = 0; i < count; i += 1) backend.forum.store.addPost({ topicId: topic.id, username: author, raw: `Another favourite scene, reply ${Math.random()}.` });
  };

  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  await reader.openThread(BOARD, THREAD);
  const notify = reader.thread.getByRole('button', { name: 'Notify of new replies' });
  await expect(notify).toHaveAttribute('aria-pressed', 'false');
  await notify.click();
  await expect(notify).toHaveAttribute('aria-pressed', 'true');

  // Reading the thread, window focused: its new replies arrive without a notification.
  expect(await reader.page.evaluate(() => document.hasFocus())).toBe(true);
  addReplies(2);
  await reader.page.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(() => countRows(reader.page, 'posts')).toBe(20);
  // The sync's end decides about its replies (and moves the thread's mark past them) after the
  // posts are stored; leaving the thread before that decision would have them announced.
  const announcedUpTo = async () => {
    const { settings } = await dumpTables(reader.page, ['settings']);
    const notify = settings?.find((row) => (row as { key: string }).key === 'notifyThreads') as { value: Record<string, { announcedPostNumber: number }> } | undefined;
    return Object.values(notify?.value ?? {}).map((mark) => mark.announcedPostNumber);
  };
  await expect.poll(announcedUpTo).toEqual([20]);

  // Looking at another view: the next reply is announced.
  await reader.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Bookmarks' }).click();
  addReplies(1);
  await reader.page.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(notifications).toEqual([{ title: `1 new reply in ${THREAD}`, body: 'MovieChat Forums' }]);

  // The click opens the thread.
  await reader.page.evaluate(() => (window as unknown as { __notifications: { onclick(): void }[] }).__notifications[0]!.onclick());
  await expect(reader.thread.getByRole('heading', { level: 1, name: THREAD })).toBeVisible();
  await expect(reader.posts()).toHaveCount(21);
});

test('where no notification can be shown (system failed, browser not allowed) the page shows its own notice, whose Open opens the thread', async ({ reader, backend }) => {
  await reader.page.addInitScript(() => {
    class RefusedNotification {
      static permission = 'denied';
      static requestPermission = async () => 'denied';
    }
    Object.defineProperty(window, 'Notification', { value: RefusedNotification });
  });
  await reader.open();
  await expect(reader.status).toHaveText(/Synced at/);
  await reader.openThread(BOARD, THREAD);
  await reader.thread.getByRole('button', { name: 'Notify of new replies' }).click();
  await reader.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Bookmarks' }).click();
  const topic = [...backend.forum.store.topics.values()][0]!;
  backend.forum.store.addPost({ topicId: topic.id, username: [...backend.forum.store.users.values()][0]!.username, raw: 'One more favourite scene.' });
  await reader.page.getByRole('button', { name: 'Sync now' }).click();

  const notice = reader.page.getByText(`1 new reply in ${THREAD}`);
  await expect(notice).toBeVisible();
  await reader.page.getByRole('button', { name: 'Open' }).click();
  await expect(reader.thread.getByRole('heading', { level: 1, name: THREAD })).toBeVisible();
  await expect(reader.posts()).toHaveCount(19);
});
