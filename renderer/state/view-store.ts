// Which view fills the main area: the three reading panes, or one of the tool views.
import { create } from 'zustand';

export const VIEWS = ['reader', 'bookmarks', 'drafts', 'outbox', 'search', 'storage', 'settings', 'sync-log'] as const;
export type View = (typeof VIEWS)[number];

interface ViewStore {
  view: View;
  show(view: View): void;
}

export const useView = create<ViewStore>()((set) => ({
  view: 'reader',
  show: (view) => set({ view }),
}));
