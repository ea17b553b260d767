import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReaderDb } from '../../../renderer/db/reader-db';
import {
  getSetting,
  getSettings,
  notifyThreadsSetting,
  paneLayoutSetting,
  READER_SETTINGS,
  setSetting,
  syncIntervalSetting,
  workOfflineSetting,
} from '../../../renderer/db/settings';
import { freshDb } from '../../support/fresh-db';

let db: ReaderDb;
afterEach(async () => {
  vi.restoreAllMocks();
  await db?.delete();
});

describe('settings', () => {
  it('reads each setting as its default until it is set, then as set', async () => {
    db = freshDb();
    expect(await getSetting(db, workOfflineSetting)).toBe(false);
    expect(await getSetting(db, syncIntervalSetting)).toBe(30);
    await setSetting(db, workOfflineSetting, true);
    await setSetting(db, syncIntervalSetting, 45);
    expect(await getSetting(db, workOfflineSetting)).toBe(true);
    expect(await getSetting(db, syncIntervalSetting)).toBe(45);
    await setSetting(db, READER_SETTINGS.theme, 'dark');
    expect(await getSettings(db, READER_SETTINGS)).toEqual({ theme: 'dark', textSize: 16, showSignatures: false, loadRemoteImages: false });
  });

  it('a stored value that does not fit its schema falls back to the default and is logged once', async () => {
    db = freshDb();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await db.settings.bulkPut([
      { key: 'workOffline', value: 'yes' },
      { key: 'syncIntervalMinutes', value: 0 },
      { key: 'textSize', value: 15 },
      { key: 'paneLayout', value: { forumsWidth: 'wide' } },
    ]);
    expect(await getSetting(db, workOfflineSetting)).toBe(false);
    expect(await getSetting(db, workOfflineSetting)).toBe(false);
    expect(await getSetting(db, syncIntervalSetting)).toBe(30);
    expect((await getSettings(db, READER_SETTINGS)).textSize).toBe(16);
    expect(await getSetting(db, paneLayoutSetting)).toEqual(paneLayoutSetting.fallback);
    expect(warn.mock.calls.map(([message]) => String(message).match(/"(\w+)"/)?.[1])).toEqual(['workOffline', 'syncIntervalMinutes', 'textSize', 'paneLayout']);
  });

  it('keeps pane widths within their bounds', async () => {
    db = freshDb();
    await setSetting(db, paneLayoutSetting, { forumsWidth: 10, threadsWidth: 5000 });
    expect(await getSetting(db, paneLayoutSetting)).toEqual({ forumsWidth: 160, threadsWidth: 640 });
  });

  it('a default read and changed by a caller stays the default', async () => {
    db = freshDb();
    const threads = await getSetting(db, notifyThreadsSetting);
    threads['forum/t/1'] = { announcedPostNumber: 3 };
    expect(await getSetting(db, notifyThreadsSetting)).toEqual({});
  });
});
