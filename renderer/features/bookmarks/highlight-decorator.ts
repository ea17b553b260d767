// Draws a post's highlights into its body each time the reader renders it, and keeps them drawn
// as highlights are added, edited or removed (one live query per thread, shared by its posts).
// Re-anchoring on every draw is what lets a highlight follow its passage through a re-render or
// an edit.

import type { HighlightRow, PostRow, ReaderDb } from '../../db/reader-db';
import { watchShared } from '../../db/shared-live-query';
import type { PostBodyDecorator } from '../../ui/post-actions';
import { highlightsOfThread } from './annotation-queries';
import { useBookmarksUi } from './bookmarks-ui-store';
import { drawHighlights, MARK_CLASS } from './draw-marks';

/** The post each decorated body shows: the Highlight tool finds the post of a selection here. */
const postOfBody = new WeakMap<Element, PostRow>();
export const postShownIn = (body: Element): PostRow | undefined => postOfBody.get(body);

/**
 * The last highlights read for each post that has any, so a body rendered again is drawn at once
 * rather than after the next read (no flicker while scrolling back).
 */
const lastRead = new Map<string, HighlightRow[]>();

export const CURRENT_MARK_CLASS = 'highlight-current';

export function createHighlightDecorator(db: ReaderDb): PostBodyDecorator {
  return (post, body) => {
    postOfBody.set(body, post);
    let erase = () => {};
    let drawnFrom: HighlightRow[] | undefined;
    /** Whether this post's highlights have been read since the body was rendered (not only cached). */
    let fresh = false;

    const draw = (rows: HighlightRow[]) => {
      erase();
      erase = drawHighlights(body, rows).erase;
      drawnFrom = rows;
      revealIfAsked();
    };
    const revealIfAsked = () => {
      const reveal = useBookmarksUi.getState().reveal;
      if (!reveal || reveal.postId !== post.id) return;
      // An orphaned passage cannot be shown, only its post: but only once the read says so.
      if (reveal.highlightId && !fresh && !drawnFrom?.some((row) => row.id === reveal.highlightId)) return;
      useBookmarksUi.getState().revealed(reveal.seq);
      revealIn(body, reveal.highlightId);
    };

    const cached = lastRead.get(post.id);
    if (cached) draw(cached);
    else revealIfAsked();
    const stopWatching = watchShared(db, `highlights of ${post.threadId}`, () => highlightsOfThread(db, post.threadId), (byPost) => {
      const rows = byPost.get(post.id) ?? [];
      fresh = true;
      if (rows.length > 0) lastRead.set(post.id, rows);
      else lastRead.delete(post.id);
      const changed = drawnFrom ? !sameHighlights(drawnFrom, rows) : rows.length > 0;
      if (changed) draw(rows);
      else revealIfAsked();
    });
    const stopWatchingReveal = useBookmarksUi.subscribe((state, previous) => {
      if (state.reveal && state.reveal !== previous.reveal) revealIfAsked();
    });

    const onClick = (event: MouseEvent) => {
      const mark = (event.target as Element).closest?.(`mark.${MARK_CLASS}`) as HTMLElement | null;
      const id = mark?.dataset['highlightId'];
      // A highlight inside a link is still a link: the reader opens it.
      if (!id || mark?.closest('a[href]') || !window.getSelection()?.isCollapsed) return;
      useBookmarksUi.getState().openEditor({ kind: 'highlight', id, postId: post.id });
    };
    body.addEventListener('click', onClick);

    return () => {
      stopWatching();
      stopWatchingReveal();
      body.removeEventListener('click', onClick);
      erase();
      postOfBody.delete(body);
    };
  };
}

function sameHighlights(a: readonly HighlightRow[], b: readonly HighlightRow[]): boolean {
  return a.length === b.length && a.every((row, i) => {
    const other = b[i]!;
    return row.id === other.id && row.exact === other.exact && row.prefix === other.prefix && row.suffix === other.suffix && row.note === other.note;
  });
}

/** Scrolls the passage (or the whole post) into view and marks it as the one asked for. */
function revealIn(body: HTMLElement, highlightId: string | null): void {
  for (const old of body.ownerDocument.querySelectorAll(`.${CURRENT_MARK_CLASS}`)) old.classList.remove(CURRENT_MARK_CLASS);
  const marks = highlightId ? [...body.querySelectorAll<HTMLElement>(`mark.${MARK_CLASS}`)].filter((mark) => mark.dataset['highlightId'] === highlightId) : [];
  for (const mark of marks) mark.classList.add(CURRENT_MARK_CLASS);
  const target = marks[0] ?? body.closest('article') ?? body;
  target.scrollIntoView({ block: 'center' });
}
