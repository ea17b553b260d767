// The note editor of a bookmark or a highlight in the reader, floating beside the Bookmark button
// or the highlighted passage. Not modal: the thread stays readable and scrollable behind it.
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { useBackends } from '../../db/db-context';
import { annotationOf } from './annotation-queries';
import { describeFailure, removeHighlightWithUndo } from './bookmark-actions';
import { saveBookmarkNote, saveHighlightNote } from './annotation-writes';
import { AnnotationEditor } from './AnnotationEditor';
import { useBookmarksUi, type EditorTarget } from './bookmarks-ui-store';
import { MARK_CLASS } from './draw-marks';
import { placeBeside, useFollowedRect } from './use-followed-rect';

const POPOVER_SIZE = { width: 320, height: 230 };

/** The element a target's popover sits beside: its post's Bookmark button, or its first mark. */
export function anchorOf(target: EditorTarget): HTMLElement | null {
  if (target.kind === 'bookmark') return document.querySelector<HTMLElement>(`[data-bookmark-post="${CSS.escape(target.postId)}"]`);
  return document.querySelector<HTMLElement>(`mark.${MARK_CLASS}[data-highlight-id="${CSS.escape(target.id)}"]`);
}

export function AnnotationPopover() {
  const { db } = useBackends();
  const target = useBookmarksUi((s) => s.editor);
  const closeEditor = useBookmarksUi((s) => s.closeEditor);
  const row = useLiveQuery(() => (target ? annotationOf(db, target) : undefined), [db, target]);
  const measure = useCallback(() => (target ? (anchorOf(target)?.getBoundingClientRect() ?? null) : null), [target]);
  const rect = useFollowedRect(target ? measure : null);

  // The row read for the previous target may still be here for a moment after the target changes.
  if (!target || !row || row.id !== target.id) return null;
  // The post scrolled out of the thread's window or another thread opened: nothing to sit beside.
  if (!rect) return null;

  const close = () => {
    closeEditor();
    if (target.kind === 'bookmark') anchorOf(target)?.focus();
  };
  const save = (note: string, tags: string[]) => {
    const write = target.kind === 'bookmark' ? saveBookmarkNote(db, target.id, note, tags) : saveHighlightNote(db, target.id, note, tags);
    write.then(close, (error: unknown) => useBookmarksUi.getState().notify(describeFailure('The note', error)));
  };
  const label = target.kind === 'bookmark' ? 'Bookmark' : 'Highlight';
  return (
    <div
      role="dialog"
      aria-label={label}
      className="annotation-popover"
      style={placeBeside(rect, POPOVER_SIZE)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') close();
      }}
    >
      <p className="annotation-popover-title">{'exact' in row ? <q>{shorten(row.exact)}</q> : 'Bookmarked'}</p>
      <AnnotationEditor key={`${target.kind}:${target.id}`} note={row.note} tags={row.tags} onSave={save} onCancel={close} autoFocus />
      {target.kind === 'highlight' && (
        <button type="button" className="annotation-remove" onClick={() => void removeHighlightWithUndo(db, target.id)}>
          Remove highlight
        </button>
      )}
    </div>
  );
}

const shorten = (text: string) => (text.length > 120 ? `${text.slice(0, 119)}…` : text);
