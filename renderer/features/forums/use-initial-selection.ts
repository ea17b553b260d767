import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { useBackends } from '../../db/db-context';
import { boardsOfForum, forumsInOrder, threadsOfBoard } from '../../db/queries';
import { useReader } from '../../state/reader-store';

/** With nothing chosen yet, open the newest thread of the first followed board. */
export function useInitialSelection(): void {
  const { db } = useBackends();
  const chosen = useReader((s) => s.selectedBoardId !== null);
  const first = useLiveQuery(async () => {
    if (chosen) return null;
    for (const forum of await forumsInOrder(db)) {
      const board = (await boardsOfForum(db, forum.id)).find((b) => b.followed);
      const [thread] = board ? await threadsOfBoard(db, board.id) : [];
      if (board && thread) return { boardId: board.id, threadId: thread.id };
    }
    return null;
  }, [db, chosen]);
  useEffect(() => {
    if (!first || useReader.getState().selectedBoardId !== null) return;
    useReader.getState().selectBoard(first.boardId);
    useReader.getState().selectThread(first.threadId);
  }, [first]);
}
