// Every setting the reader keeps, each under its key with a schema and a default. The settings
// table is a bag of rows that a library import, an older version or a hand edit may have filled,
// so each value is read back through its schema: one that does not fit falls back to the default
// (and is logged), never breaking the page.
import { useLiveQuery } from 'dexie-react-hooks';
import * as v from 'valibot';
import {
  DEFAULT_FIRST_SYNC_ARTICLES,
  DEFAULT_MAX_POSTS_PER_RUN,
  DEFAULT_MAX_POSTS_PER_THREAD,
  DEFAULT_NEWS_CONNECTIONS,
  MAX_FIRST_SYNC_ARTICLES,
  MAX_NEWS_CONNECTIONS,
} from '../../shared/api';
import { SAMPLE_FORUM_ID } from '../../shared/model';
import { useBackends } from './db-context';
import type { ReaderDb } from './reader-db';

export interface Setting<T> {
  key: string;
  schema: v.GenericSchema<unknown, T>;
  fallback: T;
}

const setting = <T>(key: string, schema: v.GenericSchema<unknown, T>, fallback: T): Setting<T> => ({ key, schema, fallback });

// How the person wants to read.
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

export const READER_SETTINGS = {
  theme: setting<Theme>('theme', v.picklist(THEMES), 'system'),
  textSize: setting<TextSize>('textSize', v.picklist(TEXT_SIZES.map((size) => size.px) as TextSize[]), 16),
  showSignatures: setting('showSignatures', v.boolean(), false),
  /** Off by default: a remote image tells its host who is reading, and when. */
  loadRemoteImages: setting('loadRemoteImages', v.boolean(), false),
};
export type ReaderSettings = { [K in keyof typeof READER_SETTINGS]: (typeof READER_SETTINGS)[K]['fallback'] };
export type ReaderSettingKey = keyof ReaderSettings;

// The widths the person gave the forums and threads panes; the thread pane takes the rest.
export const PANE_BOUNDS = {
  forumsWidth: { min: 160, max: 480, initial: 256 },
  threadsWidth: { min: 220, max: 640, initial: 352 },
} as const;
export type PaneName = keyof typeof PANE_BOUNDS;
export type PaneLayout = Record<PaneName, number>;

export const clampPaneWidth = (pane: PaneName, width: number): number =>
  Math.round(Math.min(PANE_BOUNDS[pane].max, Math.max(PANE_BOUNDS[pane].min, width)));

export const paneLayoutSetting = setting<PaneLayout>(
  'paneLayout',
  v.pipe(
    v.object({ forumsWidth: v.number(), threadsWidth: v.number() }),
    v.transform((layout) => ({ forumsWidth: clampPaneWidth('forumsWidth', layout.forumsWidth), threadsWidth: clampPaneWidth('threadsWidth', layout.threadsWidth) })),
  ),
  { forumsWidth: PANE_BOUNDS.forumsWidth.initial, threadsWidth: PANE_BOUNDS.threadsWidth.initial },
);

/** While it is on, nothing is sent and nothing is synced. */
export const workOfflineSetting = setting('workOffline', v.boolean(), false);

export const MAX_SYNC_INTERVAL_MINUTES = 24 * 60;
export const syncIntervalSetting = setting('syncIntervalMinutes', v.pipe(v.number(), v.finite(), v.minValue(1)), 30);

/** The board and thread shown last, chosen again at start. */
export const lastPlaceSetting = setting<{ boardId: string | null; threadId: string | null } | null>(
  'lastPlace',
  v.nullable(v.object({ boardId: v.nullable(v.string()), threadId: v.nullable(v.string()) })),
  null,
);

/** Set once the bundled sample forum has been added on first launch (removing it later does not bring it back). */
export const sampleForumAddedSetting = setting('sampleForumAdded', v.boolean(), false);

/** Threads the person wants to hear about: thread id -> the highest post number already announced or seen. */
export const notifyThreadsSetting = setting<Record<string, { announcedPostNumber: number }>>(
  'notifyThreads',
  v.record(v.string(), v.object({ announcedPostNumber: v.number() })),
  {},
);

/** A forum's ceilings on posts kept of one thread and fetched in one sync: main's defaults until set. */
export interface PostLimits {
  perThread: number;
  perRun: number;
}
export const MAX_POST_LIMIT = 10_000_000;
const postCeiling = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_POST_LIMIT));
export const postLimitsSetting = (forumId: string) =>
  setting<PostLimits>(`postLimits:${forumId}`, v.object({ perThread: postCeiling, perRun: postCeiling }), {
    perThread: DEFAULT_MAX_POSTS_PER_THREAD,
    perRun: DEFAULT_MAX_POSTS_PER_RUN,
  });

/** A news server's sync: articles a group's first sync takes (newest first), and connections at once. */
export interface NewsSyncSettings {
  firstSyncArticles: number;
  connections: number;
}
export const newsSyncSetting = (forumId: string) =>
  setting<NewsSyncSettings>(
    `newsSync:${forumId}`,
    v.object({
      firstSyncArticles: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_FIRST_SYNC_ARTICLES)),
      connections: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_NEWS_CONNECTIONS)),
    }),
    { firstSyncArticles: DEFAULT_FIRST_SYNC_ARTICLES, connections: DEFAULT_NEWS_CONNECTIONS },
  );

/** The most megabytes of pictures kept of one forum; past it the least recently read threads' go first. */
export const DEFAULT_IMAGE_CAP_MB = 300;
export const MAX_IMAGE_CAP_MB = 1_000_000;
export const imageCapSetting = (forumId: string) =>
  setting(`imageCapMb:${forumId}`, v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_IMAGE_CAP_MB)), DEFAULT_IMAGE_CAP_MB);

/**
 * "Keep images offline": a sync fetches the pictures its posts show and the page shows them from
 * here, never from the forum. On for the bundled sample forum, whose pictures are on this computer;
 * a real forum's cost the disk space and requests the person may not want to give.
 */
export const keepImagesSetting = (forumId: string) => setting(`keepImages:${forumId}`, v.boolean(), forumId === SAMPLE_FORUM_ID);

/**
 * How far a forum's stored posts have been handed to a sync for pictures never tried (posts stored
 * before "Keep images offline" was on): the id of the last post a completed run covered; '' for
 * none. Turning keeping on starts it again (setKeepImages).
 */
export const picturesCaughtUpSetting = (forumId: string) => setting(`picturesCaughtUp:${forumId}`, v.string(), '');

/** A forum's threads whose last pass failed: thread id -> what went wrong, and when. */
export const threadSyncErrorsSetting = (forumId: string) =>
  setting<Record<string, { message: string; at: string }>>(`threadSyncErrors:${forumId}`, v.record(v.string(), v.object({ message: v.string(), at: v.string() })), {});

const reported = new Set<string>();

function valueOf<T>(value: unknown, stored: boolean, { key, schema, fallback }: Setting<T>): T {
  // A copy, so a caller that changes what it read and stores it (notifyThreads) cannot change the default.
  if (!stored) return structuredClone(fallback);
  const parsed = v.safeParse(schema, value);
  if (parsed.success) return parsed.output;
  // Live queries read settings again on every change: say it once per key, not each time.
  if (!reported.has(key)) {
    reported.add(key);
    const issue = parsed.issues[0];
    console.warn(`The stored setting "${key}" is not valid (${v.getDotPath(issue) ?? 'value'}: ${issue.message}); using its default.`);
  }
  return structuredClone(fallback);
}

export async function getSetting<T>(db: ReaderDb, setting: Setting<T>): Promise<T> {
  const row = await db.settings.get(setting.key);
  return valueOf(row?.value, row !== undefined, setting);
}

/** Several settings in one read. */
export async function getSettings<S extends Record<string, Setting<unknown>>>(db: ReaderDb, settings: S): Promise<{ [K in keyof S]: S[K]['fallback'] }> {
  const entries = Object.entries(settings);
  const rows = await db.settings.bulkGet(entries.map(([, s]) => s.key));
  return Object.fromEntries(entries.map(([name, s], i) => [name, valueOf(rows[i]?.value, rows[i] !== undefined, s)])) as { [K in keyof S]: S[K]['fallback'] };
}

export async function setSetting<T>(db: ReaderDb, setting: Setting<T>, value: T): Promise<void> {
  await db.settings.put({ key: setting.key, value });
}

/** "Keep images offline" on or off; turned on, the posts stored while it was off get their pictures from the next syncs. */
export async function setKeepImages(db: ReaderDb, forumId: string, keep: boolean): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    await setSetting(db, keepImagesSetting(forumId), keep);
    if (keep) await setSetting(db, picturesCaughtUpSetting(forumId), '');
  });
}

/** A setting, live: its default until the first read returns, or `untilRead` when given. */
export function useSetting<T>(db: ReaderDb, setting: Setting<T>): T;
export function useSetting<T, U>(db: ReaderDb, setting: Setting<T>, untilRead: U): T | U;
export function useSetting<T, U>(db: ReaderDb, setting: Setting<T>, ...untilRead: [U?]): T | U {
  const before = untilRead.length > 0 ? (untilRead[0] as U) : setting.fallback;
  return useLiveQuery(() => getSetting(db, setting), [db, setting.key], before);
}

/** How the person wants to read, live; the defaults until the first read returns. */
export function useReaderSettings(): ReaderSettings {
  const { db } = useBackends();
  return useLiveQuery(() => getSettings(db, READER_SETTINGS), [db]) ?? DEFAULT_READER_SETTINGS;
}

export const DEFAULT_READER_SETTINGS = Object.fromEntries(Object.entries(READER_SETTINGS).map(([name, s]) => [name, s.fallback])) as ReaderSettings;
