// The reader opens where the person left it: the board and thread shown last are kept in the
// settings table and chosen again at start (the pane widths are kept by ui/pane-layout.ts).
import * as v from 'valibot';
import type { ReaderDb } from '../../db/reader-db';
import { useReader } from '../../state/reader-store';

const KEY = 'lastPlace';
const PlaceSchema = v.object({ boardId: v.nullable(v.string()), threadId: v.nullable(v.string()) });

/** Selects the thread shown last, if it is still stored. Returns whether it did. */
export async function restorePlace(db: ReaderDb): Promise<boolean> {
  const parsed = v.safeParse(PlaceSchema, (await db.settings.get(KEY))?.value);
  if (!parsed.success || !parsed.output.threadId) return false;
  const thread = await db.threads.get(parsed.output.threadId);
  if (!thread) return false;
  const reader = useReader.getState();
  if (reader.selectedBoardId !== thread.boardId) reader.selectBoard(thread.boardId);
  useReader.getState().selectThread(thread.id);
  return true;
}

/** Keeps the place up to date as the person moves; returns what stops it. */
export function rememberPlace(db: ReaderDb): () => void {
  return useReader.subscribe((state, previous) => {
    if (state.selectedBoardId === previous.selectedBoardId && state.selectedThreadId === previous.selectedThreadId) return;
    void db.settings.put({ key: KEY, value: { boardId: state.selectedBoardId, threadId: state.selectedThreadId } }).catch(() => {
      // Not worth a message: at worst the next start opens somewhere else.
    });
  });
}
