// The reader opens where the person left it: the board and thread shown last are kept in the
// settings table and chosen again at start (the pane widths are a setting too).
import { isThreadInBoard } from '../../../shared/model';
import type { ReaderDb } from '../../db/reader-db';
import { getSetting, lastPlaceSetting, setSetting } from '../../db/settings';
import { useReader } from '../../state/reader-store';

/** Selects the thread shown last, if it is still stored. Returns whether it did. */
export async function restorePlace(db: ReaderDb): Promise<boolean> {
  const place = await getSetting(db, lastPlaceSetting);
  if (!place?.threadId) return false;
  const thread = await db.threads.get(place.threadId);
  if (!thread) return false;
  const reader = useReader.getState();
  // A crossposted thread stays in the board shown when that board lists it too.
  if (reader.selectedBoardId === null || !isThreadInBoard(thread, reader.selectedBoardId)) reader.selectBoard(thread.boardId);
  useReader.getState().selectThread(thread.id);
  return true;
}

/** Keeps the place up to date as the person moves; returns what stops it. */
export function rememberPlace(db: ReaderDb): () => void {
  return useReader.subscribe((state, previous) => {
    if (state.selectedBoardId === previous.selectedBoardId && state.selectedThreadId === previous.selectedThreadId) return;
    void setSetting(db, lastPlaceSetting, { boardId: state.selectedBoardId, threadId: state.selectedThreadId }).catch(() => {
      // Not worth a message: at worst the next start opens somewhere else.
    });
  });
}
