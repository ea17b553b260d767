// The words a search matched in the post it opened, so the reader shows them marked there too.
import { create } from 'zustand';

export interface SearchMarkTarget {
  threadId: string;
  postNumber: number;
  /** Folded words marked where a written word folds to one of them. */
  words: string[];
  /** Folded prefixes (the word being typed) marked where a written word starts with one. */
  prefixes: string[];
}

interface SearchMarksStore {
  target: SearchMarkTarget | null;
  mark(target: SearchMarkTarget): void;
  clear(): void;
}

export const useSearchMarks = create<SearchMarksStore>()((set) => ({
  target: null,
  mark: (target) => set({ target }),
  clear: () => set({ target: null }),
}));
