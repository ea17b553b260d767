// What the screen shows of sync runs: the runs in flight and their progress. The outcome that
// must outlive the page (last synced, last error, the sync log) is written to the database.
import { create } from 'zustand';
import type { SyncProgress, SyncSummary } from '../../shared/api';

export interface SyncRunState {
  runId: string;
  forumId: string;
  /** A whole-forum run, or a refresh of named threads. */
  scope: 'forum' | 'threads';
  /** Topic ids a 'threads' run passes, so a thread pane can tell its own refresh. */
  threadIds: string[];
  progress: SyncProgress | null;
}

interface SyncStore {
  runs: Record<string, SyncRunState>;
  /** The last finished run of each forum. */
  last: Record<string, SyncSummary>;
  started(run: Omit<SyncRunState, 'progress'>): void;
  progressed(progress: SyncProgress): void;
  finished(summary: SyncSummary): void;
}

export const useSyncStore = create<SyncStore>()((set) => ({
  runs: {},
  last: {},
  started: (run) => set((state) => ({ runs: { ...state.runs, [run.runId]: { ...run, progress: null } } })),
  progressed: (progress) =>
    set((state) => {
      const current = state.runs[progress.runId];
      if (!current) return state;
      return { runs: { ...state.runs, [progress.runId]: { ...current, progress } } };
    }),
  finished: (summary) =>
    set((state) => {
      const { [summary.runId]: _done, ...runs } = state.runs;
      // A refresh of one thread is not the forum's last sync.
      const wasForum = _done?.scope !== 'threads';
      return { runs, last: wasForum ? { ...state.last, [summary.forumId]: summary } : state.last };
    }),
}));

export const selectAnySyncing = (state: SyncStore): boolean => Object.values(state.runs).some((run) => run.scope === 'forum');

export const selectRefreshing =
  (threadId: string) =>
  (state: SyncStore): boolean =>
    Object.values(state.runs).some((run) => run.threadIds.includes(threadId));
