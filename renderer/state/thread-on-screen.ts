// Which thread the reading pane shows and how many of its posts are on screen. A sync that has
// just committed the first posts of a thread a person opened lets them show before its next
// write (features/sync/sync-forum.ts): IndexedDB runs a read behind every write transaction
// begun before it, and the pane reads a thread in steps (its row, its post ids, a page of
// posts), each of which a thousand-post write begun in between would hold up by its length.
import { create } from 'zustand';
import { useReader } from './reader-store';

interface ThreadOnScreen {
  threadId: string | null;
  postsShown: number;
  showing(threadId: string | null, postsShown: number): void;
}

export const useThreadOnScreen = create<ThreadOnScreen>()((set) => ({
  threadId: null,
  postsShown: 0,
  showing: (threadId, postsShown) => set({ threadId, postsShown }),
}));

/**
 * Resolves once a post of `threadId` is on screen or that thread is no longer the open one,
 * and after `maxMs` at the latest: the pane may be slow, the sync does not wait on it for long.
 */
export function postsOnScreen(threadId: string, maxMs: number): Promise<void> {
  const settled = () => {
    const screen = useThreadOnScreen.getState();
    return useReader.getState().selectedThreadId !== threadId || (screen.threadId === threadId && screen.postsShown > 0);
  };
  if (settled()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      offScreen();
      offReader();
      resolve();
    };
    const check = () => settled() && done();
    const timer = setTimeout(done, maxMs);
    const offScreen = useThreadOnScreen.subscribe(check);
    const offReader = useReader.subscribe(check);
  });
}
