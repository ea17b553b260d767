// The desktop citizen in the real Electron binary: the application menu, one instance, and
// forum-reader:// links. Skipped where no binary could be downloaded (global-setup.ts prints the
// one line saying so).
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appFolder, electronBinary, projectRoot, SKIP_LINE } from './electron-env';

test.skip(!electronBinary, SKIP_LINE);

const SAMPLE_THREAD_LINK = 'forum-reader://sample/t/1377';
const THREAD = 'What are your favourite scenes?';

let app: ElectronApplication;
let page: Page;
let profile: string;
const env = () => ({ ...process.env, FORUM_READER_USER_DATA: profile, ELECTRON_ENABLE_LOGGING: '1' }) as Record<string, string>;

test.beforeAll(async () => {
  profile = mkdtempSync(path.join(tmpdir(), 'forum-reader-electron-'));
  app = await electron.launch({ executablePath: electronBinary!, args: [appFolder], cwd: projectRoot, env: env() });
  page = await app.firstWindow();
  await expect(page.getByRole('status')).toHaveText(/Synced at/, { timeout: 30_000 });
});

test.afterAll(async () => {
  await app?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

interface MenuShape {
  label: string;
  role: string | null;
  items: { id: string; label: string; accelerator: string | null }[];
}

const applicationMenu = () =>
  app.evaluate(({ Menu }) =>
    (Menu.getApplicationMenu()?.items ?? []).map((item) => ({
      label: item.label.replace('&', ''),
      role: item.role ?? null,
      items: (item.submenu?.items ?? []).map((inner) => ({ id: inner.id, label: inner.label, accelerator: inner.accelerator ?? null })),
    })),
  ) as Promise<MenuShape[]>;

const clickMenuItem = (id: string) =>
  app.evaluate(({ Menu }, id) => {
    const item = Menu.getApplicationMenu()?.getMenuItemById(id);
    if (!item) throw new Error(`no menu item ${id}`);
    item.click();
  }, id);

test('the application menu has File, Edit, View, Go and Help, showing the reader keys', async () => {
  const menu = await applicationMenu();
  const labels = menu.map((item) => item.label);
  if (process.platform === 'darwin') expect(labels).toEqual(['Forum Reader', 'File', 'Edit', 'View', 'Go', 'Window', 'Help']);
  else expect(labels).toEqual(['File', 'Edit', 'View', 'Go', 'Help']);
  const go = menu.find((item) => item.label === 'Go')!;
  const nextPost = go.items.find((item) => item.id === 'menu-next-post');
  expect(nextPost?.label).toBe('Next Post');
  // macOS shows no unmodified keys in menus (the menu would take them from a reply being typed).
  expect(nextPost?.accelerator).toBe(process.platform === 'darwin' ? null : 'J');
  const version = await app.evaluate(({ app }) => app.getVersion());
  expect(version).toBe((JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version);
});

test('a menu item does what its key does: Help > Keyboard Shortcuts, View > Storage', async () => {
  await clickMenuItem('menu-help');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await clickMenuItem('menu-show-storage');
  await expect(page.getByRole('heading', { level: 1, name: 'Storage' })).toBeVisible();
  await clickMenuItem('menu-show-reader');
  await expect(page.getByRole('navigation', { name: 'Forums' })).toBeVisible();
});

test('a second launch with a forum-reader:// link quits and the first window opens the thread', async () => {
  const second = spawn(electronBinary!, [appFolder, SAMPLE_THREAD_LINK], { cwd: projectRoot, env: env(), stdio: 'ignore' });
  const exitCode = await new Promise<number | null>((resolve) => second.once('exit', resolve));
  expect(exitCode).toBe(0);
  expect(app.windows()).toHaveLength(1);
  await expect(page.getByRole('region', { name: 'Thread' }).getByRole('heading', { level: 1, name: THREAD })).toBeVisible();
});
