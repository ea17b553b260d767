// The Bookmarks view: every bookmark and highlight across forums, newest first, filtered by tag,
// forum and thread and searched by note. Choosing one opens its thread at the post, with the
// passage marked. Opening a post is the reader's work: the composition root passes it in.
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useState } from 'react';
import { useBackends } from '../../db/db-context';
import type { ReaderDb } from '../../db/reader-db';
import { useView } from '../../state/view-store';
import { annotationsNewestFirst, postLabelOf, type AnnotationItem } from './annotation-queries';
import { AnnotationCard } from './AnnotationCard';
import { useBookmarksUi } from './bookmarks-ui-store';
import { ExportImportControls } from './ExportImportControls';
import { filterAnnotations, NO_FILTER, tagCounts, type AnnotationFilter } from './filter-annotations';
import { quotableTextOf } from './quotable-text';
import { TagList } from './TagList';
import { anchorQuote } from './text-quote';
import './bookmarks.css';
import { postHtmlOf } from '../../ui/plain-text-html';

export interface BookmarksViewProps {
  /** Opens a stored thread at a post (false when it is not stored); the composition root hands in the reader's. */
  openPost(db: ReaderDb, place: { threadId: string; postNumber: number }): Promise<boolean>;
}

/** How much of a bookmarked post the list quotes; the post itself is one click away. */
const QUOTE_CHARS = 400;

export function BookmarksView({ openPost }: BookmarksViewProps) {
  const { db } = useBackends();
  const items = useLiveQuery(() => annotationsNewestFirst(db), [db]);
  const [filter, setFilter] = useState<AnnotationFilter>(NO_FILTER);
  const [openError, setOpenError] = useState<string | null>(null);
  const ids = { search: useId(), tag: useId(), forum: useId(), thread: useId() };

  const shown = useMemo(() => filterAnnotations(items ?? [], filter), [items, filter]);
  const quotes = useMemo(() => quotesOf(shown), [shown]);
  const tags = useMemo(() => tagCounts(items ?? []), [items]);
  const forums = useMemo(() => uniqueBy(items ?? [], (item) => item.row.forumId, (item) => item.forum?.name ?? item.row.forumId), [items]);
  const threads = useMemo(
    () =>
      uniqueBy(
        (items ?? []).filter((item) => filter.forumId === null || item.row.forumId === filter.forumId),
        (item) => item.row.threadId,
        (item) => item.thread?.title ?? item.row.threadId,
      ),
    [items, filter.forumId],
  );
  const update = (change: Partial<AnnotationFilter>) => setFilter((previous) => ({ ...previous, ...change }));

  const open = async (item: AnnotationItem) => {
    const postNumber = postLabelOf(item).postNumber ?? 1;
    setOpenError(null);
    if (await openPost(db, { threadId: item.row.threadId, postNumber })) {
      // Before the thread renders the post (it reads it from the database first), so it is drawn marked.
      useBookmarksUi.getState().revealPassage(item.row.postId, item.kind === 'highlight' ? item.row.id : null);
      useView.getState().show('reader');
    } else {
      setOpenError(`The thread of post ${postNumber} is not stored any more, so it cannot be opened. The bookmark and its text are kept here.`);
    }
  };

  return (
    <div className="tool-view bookmarks-view">
      <h1>Bookmarks</h1>
      <ExportImportControls />
      <div className="bookmarks-filters" role="group" aria-label="Filter bookmarks">
        <label htmlFor={ids.search}>Search notes</label>
        <input id={ids.search} type="search" value={filter.noteQuery} onChange={(event) => update({ noteQuery: event.target.value })} />
        <label htmlFor={ids.tag}>Tag</label>
        <select id={ids.tag} value={filter.tag ?? ''} onChange={(event) => update({ tag: event.target.value || null })}>
          <option value="">All tags</option>
          {tags.map(({ tag }) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
        <label htmlFor={ids.forum}>Forum</label>
        <select id={ids.forum} value={filter.forumId ?? ''} onChange={(event) => update({ forumId: event.target.value || null, threadId: null })}>
          <option value="">All forums</option>
          {forums.map(({ key, label }) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
        <label htmlFor={ids.thread}>Thread</label>
        <select id={ids.thread} value={filter.threadId ?? ''} onChange={(event) => update({ threadId: event.target.value || null })}>
          <option value="">All threads</option>
          {threads.map(({ key, label }) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {openError && (
        <p className="bookmarks-error" role="alert">
          {openError}
        </p>
      )}
      <div className="bookmarks-layout">
        <div className="bookmarks-main">
          {items && items.length === 0 && (
            <p className="empty">No bookmarks yet. Choose “Bookmark” on a post (or press b), or select a passage in a post and choose “Highlight”.</p>
          )}
          {items && items.length > 0 && shown.length === 0 && <p className="empty">Nothing matches these filters.</p>}
          <ul className="annotation-list" aria-label="Bookmarks and highlights">
            {shown.map((item) => (
              <AnnotationCard
                key={`${item.kind}:${item.row.id}`}
                item={item}
                quote={quotes.get(item.row.id)?.text ?? ''}
                orphaned={quotes.get(item.row.id)?.orphaned ?? false}
                onOpen={(chosen) => void open(chosen)}
                onTag={(tag) => update({ tag })}
              />
            ))}
          </ul>
        </div>
        <TagList tags={tags} selected={filter.tag} onSelect={(tag) => update({ tag })} />
      </div>
    </div>
  );
}

/** Each item's quote, and whether a highlight still anchors in its post; each post's text read once. */
function quotesOf(items: readonly AnnotationItem[]): Map<string, { text: string; orphaned: boolean }> {
  const texts = new Map<string, string>();
  const textOf = (key: string, html: string) => {
    let text = texts.get(key);
    if (text === undefined) texts.set(key, (text = quotableTextOf(html)));
    return text;
  };
  const quotes = new Map<string, { text: string; orphaned: boolean }>();
  for (const item of items) {
    if (item.kind === 'highlight') {
      const post = item.post;
      const orphaned = !post || !anchorQuote(textOf(`${post.id}@${post.version}`, postHtmlOf(post)), item.row);
      quotes.set(item.row.id, { text: item.row.exact, orphaned });
    } else {
      const text = textOf(`bookmark:${item.row.id}`, item.row.postHtml).trim().replace(/\n{2,}/g, '\n');
      quotes.set(item.row.id, { text: text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS - 1)}…` : text, orphaned: false });
    }
  }
  return quotes;
}

function uniqueBy(items: readonly AnnotationItem[], key: (item: AnnotationItem) => string, label: (item: AnnotationItem) => string) {
  const seen = new Map<string, string>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), label(item));
  return [...seen].map(([k, l]) => ({ key: k, label: l })).sort((a, b) => a.label.localeCompare(b.label));
}
