import { isThreadInBoard } from '../../../shared/model';
import type { ReaderDb } from '../../db/reader-db';
import { useReader } from '../../state/reader-store';
import { useReading, type PostPlace } from './reading-store';

/**
 * Shows a post, in this thread or another stored one; `from` is where "Back" returns to.
 * Returns false when the thread is not stored.
 */
export async function goToPost(db: ReaderDb, place: PostPlace, from?: PostPlace): Promise<boolean> {
  const reader = useReader.getState();
  if (place.threadId === reader.selectedThreadId) {
    useReading.getState().jumpTo(place, from);
    return true;
  }
  const thread = await db.threads.get(place.threadId);
  if (!thread) return false;
  // The target is set first, so the thread opens at it rather than at its first unread post.
  useReading.getState().jumpTo(place, from);
  // A crossposted thread stays in the board shown when that board lists it too.
  if (reader.selectedBoardId === null || !isThreadInBoard(thread, reader.selectedBoardId)) reader.selectBoard(thread.boardId);
  useReader.getState().selectThread(thread.id);
  return true;
}
