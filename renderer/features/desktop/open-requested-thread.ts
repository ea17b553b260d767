// Shows a thread asked for from outside the page (a forum-reader:// link, a clicked notification).
// Only threads stored here can be shown: the link names the thread, not where to fetch it.
import { isThreadInBoard } from '../../../shared/model';
import type { OpenThreadRequest } from '../../../shared/desktop';
import type { ReaderDb } from '../../db/reader-db';
import { useReader } from '../../state/reader-store';
import { useView } from '../../state/view-store';

export type GoToPost = (db: ReaderDb, place: { threadId: string; postNumber: number }) => Promise<boolean>;

/** Returns false when the thread is not stored. */
export async function openRequestedThread(db: ReaderDb, request: OpenThreadRequest, goToPost: GoToPost): Promise<boolean> {
  const thread = await db.threads.get(request.threadId);
  if (!thread) return false;
  useView.getState().show('reader');
  if (request.postNumber !== null) return goToPost(db, { threadId: thread.id, postNumber: request.postNumber });
  const reader = useReader.getState();
  // A crossposted thread stays in the board shown when that board lists it too.
  if (reader.selectedBoardId === null || !isThreadInBoard(thread, reader.selectedBoardId)) reader.selectBoard(thread.boardId);
  useReader.getState().selectThread(thread.id);
  return true;
}

export function notStoredMessage(request: OpenThreadRequest): string {
  const forum = request.threadId.replace(/\/t\/\d+$/, '');
  return `The ${request.source === 'link' ? 'link' : 'notification'} asks for a thread that is not stored here (${request.threadId}). Add the forum ${forum} and sync it, then open the link again.`;
}
