// What the screen shows of sync runs: the run in flight per forum and its progress. The
// outcome that must outlive the page (last synced, last error) is written to the database.
import { create } from 'zustand';
import type { SyncProgress, SyncSummary } from '../../shared/api';

export interface ForumSyncState {
  runId: string | null;
  progress: SyncProgress | null;
  last: SyncSummary | null;
}

interface SyncStore {
  forums: Record<string, ForumSyncState>;
  started(forumId: string, runId: string): void;
  progressed(progress: SyncProgress): void;
  finished(summary: SyncSummary): void;
}

const idle: ForumSyncState = { runId: null, progress: null, last: null };

export const useSyncStore = create<SyncStore>()((set) => ({
  forums: {},
  started: (forumId, runId) =>
    set((state) => ({ forums: { ...state.forums, [forumId]: { ...(state.forums[forumId] ?? idle), runId, progress: null } } })),
  progressed: (progress) =>
    set((state) => {
      const current = state.forums[progress.forumId];
      if (current?.runId !== progress.runId) return state;
      return { forums: { ...state.forums, [progress.forumId]: { ...current, progress } } };
    }),
  finished: (summary) =>
    set((state) => ({ forums: { ...state.forums, [summary.forumId]: { runId: null, progress: null, last: summary } } })),
}));

export const selectAnySyncing = (state: SyncStore) => Object.values(state.forums).some((forum) => forum.runId !== null);
