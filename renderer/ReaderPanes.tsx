import { useEffect, useState, type CSSProperties } from 'react';
import { useBackends } from './db/db-context';
import { ForumsPane } from './features/forums/ForumsPane';
import { ReaderKeyboard } from './features/reader/ReaderKeyboard';
import { ThreadPane } from './features/reader/ThreadPane';
import { syncForum } from './features/sync/sync-forum';
import { ThreadsPane } from './features/threads/ThreadsPane';
import { PaneSplitter } from './ui/PaneSplitter';
import { clampPaneWidth, PANE_BOUNDS, paneLayoutSetting, setSetting, useSetting, type PaneLayout, type PaneName } from './db/settings';

/** Forums, threads, thread: three panes with splitters between them; the widths are kept. */
export function ReaderPanes() {
  const { db, api } = useBackends();
  // Undefined until read, so the panes do not jump from the default.
  const stored = useSetting(db, paneLayoutSetting, undefined);
  // While a splitter moves, the layout lives here; the database gets it when the move ends.
  const [layout, setLayout] = useState<PaneLayout>(paneLayoutSetting.fallback);
  useEffect(() => {
    if (stored) setLayout(stored);
  }, [stored]);

  const resize = (pane: PaneName, width: number) => setLayout((current) => ({ ...current, [pane]: clampPaneWidth(pane, width) }));
  const commit = (pane: PaneName, width: number) => void setSetting(db, paneLayoutSetting, { ...layout, [pane]: clampPaneWidth(pane, width) });
  const splitter = (pane: PaneName, label: string) => (
    <PaneSplitter
      label={label}
      value={layout[pane]}
      min={PANE_BOUNDS[pane].min}
      max={PANE_BOUNDS[pane].max}
      onChange={(width) => resize(pane, width)}
      onCommit={(width) => commit(pane, width)}
    />
  );

  const style = {
    '--forums-width': `${layout.forumsWidth}px`,
    '--forums-min': `${PANE_BOUNDS.forumsWidth.min}px`,
    '--threads-width': `${layout.threadsWidth}px`,
    '--threads-min': `${PANE_BOUNDS.threadsWidth.min}px`,
  } as CSSProperties;
  return (
    <div className="panes" style={style} data-layout-ready={stored ? 'true' : undefined}>
      <ForumsPane startSync={(forumId) => void syncForum(db, api, forumId)} />
      {splitter('forumsWidth', 'Resize forums pane')}
      <ThreadsPane />
      {splitter('threadsWidth', 'Resize threads pane')}
      <ThreadPane />
      <ReaderKeyboard />
    </div>
  );
}
