// Which draft the composer shows, and what the reply feature has to say (with an undo). The
// open draft's id is kept for the tab's life in sessionStorage, so a reload mid-sentence comes
// back to the same composer; the text itself is in the database.
import { create } from 'zustand';

const OPEN_KEY = 'forum-reader.openDraftId';

export interface ReplyNotice {
  seq: number;
  message: string;
  undo?: () => Promise<void> | void;
}

interface ComposerStore {
  openDraftId: string | null;
  /** A quote the "Quote" button wants added at the cursor of the open composer. */
  pendingInsert: { draftId: string; text: string; seq: number } | null;
  notice: ReplyNotice | null;
  /** The outbox item just sent from the composer, whose outcome is announced when it comes. */
  watchedItemId: string | null;
  open(draftId: string): void;
  close(): void;
  insert(draftId: string, text: string): void;
  takeInsert(seq: number): void;
  notify(message: string, undo?: ReplyNotice['undo']): void;
  dismiss(seq: number): void;
  watch(itemId: string | null): void;
}

const remembered = (): string | null => {
  try {
    return sessionStorage.getItem(OPEN_KEY);
  } catch {
    return null;
  }
};
const remember = (draftId: string | null) => {
  try {
    if (draftId) sessionStorage.setItem(OPEN_KEY, draftId);
    else sessionStorage.removeItem(OPEN_KEY);
  } catch {
    // No sessionStorage (tests, locked-down profile): a reload closes the composer, the draft stays.
  }
};

let seq = 0;

export const useComposer = create<ComposerStore>()((set) => ({
  openDraftId: typeof sessionStorage === 'undefined' ? null : remembered(),
  pendingInsert: null,
  notice: null,
  watchedItemId: null,
  open: (draftId) => {
    remember(draftId);
    set({ openDraftId: draftId });
  },
  close: () => {
    remember(null);
    set({ openDraftId: null, pendingInsert: null });
  },
  insert: (draftId, text) => set({ pendingInsert: { draftId, text, seq: ++seq } }),
  takeInsert: (taken) => set((state) => (state.pendingInsert?.seq === taken ? { pendingInsert: null } : state)),
  notify: (message, undo) => set({ notice: { seq: ++seq, message, ...(undo && { undo }) } }),
  dismiss: (shown) => set((state) => (state.notice?.seq === shown ? { notice: null } : state)),
  watch: (itemId) => set({ watchedItemId: itemId }),
}));
