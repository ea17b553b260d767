// Launches the built app (out/main/electron-main.js) in the real Electron binary. Skipped where
// no binary could be downloaded; global-setup.ts prints the one line saying so.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { callNames } from '../../shared/api';
import { appFolder, electronBinary, projectRoot, SKIP_LINE } from './electron-env';

test.skip(!electronBinary, SKIP_LINE);

let app: ElectronApplication;
let page: Page;
let profile: string;

test.beforeAll(async () => {
  profile = mkdtempSync(path.join(tmpdir(), 'forum-reader-electron-'));
  app = await electron.launch({
    executablePath: electronBinary!,
    args: [appFolder],
    cwd: projectRoot,
    env: { ...process.env, FORUM_READER_USER_DATA: profile, ELECTRON_ENABLE_LOGGING: '1' } as Record<string, string>,
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('opens one window on the app origin showing the Forums navigation', async () => {
  expect(page.url()).toMatch(/^app:\/\/reader\//);
  const forumsNav = page
    .getByRole('navigation', { name: /forums/i })
    .or(page.getByRole('navigation').filter({ hasText: 'Forums' }));
  await expect(forumsNav.first()).toBeVisible();
  expect(app.windows()).toHaveLength(1);
});

test('exposes exactly the contract on window.forumApi and no Node to the page', async () => {
  const shape = await page.evaluate(() => {
    const api = (window as unknown as { forumApi?: Record<string, unknown> }).forumApi ?? {};
    return {
      keys: Object.keys(api).sort(),
      functions: Object.values(api).every((value) => typeof value === 'function'),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    };
  });
  expect(shape.keys).toEqual([...callNames, 'on'].sort());
  expect(shape.functions).toBe(true);
  expect(shape.require).toBe('undefined');
  expect(shape.process).toBe('undefined');
});

test('answers calls over IPC as the Electron host', async () => {
  const info = await page.evaluate(() =>
    (window as unknown as { forumApi: { getAppInfo(input: object): Promise<unknown> } }).forumApi.getAppInfo({}),
  );
  expect(info).toMatchObject({ ok: true, value: { host: 'electron' } });
});

test('serves its pages with the strict CSP and keeps the page on the app origin', async () => {
  const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("object-src 'none'");
  const opened = await page.evaluate(() => window.open('https://example.com/') === null);
  expect(opened).toBe(true);
  await page.evaluate(() => {
    location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toMatch(/^app:\/\/reader\//);
  expect(app.windows()).toHaveLength(1);
});
