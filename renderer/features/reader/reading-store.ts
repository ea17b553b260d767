// What the reading pane is doing: which post is current (j/k move it, b/r act on it), jumps
// requested by links ("in reply to #N", quotes), and where "Back" returns to.
import { create } from 'zustand';

export interface PostPlace {
  threadId: string;
  postNumber: number;
}

export interface JumpTarget extends PostPlace {
  /** Tells two jumps to the same post apart, so the second one scrolls too. */
  seq: number;
}

interface ReadingStore {
  current: PostPlace | null;
  target: JumpTarget | null;
  /** Places left by following a link, most recent last. */
  backStack: PostPlace[];
  helpOpen: boolean;
  setCurrent(place: PostPlace | null): void;
  /** Goes to a post; `from` is remembered for "Back" when given. */
  jumpTo(place: PostPlace, from?: PostPlace): void;
  /** Takes the most recent place off the Back stack (the caller goes there). */
  popBack(): PostPlace | null;
  /** The open thread took the target: it is not to be taken again. */
  clearTarget(): void;
  setHelpOpen(open: boolean): void;
}

let seq = 0;

export const useReading = create<ReadingStore>()((set, get) => ({
  current: null,
  target: null,
  backStack: [],
  helpOpen: false,
  setCurrent: (place) => set({ current: place }),
  jumpTo: (place, from) =>
    set((state) => ({ target: { ...place, seq: ++seq }, backStack: from ? [...state.backStack, from].slice(-50) : state.backStack })),
  popBack: () => {
    const place = get().backStack.at(-1) ?? null;
    if (place) set((state) => ({ backStack: state.backStack.slice(0, -1) }));
    return place;
  },
  clearTarget: () => set({ target: null }),
  setHelpOpen: (open) => set({ helpOpen: open }),
}));
