// Answers one search: posts from the persistent index (whose memory holds all a result shows but
// thread titles), notes and drafts from a scan, ranked, filtered, and cut to a page with
// snippets. Runs inside the index worker (search-worker.ts), or in-process where there is no
// worker (tests).
import { forumIdOfThread, isThreadInBoard } from '../../../shared/model';
import type { ReaderDb, ThreadRow } from '../../db/reader-db';
import { foldText, foldedWords } from './fold-text';
import { searchableText } from './indexable-post';
import type { InvertedIndex } from './inverted-index';
import { makeSnippet, type MarkWords } from './make-snippet';
import { hasTextCriteria, parseQuery, type ParsedQuery } from './parse-query';
import { PostIndex } from './post-index';
import { bookmarkedPostIds, postsById, threadIdsOfBoard, threadsById } from './search-queries';
import { containsPhrase, noteInFilters, noteMatches, readNotes, type NoteRecord } from './search-notes';
import type { SearchFilters, SearchHit, SearchRequest, SearchResponse } from './search-types';
import { ThreadTitles } from './thread-titles';

/** Whether a board lists a thread, among the threads read for the notes. */
const inBoardOf = (threads: Map<string, ThreadRow>) => (threadId: string, boardId: string) => {
  const thread = threads.get(threadId);
  return thread !== undefined && isThreadInBoard(thread, boardId);
};

interface TimeRange {
  from: number;
  to: number;
}

/** Inclusive local calendar days as seconds since 1970. */
export function dayRange(filters: Pick<SearchFilters, 'from' | 'to'>): TimeRange {
  const day = (text: string) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
  };
  const from = day(filters.from);
  const to = day(filters.to);
  if (to) to.setDate(to.getDate() + 1);
  return { from: from ? from.getTime() / 1000 : 0, to: to ? to.getTime() / 1000 - 1 : Number.MAX_SAFE_INTEGER };
}

/**
 * The `k` positions with the highest keys, best first (ties: the earlier position), in
 * O(n log k) with a binary min-heap kept in typed arrays.
 */
export function topPositions(keys: ArrayLike<number>, k: number): number[] {
  const size = Math.min(k, keys.length);
  if (size <= 0) return [];
  const heap = new Uint32Array(size); // positions; heap[0] is the weakest kept
  const heapKeys = new Float64Array(size);
  // a is weaker than b: a lower key, or an equal key at a later position.
  const weaker = (ka: number, pa: number, kb: number, pb: number) => ka < kb || (ka === kb && pa > pb);
  let length = 0;
  for (let position = 0; position < keys.length; position += 1) {
    const key = keys[position] as number;
    let slot: number;
    if (length < size) {
      slot = length++;
      while (slot > 0) {
        const parent = (slot - 1) >> 1;
        if (!weaker(key, position, heapKeys[parent] as number, heap[parent] as number)) break;
        heap[slot] = heap[parent] as number;
        heapKeys[slot] = heapKeys[parent] as number;
        slot = parent;
      }
    } else {
      // Positions come in order, so a key no higher than the weakest kept is weaker than it.
      if (key <= (heapKeys[0] as number)) continue;
      slot = 0;
      for (;;) {
        const left = 2 * slot + 1;
        if (left >= size) break;
        const right = left + 1;
        let child = left;
        if (right < size && weaker(heapKeys[right] as number, heap[right] as number, heapKeys[left] as number, heap[left] as number)) child = right;
        if (!weaker(heapKeys[child] as number, heap[child] as number, key, position)) break;
        heap[slot] = heap[child] as number;
        heapKeys[slot] = heapKeys[child] as number;
        slot = child;
      }
    }
    heap[slot] = position;
    heapKeys[slot] = key;
  }
  return Array.from(heap.subarray(0, length)).sort((a, b) => (keys[b] as number) - (keys[a] as number) || a - b);
}

export class SearchEngine {
  readonly posts: PostIndex;
  private readonly titles: ThreadTitles;
  private notes: Promise<NoteRecord[]> | null = null;

  constructor(
    private readonly db: ReaderDb,
    private readonly options: { cacheNotes: boolean } = { cacheNotes: true },
  ) {
    this.posts = new PostIndex(db);
    this.titles = new ThreadTitles(db);
  }

  /** Bookmarks, highlights or drafts changed: read them again on the next search. */
  notesChanged(): void {
    this.notes = null;
  }

  /** Threads changed (a title may have). */
  threadsChanged(): void {
    this.titles.changed();
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    const started = performance.now();
    const query = parseQuery(request.query);
    const authors = [...query.authors];
    if (request.filters.author.trim()) authors.push(foldText(request.filters.author).trim());
    const range = dayRange(request.filters);
    const marks: MarkWords = { exact: [...new Set([...query.words, ...query.phrases.flat()])], prefixes: query.prefix ? [query.prefix] : [] };
    const withText = hasTextCriteria(query);
    const narrowed = authors.length > 0 || request.filters.bookmarkedOnly || request.filters.threadId !== null || request.filters.boardId !== null;
    const empty: SearchResponse = { hits: [], total: 0, exact: true, markedWords: [...marks.exact], markedPrefixes: [...marks.prefixes], tookMs: 0 };
    if (!withText && !narrowed) return { ...empty, tookMs: performance.now() - started };

    const [posts, notes] = await Promise.all([
      this.searchPosts(query, request, authors, range, marks, withText),
      withText ? this.searchNotes(query, request.filters, authors.length > 0, range, marks) : Promise.resolve([]),
    ]);
    const hits =
      request.sort === 'newest'
        ? [...notes, ...posts.hits].sort((a, b) => b.date.localeCompare(a.date)).slice(0, request.limit)
        : [...notes, ...posts.hits].slice(0, request.limit);
    return { ...empty, hits, total: notes.length + posts.total, exact: posts.exact, tookMs: performance.now() - started };
  }

  private async searchPosts(
    query: ParsedQuery,
    request: SearchRequest,
    authors: string[],
    range: TimeRange,
    marks: MarkWords,
    withText: boolean,
  ): Promise<{ hits: SearchHit[]; total: number; exact: boolean }> {
    await this.posts.flushHandedOver();
    await this.posts.load();
    const index = this.posts.index;
    const accept = await this.postFilter(index, request.filters, authors, range);
    let docs: Uint32Array;
    let scores: Float32Array | null = null;
    if (withText) {
      // A phrase of one-letter words alone ("a i") has nothing the index can look up.
      if (query.words.length === 0 && query.prefix === null) return { hits: [], total: 0, exact: true };
      const groups = query.words.map((word) => [word]);
      if (query.prefix !== null) groups.push(index.termsWithPrefix(query.prefix));
      ({ docs, scores } = index.match(groups, query.excludedWords, accept));
    } else {
      docs = index.allDocs(accept ?? (() => true));
    }
    const byRelevance = request.sort === 'relevance' && scores !== null;
    const keys = byRelevance ? (scores as Float32Array) : Float64Array.from(docs, (doc) => index.timeOfDoc(doc));
    const checkPhrases = query.phrases.length > 0 || query.excludedPhrases.length > 0;

    if (!checkPhrases) {
      const top = topPositions(keys, request.limit).map((i) => docs[i] as number);
      const hits = await this.postHits(index, top, marks);
      return { hits, total: docs.length, exact: true };
    }
    // Phrases are checked against the text of the best-ranked candidates until a page is full.
    const ranked = topPositions(keys, docs.length).map((i) => docs[i] as number);
    const kept: number[] = [];
    let checked = 0;
    for (; checked < ranked.length && kept.length < request.limit; checked += 1) {
      const doc = ranked[checked] as number;
      const postNumber = index.postNumberOfDoc(doc);
      const threadId = index.threadOfDoc(doc);
      const title = postNumber === 1 ? ((await this.titles.of([threadId])).get(threadId) ?? null) : null;
      const words = foldedWords(searchableText(index.textOf(doc), postNumber, title));
      const joined = ` ${words.join(' ')} `;
      if (query.phrases.every((phrase) => containsPhrase(joined, phrase)) && !query.excludedPhrases.some((phrase) => containsPhrase(joined, phrase))) kept.push(doc);
    }
    const exhausted = checked >= ranked.length;
    const hits = await this.postHits(index, kept.slice(0, request.limit), marks);
    return { hits, total: exhausted ? kept.length : kept.length + (ranked.length - checked), exact: exhausted };
  }

  /** A predicate over document numbers for the filters, built once per search; null when nothing is filtered. */
  private async postFilter(index: InvertedIndex, filters: SearchFilters, authors: string[], range: TimeRange): Promise<((doc: number) => boolean) | null> {
    let threadOk: Uint8Array | null = null;
    const narrowThreads = (ok: (threadId: string) => boolean) => {
      const next = new Uint8Array(index.threads.length);
      index.threads.forEach((threadId, n) => {
        if ((threadOk === null || threadOk[n] === 1) && ok(threadId)) next[n] = 1;
      });
      threadOk = next;
    };
    if (filters.forumId) {
      const prefix = `${filters.forumId}/t/`;
      narrowThreads((threadId) => threadId.startsWith(prefix));
    }
    if (filters.boardId) {
      const inBoard = new Set(await threadIdsOfBoard(this.db, filters.boardId));
      narrowThreads((threadId) => inBoard.has(threadId));
    }
    if (filters.threadId) narrowThreads((threadId) => threadId === filters.threadId);

    let authorOk: Uint8Array | null = null;
    if (authors.length > 0) {
      authorOk = new Uint8Array(index.authors.length);
      index.authors.forEach((author, n) => {
        const folded = foldText(author);
        if (authors.every((name) => folded.startsWith(name))) (authorOk as Uint8Array)[n] = 1;
      });
    }
    let bookmarked: Set<number> | null = null;
    if (filters.bookmarkedOnly) {
      bookmarked = new Set((await bookmarkedPostIds(this.db)).flatMap((postId) => {
        const doc = index.docOf(postId);
        return doc === undefined ? [] : [doc];
      }));
    }
    const threads = threadOk as Uint8Array | null;
    const authorSet = authorOk as Uint8Array | null;
    const dated = range.from > 0 || range.to < Number.MAX_SAFE_INTEGER;
    if (threads === null && authorSet === null && !dated && bookmarked === null) return null;
    return (doc) =>
      (threads === null || threads[index.threadNumberOf(doc)] === 1) &&
      (authorSet === null || authorSet[index.authorNumberOf(doc)] === 1) &&
      (!dated || (index.timeOfDoc(doc) >= range.from && index.timeOfDoc(doc) <= range.to)) &&
      (bookmarked === null || bookmarked.has(doc));
  }

  /**
   * Results for these documents, from memory but for the titles of threads changed since they
   * were read. A post whose thread is gone was removed with its forum, which queued it: it is left
   * out until the index catches up.
   */
  private async postHits(index: InvertedIndex, docs: number[], marks: MarkWords): Promise<SearchHit[]> {
    const titles = await this.titles.of(docs.map((doc) => index.threadOfDoc(doc)));
    return docs.flatMap((doc) => {
      const { threadId, postNumber, author, time } = index.fieldsOf(doc);
      const threadTitle = titles.get(threadId);
      if (threadTitle === undefined) return [];
      return {
        kind: 'post' as const,
        key: index.postIdOf(doc),
        forumId: forumIdOfThread(threadId),
        threadId,
        threadTitle,
        postNumber,
        author,
        date: new Date(time * 1000).toISOString(),
        snippet: makeSnippet(searchableText(index.textOf(doc), postNumber, threadTitle), marks),
      };
    });
  }

  private async searchNotes(query: ParsedQuery, filters: SearchFilters, byAuthor: boolean, range: TimeRange, marks: MarkWords): Promise<SearchHit[]> {
    if (!this.options.cacheNotes) this.notes = null;
    const notes = await (this.notes ??= readNotes(this.db));
    const matching = notes.filter((note) => noteMatches(note, query));
    if (matching.length === 0) return [];
    const threads = await threadsById(this.db, matching.map((note) => note.threadId));
    const kept = matching.filter((note) => noteInFilters(note, filters, byAuthor, inBoardOf(threads), range));
    const posts = await postsById(this.db, kept.flatMap((note) => (note.postId ? [note.postId] : [])));
    return kept.map((note) => {
      const post = note.postId ? posts.get(note.postId) : undefined;
      return {
        kind: note.kind,
        key: note.key,
        forumId: note.forumId,
        threadId: note.threadId,
        threadTitle: threads.get(note.threadId)?.title ?? '',
        postNumber: post?.postNumber ?? note.postNumber,
        author: post?.username ?? '',
        date: note.date,
        snippet: makeSnippet(note.text, marks),
      };
    });
  }
}
