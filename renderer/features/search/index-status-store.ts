// How far the search index is behind the stored posts, for the progress the Search view shows.
import { create } from 'zustand';

interface IndexStatusStore {
  /** Posts waiting to be indexed. */
  pending: number;
  /** Posts indexed since this catch-up began. */
  done: number;
  /** Grows whenever what the index holds changes (posts a sync handed over change neither count). */
  version: number;
  /** The stored index has been read into the worker. */
  ready: boolean;
  error: string | null;
  reported(status: { pending: number; done: number; version: number; ready: boolean }): void;
  failed(message: string): void;
}

export const useIndexStatus = create<IndexStatusStore>()((set) => ({
  pending: 0,
  done: 0,
  version: 0,
  ready: false,
  error: null,
  reported: (status) => set({ ...status, error: null }),
  failed: (message) => set({ error: message }),
}));
