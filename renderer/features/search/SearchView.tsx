// The Search view: filters, the index's catch-up progress, and the hits for what is typed in the
// toolbar's "Search posts" box. Choosing a hit opens its thread at that post.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { useBackends } from '../../db/db-context';
import { boardsOfForum, forumsInOrder, threadsOfBoard } from '../../db/queries';
import type { ReaderDb } from '../../db/reader-db';
import { useView } from '../../state/view-store';
import { formatDateTime } from '../../ui/format-date';
import { useIndexStatus } from './index-status-store';
import { searchClientFor } from './search-client';
import { useSearchMarks } from './search-marks-store';
import { filtersAreSet, useSearch } from './search-store';
import type { HitKind, SearchHit, SearchResponse, SearchSort } from './search-types';
import './search.css';

export interface PostPlace {
  threadId: string;
  postNumber: number;
}

export interface SearchViewProps {
  /** Opens a stored thread at a post (false when it is not stored); the composition root hands in the reader's. */
  openPost(db: ReaderDb, place: PostPlace): Promise<boolean>;
}

const KIND_LABEL: Record<HitKind, string> = {
  post: 'Post',
  bookmark: 'Bookmark note',
  highlight: 'Highlight',
  draft: 'Draft',
};

export function SearchView({ openPost }: SearchViewProps) {
  const { db } = useBackends();
  const { query, filters, sort, limit } = useSearch();
  // Results follow the index as it changes: a catch-up, or posts a sync hands over.
  const indexVersion = useIndexStatus((s) => s.version);
  const [response, setResponse] = useState<SearchResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const searching = query.trim() !== '' || filtersAreSet(filters);

  useEffect(() => {
    if (!searching) {
      setResponse(null);
      return;
    }
    let current = true;
    searchClientFor(db)
      .search({ query, filters, sort, limit })
      .then(
        (found) => {
          if (!current) return;
          setResponse(found);
          setError(null);
        },
        (failure: unknown) => current && setError(`Search failed: ${String(failure)}. Your posts are unchanged; try again.`),
      );
    return () => {
      current = false;
    };
  }, [db, query, filters, sort, limit, searching, indexVersion]);

  const open = async (hit: SearchHit) => {
    useSearchMarks.getState().mark({ threadId: hit.threadId, postNumber: hit.postNumber ?? 1, words: response?.markedWords ?? [], prefixes: response?.markedPrefixes ?? [] });
    if (await openPost(db, { threadId: hit.threadId, postNumber: hit.postNumber ?? 1 })) useView.getState().show('reader');
    else setError('That thread is no longer stored. Sync its forum to fetch it again.');
  };

  return (
    <section className="search-view" aria-labelledby="search-heading">
      <h1 id="search-heading">Search</h1>
      <SearchFiltersForm />
      <IndexProgress />
      {error && (
        <p className="search-error" role="alert">
          {error}
        </p>
      )}
      {!searching && <SearchHelp />}
      {searching && response && <SearchResults response={response} onOpen={(hit) => void open(hit)} />}
    </section>
  );
}

function SearchHelp() {
  return (
    <div className="search-help">
      <p>Type in “Search posts” above (or press /). Every stored post is searched, with its thread title and author, and so are your bookmark notes, highlights and drafts.</p>
      <ul>
        <li>
          <kbd>red shoes</kbd> finds posts with both words; the last word also matches as you type it (<kbd>balle</kbd> finds “ballet”).
        </li>
        <li>
          <kbd>"follow it"</kbd> finds the words together, in that order.
        </li>
        <li>
          <kbd>-carriage</kbd> leaves out posts with that word.
        </li>
        <li>
          <kbd>author:name</kbd> keeps posts by one author.
        </li>
        <li>Capitals and accents do not matter: <kbd>cafe</kbd> finds “Café”.</li>
      </ul>
    </div>
  );
}

function SearchFiltersForm() {
  const { db } = useBackends();
  const filters = useSearch((s) => s.filters);
  const sort = useSearch((s) => s.sort);
  const setFilters = useSearch((s) => s.setFilters);
  const setSort = useSearch((s) => s.setSort);
  const forums = useLiveQuery(() => forumsInOrder(db), [db]) ?? [];
  const boards = useLiveQuery(() => (filters.forumId ? boardsOfForum(db, filters.forumId) : []), [db, filters.forumId]) ?? [];
  const threads = useLiveQuery(() => (filters.boardId ? threadsOfBoard(db, filters.boardId) : []), [db, filters.boardId]) ?? [];
  const id = useId();

  return (
    <fieldset className="search-filters">
      <legend className="visually-hidden">Filters</legend>
      <label>
        <span>Forum</span>
        <select value={filters.forumId ?? ''} onChange={(e) => setFilters({ forumId: e.target.value || null, boardId: null, threadId: null })}>
          <option value="">All forums</option>
          {forums.map((forum) => (
            <option key={forum.id} value={forum.id}>
              {forum.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Board</span>
        <select value={filters.boardId ?? ''} disabled={!filters.forumId} onChange={(e) => setFilters({ boardId: e.target.value || null, threadId: null })}>
          <option value="">All boards</option>
          {boards.map((board) => (
            <option key={board.id} value={board.id}>
              {board.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Thread</span>
        <select value={filters.threadId ?? ''} disabled={!filters.boardId} onChange={(e) => setFilters({ threadId: e.target.value || null })}>
          <option value="">All threads</option>
          {threads.map((thread) => (
            <option key={thread.id} value={thread.id}>
              {thread.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Author</span>
        <input type="text" value={filters.author} placeholder="username" spellCheck={false} onChange={(e) => setFilters({ author: e.target.value })} />
      </label>
      <label>
        <span>From</span>
        <input type="date" value={filters.from} onChange={(e) => setFilters({ from: e.target.value })} />
      </label>
      <label>
        <span>To</span>
        <input type="date" value={filters.to} onChange={(e) => setFilters({ to: e.target.value })} />
      </label>
      <label className="search-check">
        <input type="checkbox" checked={filters.bookmarkedOnly} onChange={(e) => setFilters({ bookmarkedOnly: e.target.checked })} />
        <span>Bookmarked only</span>
      </label>
      <label>
        <span id={`${id}-sort`}>Sort by</span>
        <select value={sort} aria-labelledby={`${id}-sort`} onChange={(e) => setSort(e.target.value as SearchSort)}>
          <option value="relevance">Relevance</option>
          <option value="newest">Newest</option>
        </select>
      </label>
    </fieldset>
  );
}

function IndexProgress() {
  const { pending, done, ready, error } = useIndexStatus();
  if (error) return <p className="search-error">{error} Search shows what was indexed before.</p>;
  if (!ready) return <p className="search-indexing">Reading the search index…</p>;
  if (pending === 0) return null;
  const total = done + pending;
  return (
    <div className="search-indexing">
      <progress aria-label="Search index progress" max={total} value={done} />
      <span>
        Indexing {done.toLocaleString()} of {total.toLocaleString()} posts; results may miss the rest until it is done.
      </span>
    </div>
  );
}

function SearchResults({ response, onOpen }: { response: SearchResponse; onOpen(hit: SearchHit): void }) {
  const showMore = useSearch((s) => s.showMore);
  const count = response.exact ? `${response.total.toLocaleString()} ${response.total === 1 ? 'result' : 'results'}` : `Up to ${response.total.toLocaleString()} results`;
  return (
    <section className="search-results" aria-label="Search results">
      <p className="search-summary">
        {response.total === 0 ? 'No stored post, note or draft matches.' : count} <span className="search-took">({Math.max(1, Math.round(response.tookMs))} ms)</span>
      </p>
      <ol>
        {response.hits.map((hit) => (
          <li key={hit.key}>
            <SearchHitButton hit={hit} onOpen={onOpen} />
          </li>
        ))}
      </ol>
      {response.hits.length < response.total && (
        <button type="button" className="search-more" onClick={showMore}>
          Show more
        </button>
      )}
    </section>
  );
}

function hitName(hit: SearchHit): string {
  const where = hit.postNumber !== null ? `post ${hit.postNumber}${hit.author ? ` by ${hit.author}` : ''}` : 'the thread';
  switch (hit.kind) {
    case 'post':
      return `Post ${hit.postNumber} by ${hit.author} in ${hit.threadTitle}`;
    case 'bookmark':
      return `Bookmark note on ${where} in ${hit.threadTitle}`;
    case 'highlight':
      return `Highlight in ${where} in ${hit.threadTitle}`;
    case 'draft':
      return `Draft reply to ${where} in ${hit.threadTitle}`;
  }
}

function SearchHitButton({ hit, onOpen }: { hit: SearchHit; onOpen(hit: SearchHit): void }) {
  const snippetId = useId();
  return (
    <button type="button" className={`search-hit search-hit-${hit.kind}`} aria-label={hitName(hit)} aria-describedby={snippetId} onClick={() => onOpen(hit)}>
      <span className="search-hit-head">
        <span className="search-hit-kind">{KIND_LABEL[hit.kind]}</span>
        <span className="search-hit-thread">{hit.threadTitle || 'Untitled thread'}</span>
      </span>
      <span className="search-hit-meta">
        {hit.postNumber !== null && <span>#{hit.postNumber}</span>}
        {hit.author && <span>{hit.author}</span>}
        <time dateTime={hit.date}>{formatDateTime(hit.date)}</time>
      </span>
      <span className="search-hit-snippet" id={snippetId}>
        {hit.snippet.map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
      </span>
    </button>
  );
}
