// The "Highlight" button that appears beside text selected inside one post's body. Choosing it
// keeps the selection as a text-quote selector and opens its note editor.
import { useCallback, useEffect, useState } from 'react';
import { useBackends } from '../../db/db-context';
import type { PostRow } from '../../db/reader-db';
import { addHighlight } from './annotation-writes';
import { describeFailure } from './bookmark-actions';
import { spanOfRange } from './body-text';
import { useBookmarksUi } from './bookmarks-ui-store';
import { postShownIn } from './highlight-decorator';
import { quoteOf, type TextQuote } from './text-quote';
import { placeBeside, useFollowedRect } from './use-followed-rect';

interface Selected {
  post: PostRow;
  quote: TextQuote;
  range: Range;
}

const BUTTON_SIZE = { width: 100, height: 34 };

/** The passage the selection covers, when it lies inside one post body the reader shows. */
function selectedPassage(): Selected | null {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const bodyOf = (node: Node) => (node instanceof Element ? node : node.parentElement)?.closest('article[aria-label^="Post "] .post-body') ?? null;
  const body = bodyOf(range.startContainer);
  if (!body || body !== bodyOf(range.endContainer)) return null;
  const post = postShownIn(body);
  const span = spanOfRange(body, range);
  const quote = span && quoteOf(body.textContent ?? '', span);
  return post && quote ? { post, quote, range: range.cloneRange() } : null;
}

export function HighlightTool() {
  const { db } = useBackends();
  const [selected, setSelected] = useState<Selected | null>(null);

  useEffect(() => {
    let frame = 0;
    // selectionchange fires for every character a drag covers: read it once a frame.
    const onSelectionChange = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setSelected(selectedPassage()));
    };
    document.addEventListener('selectionchange', onSelectionChange);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('selectionchange', onSelectionChange);
    };
  }, []);

  const measure = useCallback(() => {
    if (!selected) return null;
    const rects = selected.range.getClientRects();
    return rects.length > 0 ? rects[rects.length - 1]! : null;
  }, [selected]);
  const rect = useFollowedRect(selected ? measure : null);

  if (!selected || !rect) return null;
  const highlight = () => {
    const { post, quote } = selected;
    addHighlight(db, post, quote).then(
      (row) => {
        document.getSelection()?.removeAllRanges();
        setSelected(null);
        useBookmarksUi.getState().openEditor({ kind: 'highlight', id: row.id, postId: post.id });
      },
      (error: unknown) => useBookmarksUi.getState().notify(describeFailure('The highlight', error)),
    );
  };
  return (
    <button
      type="button"
      className="highlight-button"
      style={placeBeside(rect, BUTTON_SIZE)}
      // Pressing the button must not take the selection away before it is read.
      onMouseDown={(event) => event.preventDefault()}
      onClick={highlight}
    >
      Highlight
    </button>
  );
}
