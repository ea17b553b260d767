// `npm run smoke:electron`: what only a real Electron can show, one launch per check (README,
// "Smoke test in a real Electron"). Skipped where no binary could be downloaded; run-smoke.ts then
// prints one line instead.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appFolder, electronBinary, projectRoot, SKIP_LINE } from './electron-env';

test.skip(!electronBinary, SKIP_LINE);

const THREAD = 'What are your favourite scenes?';
const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string; productName: string };

let profile: string;
test.beforeEach(() => {
  profile = mkdtempSync(path.join(tmpdir(), 'forum-reader-smoke-'));
});
test.afterEach(() => rmSync(profile, { recursive: true, force: true }));

/** Starts the reader as `npm start` does (the project folder) with `--data-dir <profile>`. */
async function launch(...extra: string[]): Promise<{ app: ElectronApplication; page: Page }> {
  const app = await electron.launch({
    executablePath: electronBinary!,
    args: [appFolder, '--data-dir', profile, ...extra],
    cwd: projectRoot,
    env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } as Record<string, string>,
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return { app, page };
}

type ForumApiPage = { forumApi: Record<string, (input: object) => Promise<{ ok: boolean; value?: unknown }>> };
const call = (page: Page, name: string, input: object = {}) =>
  page.evaluate(([name, input]) => (window as unknown as ForumApiPage).forumApi[name]!(input), [name, input] as const);

test('is named Forum Reader, reports the package version and keeps its data in --data-dir', async () => {
  const { app } = await launch();
  const facts = await app.evaluate(({ app }) => ({ name: app.getName(), version: app.getVersion(), userData: app.getPath('userData') }));
  await app.close();
  expect(facts).toEqual({ name: pkg.productName, version: pkg.version, userData: profile });
});

test('opens one window on the app’s own origin', async () => {
  const { app, page } = await launch();
  expect(page.url()).toMatch(/^app:\/\/reader\//);
  await expect(page.getByRole('navigation', { name: 'Forums' })).toBeVisible();
  expect(app.windows()).toHaveLength(1);
  await app.close();
});

test('the search worker starts and answers', async () => {
  const { app, page } = await launch();
  await expect(page.getByRole('status')).toHaveText(/Synced at/, { timeout: 30_000 });
  await page.getByRole('searchbox', { name: 'Search posts' }).fill('baton');
  await expect(page.getByRole('region', { name: 'Search results' }).getByRole('button', { name: /baton_follower/ })).toBeVisible();
  await app.close();
});

test('IndexedDB on app://reader survives a restart', async () => {
  const first = await launch();
  await first.page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('smoke-marker', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('marks');
        open.onsuccess = () => {
          const tx = open.result.transaction('marks', 'readwrite');
          tx.objectStore('marks').put('kept', 'restart');
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
  await first.app.close();
  const second = await launch();
  const kept = await second.page.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('smoke-marker', 1);
        open.onsuccess = () => {
          const read = open.result.transaction('marks').objectStore('marks').get('restart');
          read.onsuccess = () => resolve(read.result);
        };
        open.onerror = () => reject(open.error);
      }),
  );
  await second.app.close();
  expect(kept).toBe('kept');
});

test('the page may write the clipboard (Outbox "Copy text")', async () => {
  const { app, page } = await launch();
  await page.bringToFront();
  await page.getByRole('navigation', { name: 'Forums' }).click();
  await page.evaluate(() => navigator.clipboard.writeText('Copied by the smoke test'));
  const text = await app.evaluate(({ clipboard }) => clipboard.readText());
  await app.close();
  expect(text).toBe('Copied by the smoke test');
});

test('a notification is shown, or answered as not shown so the page shows its own', async () => {
  const { app, page } = await launch();
  const answer = await call(page, 'showNotification', { threadId: 'sample/t/1377', title: 'Forum Reader', body: 'Smoke test' });
  await app.close();
  expect(answer).toMatchObject({ ok: true, value: { shown: expect.any(Boolean) } });
});

test('a forum-reader:// link opens the thread in the running instance', async () => {
  const { app, page } = await launch();
  await expect(page.getByRole('status')).toHaveText(/Synced at/, { timeout: 30_000 });
  const second = spawn(electronBinary!, [appFolder, '--data-dir', profile, 'forum-reader://sample/t/1377'], { cwd: projectRoot, stdio: 'ignore' });
  expect(await new Promise<number | null>((resolve) => second.once('exit', resolve))).toBe(0);
  await expect(page.getByRole('region', { name: 'Thread' }).getByRole('heading', { level: 1, name: THREAD })).toBeVisible();
  expect(app.windows()).toHaveLength(1);
  await app.close();
});

test('a maximised window opens maximised', async () => {
  const first = await launch();
  const window = await first.app.browserWindow(first.page);
  await window.evaluate((win) => win.maximize());
  await expect.poll(() => window.evaluate((win) => win.isMaximized())).toBe(true);
  await first.app.close();
  const second = await launch();
  const state = await (await second.app.browserWindow(second.page)).evaluate((win) => ({ maximized: win.isMaximized(), visible: win.isVisible() }));
  await second.app.close();
  expect(state).toEqual({ maximized: true, visible: true });
});

test('an account survives a restart', async () => {
  const first = await launch();
  // 127.0.0.1:9 answers nothing: the key is kept unverified, as when the forum is offline.
  const saved = await call(first.page, 'setForumAccount', { forumId: 'smoke.example', baseUrl: 'http://127.0.0.1:9', kind: 'api-key', username: 'smoke', key: 'smoke-key' });
  expect(saved).toMatchObject({ ok: true });
  await first.app.close();
  const second = await launch();
  const account = await call(second.page, 'getForumAccount', { forumId: 'smoke.example' });
  await second.app.close();
  expect(account).toMatchObject({ ok: true, value: { forumId: 'smoke.example', username: 'smoke' } });
});
