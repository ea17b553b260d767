// How the person wants to read: theme, text size, signatures, remote images. Kept in the settings
// table like every other piece of user data; read back through a schema, because a row written by
// an older version (or edited by hand) must fall back to the default, not break the reader.
import { useLiveQuery } from 'dexie-react-hooks';
import * as v from 'valibot';
import { useBackends } from '../db/db-context';
import type { ReaderDb } from '../db/reader-db';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Text sizes offered, in CSS pixels, with the words the settings view shows for them. */
export const TEXT_SIZES = [
  { px: 14, label: 'Small' },
  { px: 16, label: 'Medium' },
  { px: 18, label: 'Large' },
  { px: 20, label: 'Extra large' },
] as const;
export type TextSize = (typeof TEXT_SIZES)[number]['px'];

const SettingsSchemas = {
  theme: v.picklist(THEMES),
  textSize: v.picklist(TEXT_SIZES.map((size) => size.px) as TextSize[]),
  showSignatures: v.boolean(),
  /** Off by default: a remote image tells its host who is reading, and when. */
  loadRemoteImages: v.boolean(),
} as const;

export type ReaderSettings = { [K in keyof typeof SettingsSchemas]: v.InferOutput<(typeof SettingsSchemas)[K]> };
export type ReaderSettingKey = keyof ReaderSettings;

export const DEFAULT_READER_SETTINGS: ReaderSettings = {
  theme: 'system',
  textSize: 16,
  showSignatures: false,
  loadRemoteImages: false,
};

const KEYS = Object.keys(SettingsSchemas) as ReaderSettingKey[];

export async function readReaderSettings(db: ReaderDb): Promise<ReaderSettings> {
  const rows = await db.settings.bulkGet(KEYS);
  const settings: Record<string, unknown> = { ...DEFAULT_READER_SETTINGS };
  rows.forEach((row, i) => {
    const key = KEYS[i] as ReaderSettingKey;
    const parsed = row ? v.safeParse(SettingsSchemas[key], row.value) : null;
    if (parsed?.success) settings[key] = parsed.output;
  });
  return settings as ReaderSettings;
}

export async function saveReaderSetting<K extends ReaderSettingKey>(db: ReaderDb, key: K, value: ReaderSettings[K]): Promise<void> {
  await db.settings.put({ key, value });
}

/** The settings, live; the defaults until the first read returns. */
export function useReaderSettings(): ReaderSettings {
  const { db } = useBackends();
  return useLiveQuery(() => readReaderSettings(db), [db]) ?? DEFAULT_READER_SETTINGS;
}
