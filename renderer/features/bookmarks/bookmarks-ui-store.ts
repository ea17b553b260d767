// What the bookmarks feature is doing on screen: the note editor that is open, the passage a jump
// from the Bookmarks view should bring into view, and the last notice (a removal to undo, a failure).
import { create } from 'zustand';

export type EditorTarget = { kind: 'bookmark'; id: string; postId: string } | { kind: 'highlight'; id: string; postId: string };

export interface RevealTarget {
  postId: string;
  /** The passage to show; null for a whole-post bookmark. */
  highlightId: string | null;
  seq: number;
}

export interface Notice {
  message: string;
  /** Present when what the notice reports can be undone. */
  undo: (() => Promise<void>) | null;
  seq: number;
}

interface BookmarksUi {
  editor: EditorTarget | null;
  reveal: RevealTarget | null;
  notice: Notice | null;
  openEditor(target: EditorTarget): void;
  closeEditor(): void;
  revealPassage(postId: string, highlightId: string | null): void;
  revealed(seq: number): void;
  notify(message: string, undo?: () => Promise<void>): void;
  dismissNotice(seq: number): void;
}

let seq = 0;

export const useBookmarksUi = create<BookmarksUi>()((set) => ({
  editor: null,
  reveal: null,
  notice: null,
  openEditor: (target) => set({ editor: target }),
  closeEditor: () => set({ editor: null }),
  revealPassage: (postId, highlightId) => set({ reveal: { postId, highlightId, seq: ++seq } }),
  revealed: (done) => set((state) => (state.reveal?.seq === done ? { reveal: null } : state)),
  notify: (message, undo) => set({ notice: { message, undo: undo ?? null, seq: ++seq } }),
  dismissNotice: (done) => set((state) => (state.notice?.seq === done ? { notice: null } : state)),
}));
