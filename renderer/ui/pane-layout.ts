// The widths the person gave the forums and threads panes; the thread pane takes the rest. Kept
// in the settings table so the layout survives a restart.
import { useLiveQuery } from 'dexie-react-hooks';
import * as v from 'valibot';
import { useBackends } from '../db/db-context';
import type { ReaderDb } from '../db/reader-db';

export const PANE_BOUNDS = {
  forumsWidth: { min: 160, max: 480, initial: 256 },
  threadsWidth: { min: 220, max: 640, initial: 352 },
} as const;
export type PaneName = keyof typeof PANE_BOUNDS;
export type PaneLayout = Record<PaneName, number>;

const KEY = 'paneLayout';
const LayoutSchema = v.object({ forumsWidth: v.number(), threadsWidth: v.number() });

export const DEFAULT_PANE_LAYOUT: PaneLayout = { forumsWidth: PANE_BOUNDS.forumsWidth.initial, threadsWidth: PANE_BOUNDS.threadsWidth.initial };

export const clampPaneWidth = (pane: PaneName, width: number): number =>
  Math.round(Math.min(PANE_BOUNDS[pane].max, Math.max(PANE_BOUNDS[pane].min, width)));

export async function readPaneLayout(db: ReaderDb): Promise<PaneLayout> {
  const parsed = v.safeParse(LayoutSchema, (await db.settings.get(KEY))?.value);
  if (!parsed.success) return DEFAULT_PANE_LAYOUT;
  return { forumsWidth: clampPaneWidth('forumsWidth', parsed.output.forumsWidth), threadsWidth: clampPaneWidth('threadsWidth', parsed.output.threadsWidth) };
}

export async function savePaneLayout(db: ReaderDb, layout: PaneLayout): Promise<void> {
  await db.settings.put({ key: KEY, value: layout });
}

/** The stored layout, live; undefined until read, so the panes do not jump from the default. */
export function usePaneLayout(): PaneLayout | undefined {
  const { db } = useBackends();
  return useLiveQuery(() => readPaneLayout(db), [db]);
}
