// What the Bookmark button, the b key and the Remove buttons do, including the notice that offers
// "Undo" and the words shown when a write fails.

import type { HighlightRow, PostRow, ReaderDb } from '../../db/reader-db';
import { removeBookmark, removeHighlight, restoreBookmark, restoreHighlight, toggleBookmark } from './annotation-writes';
import { useBookmarksUi } from './bookmarks-ui-store';

export const describeFailure = (what: string, error: unknown) =>
  `${what} could not be saved (${error instanceof Error ? error.message : String(error)}). Nothing was changed; try again.`;

/** Bookmarks the post or removes its bookmark (with undo). `openNote` opens the note editor on a new bookmark. */
export async function toggleBookmarkOf(db: ReaderDb, post: PostRow, options: { openNote: boolean }): Promise<void> {
  const ui = useBookmarksUi.getState();
  try {
    const result = await toggleBookmark(db, post);
    if ('removed' in result) {
      if (ui.editor?.id === result.removed.id) ui.closeEditor();
      ui.notify(`Bookmark on post ${post.postNumber} removed.`, () => restoreBookmark(db, result.removed));
    } else if (options.openNote) {
      ui.openEditor({ kind: 'bookmark', id: result.added.id, postId: post.id });
    } else {
      ui.notify(`Post ${post.postNumber} bookmarked.`);
    }
  } catch (error) {
    ui.notify(describeFailure('The bookmark', error));
  }
}

export async function removeBookmarkWithUndo(db: ReaderDb, id: string): Promise<void> {
  const ui = useBookmarksUi.getState();
  try {
    const removed = await removeBookmark(db, id);
    if (removed) ui.notify('Bookmark removed.', () => restoreBookmark(db, removed));
  } catch (error) {
    ui.notify(describeFailure('The removal', error));
  }
}

export async function removeHighlightWithUndo(db: ReaderDb, id: string): Promise<void> {
  const ui = useBookmarksUi.getState();
  try {
    const removed: HighlightRow | undefined = await removeHighlight(db, id);
    if (ui.editor?.id === id) ui.closeEditor();
    if (removed) ui.notify('Highlight removed.', () => restoreHighlight(db, removed));
  } catch (error) {
    ui.notify(describeFailure('The removal', error));
  }
}
