import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronLaunchArgs } from '../../main/electron-binary';
import { desktopDataDir, parseLaunchOptions } from '../../main/launch-options';

const root = path.resolve(__dirname, '../..');

describe('the development launch', () => {
  it('gives Electron the project folder, whose package.json names the app and points at the bundle', () => {
    const args = electronLaunchArgs(root, ['--data-dir', '/tmp/profile']);
    expect(args).toEqual([root, '--data-dir', '/tmp/profile']);
    const pkg = JSON.parse(readFileSync(path.join(args[0]!, 'package.json'), 'utf8')) as Record<string, unknown>;
    // What Electron's default app reads from a folder (default_app/main.ts, loadApplicationPackage).
    expect(pkg).toMatchObject({ productName: 'Forum Reader', main: 'out/main/electron-main.js', desktopName: 'forum-reader.desktop' });
  });
});

describe('desktopDataDir', () => {
  it('reads --data-dir among Chromium switches and a link, and nothing else', () => {
    expect(desktopDataDir(['/opt/electron', root, '--inspect=0', '--data-dir', 'profile', 'forum-reader://sample/t/1'])).toBe(path.resolve('profile'));
    expect(desktopDataDir(['/opt/electron', root, '--remote-debugging-port=0'])).toBeNull();
    expect(desktopDataDir(['/opt/electron', '--data-dir'])).toBeNull();
  });
});

describe('parseLaunchOptions', () => {
  it('remembers whether --port was given, so the desktop launch can say it ignores it', () => {
    expect(parseLaunchOptions([]).portGiven).toBe(false);
    expect(parseLaunchOptions(['--port', '5000'])).toMatchObject({ port: 5000, portGiven: true });
  });
});
