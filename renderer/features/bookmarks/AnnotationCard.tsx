// One bookmark or highlight in the Bookmarks view: where it is, its quote, note and tags, and
// what became of its post (edited since bookmarked, deleted on the server, passage orphaned).
import { useLiveQuery } from 'dexie-react-hooks';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useBackends } from '../../db/db-context';
import { picturesOfPost } from '../../db/image-queries';
import type { BookmarkRow } from '../../db/reader-db';
import { formatDateTime } from '../../ui/format-date';
import { showKeptPictures } from '../../ui/kept-pictures';
import { sanitizePostHtml } from '../../ui/sanitize-post-html';
import { postLabelOf, postStateOf, type AnnotationItem } from './annotation-queries';
import { saveBookmarkNote, saveHighlightNote } from './annotation-writes';
import { AnnotationEditor } from './AnnotationEditor';
import { describeFailure, removeBookmarkWithUndo, removeHighlightWithUndo } from './bookmark-actions';
import { useBookmarksUi } from './bookmarks-ui-store';
import { postHtmlOf } from '../../ui/plain-text-html';

export interface AnnotationCardProps {
  item: AnnotationItem;
  /** The text the card quotes: the passage, or the bookmarked post's text. */
  quote: string;
  /** A highlight whose passage is no longer found in its post. */
  orphaned: boolean;
  onOpen(item: AnnotationItem): void;
  onTag(tag: string): void;
}

export function AnnotationCard({ item, quote, orphaned, onOpen, onTag }: AnnotationCardProps) {
  const { db } = useBackends();
  const [editing, setEditing] = useState(false);
  const { postNumber, username } = postLabelOf(item);
  const state = postStateOf(item);
  const kept = item.kind === 'bookmark' ? 'bookmarked' : 'highlighted';
  const kindLabel = item.kind === 'bookmark' ? 'Bookmark' : 'Highlight';
  const postLabel = `${postNumber !== undefined ? `Post ${postNumber}` : 'A post'}${username ? ` by ${username}` : ''}`;

  const save = (note: string, tags: string[]) => {
    const write = item.kind === 'bookmark' ? saveBookmarkNote(db, item.row.id, note, tags) : saveHighlightNote(db, item.row.id, note, tags);
    write.then(
      () => setEditing(false),
      (error: unknown) => useBookmarksUi.getState().notify(describeFailure('The note', error)),
    );
  };
  const remove = () => void (item.kind === 'bookmark' ? removeBookmarkWithUndo(db, item.row.id) : removeHighlightWithUndo(db, item.row.id));

  return (
    <li className={`annotation-card annotation-${item.kind}`} aria-label={`${kindLabel}: ${postLabel.charAt(0).toLowerCase()}${postLabel.slice(1)}`}>
      <div className="annotation-where">
        <span className="annotation-kind">{kindLabel}</span>
        <span>{postLabel}</span>
        <span className="annotation-thread">{item.thread?.title ?? 'a thread not stored in this profile'}</span>
        {item.forum && <span className="annotation-forum">{item.forum.name}</span>}
        <time dateTime={item.row.createdAt}>{formatDateTime(item.row.createdAt)}</time>
      </div>
      <blockquote className={`annotation-quote${item.kind === 'bookmark' ? ' annotation-quote-post' : ''}`}>{quote}</blockquote>
      <div className="annotation-flags">
        {orphaned && state === 'current' && <span className="flag flag-orphaned">Orphaned: this passage is no longer found in the post</span>}
        {state === 'edited' && <span className="flag flag-edited">Edited since bookmarked</span>}
        {state === 'deleted' && <span className="flag flag-deleted">Deleted on the server; the text as {kept} is kept</span>}
        {state === 'not-stored' && <span className="flag flag-deleted">Its post is not stored in this profile; the text as {kept} is kept</span>}
      </div>
      {item.kind === 'bookmark' && (state === 'deleted' || state === 'not-stored') && <PostAsBookmarked bookmark={item.row} />}
      {item.kind === 'bookmark' && state === 'edited' && item.post && (
        <details className="annotation-compare">
          <summary>Show the text as bookmarked</summary>
          <div className="compare-columns">
            <section aria-label="As bookmarked">
              <h3>As bookmarked</h3>
              <div className="post-body" dangerouslySetInnerHTML={{ __html: sanitizePostHtml(item.row.postHtml) }} />
            </section>
            <section aria-label="Now">
              <h3>Now</h3>
              <div className="post-body" dangerouslySetInnerHTML={{ __html: sanitizePostHtml(postHtmlOf(item.post)) }} />
            </section>
          </div>
        </details>
      )}
      {editing ? (
        <AnnotationEditor note={item.row.note} tags={item.row.tags} onSave={save} onCancel={() => setEditing(false)} autoFocus />
      ) : (
        <>
          {item.row.note && <p className="annotation-note">{item.row.note}</p>}
          {item.row.tags.length > 0 && (
            <ul className="annotation-tags" aria-label="Tags">
              {item.row.tags.map((tag) => (
                <li key={tag}>
                  <button type="button" className="tag" title={`Show only “${tag}”`} onClick={() => onTag(tag)}>
                    {tag}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <div className="annotation-buttons">
        <button type="button" onClick={() => onOpen(item)} disabled={state === 'deleted' || state === 'not-stored'}>
          Open in thread
        </button>
        {!editing && (
          <button type="button" onClick={() => setEditing(true)}>
            Edit note
          </button>
        )}
        <button type="button" onClick={remove}>
          Remove
        </button>
      </div>
    </li>
  );
}

/**
 * A bookmarked post that is no longer stored (deleted on the server, or its forum removed), as it
 * was bookmarked, with the pictures kept for it (Remove forum keeps a bookmarked post's pictures).
 * Drawn only while open; nothing remote loads.
 */
function PostAsBookmarked({ bookmark }: { bookmark: BookmarkRow }) {
  const { db } = useBackends();
  const [open, setOpen] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  const pictures = useLiveQuery(() => (open ? picturesOfPost(db, bookmark.postId) : null), [db, bookmark.postId, open], null);
  const html = useMemo(() => sanitizePostHtml(bookmark.postHtml, { remoteImages: false, keptImages: true, baseUrl: null }), [bookmark.postHtml]);
  useLayoutEffect(() => {
    if (!body.current) return;
    return showKeptPictures(body.current, pictures, 'not kept');
  }, [pictures, open]);
  return (
    <details className="annotation-compare" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Show the post as bookmarked</summary>
      {open && <div ref={body} className="post-body" dangerouslySetInnerHTML={{ __html: html }} />}
    </details>
  );
}
