// The window comes back where it was: size and position are kept in userData/window-state.json
// and restored on the next launch. Skipped where no Electron binary could be downloaded.
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appFolder, electronBinary, projectRoot, SKIP_LINE } from './electron-env';

test.skip(!electronBinary, SKIP_LINE);

let profile: string;
test.beforeEach(() => {
  profile = mkdtempSync(path.join(tmpdir(), 'forum-reader-electron-'));
});
test.afterEach(() => rmSync(profile, { recursive: true, force: true }));

const launch = () =>
  electron.launch({
    executablePath: electronBinary!,
    args: [appFolder],
    cwd: projectRoot,
    env: { ...process.env, FORUM_READER_USER_DATA: profile } as Record<string, string>,
  });

test('size and position are restored on the next launch', async () => {
  const first = await launch();
  const window = await first.browserWindow(await first.firstWindow());
  await window.evaluate((win) => win.setBounds({ x: 140, y: 100, width: 1000, height: 700 }));
  const set = await window.evaluate((win) => win.getNormalBounds());
  await first.close();

  const file = path.join(profile, 'window-state.json');
  expect(existsSync(file)).toBe(true);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ width: set.width, height: set.height, maximized: false });

  const second = await launch();
  const restored = await (await second.browserWindow(await second.firstWindow())).evaluate((win) => win.getNormalBounds());
  await second.close();
  expect({ width: restored.width, height: restored.height }).toEqual({ width: set.width, height: set.height });
  // Window managers may nudge a window (title bars, panels): the position comes back close to where it was.
  expect(Math.abs(restored.x - set.x)).toBeLessThanOrEqual(40);
  expect(Math.abs(restored.y - set.y)).toBeLessThanOrEqual(40);
});

test('a maximised window opens maximised', async () => {
  const first = await launch();
  const window = await first.browserWindow(await first.firstWindow());
  await window.evaluate((win) => win.maximize());
  await expect.poll(() => window.evaluate((win) => win.isMaximized())).toBe(true);
  await first.close();

  const second = await launch();
  const maximized = await (await second.browserWindow(await second.firstWindow())).evaluate((win) => win.isMaximized());
  await second.close();
  expect(maximized).toBe(true);
});
