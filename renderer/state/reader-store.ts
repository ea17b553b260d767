// Which forum, board and thread the screen shows.
import { create } from 'zustand';

interface ReaderStore {
  selectedBoardId: string | null;
  selectedThreadId: string | null;
  selectBoard(boardId: string): void;
  selectThread(threadId: string | null): void;
}

export const useReader = create<ReaderStore>()((set) => ({
  selectedBoardId: null,
  selectedThreadId: null,
  selectBoard: (boardId) => set((state) => (state.selectedBoardId === boardId ? state : { selectedBoardId: boardId, selectedThreadId: null })),
  selectThread: (threadId) => set({ selectedThreadId: threadId }),
}));
