// What the search view asks the index worker, and what it gets back. Plain data: it crosses the
// worker boundary by structured clone.
import type { SnippetPart } from './make-snippet';

export type SearchSort = 'relevance' | 'newest';

export interface SearchFilters {
  forumId: string | null;
  boardId: string | null;
  threadId: string | null;
  /** A username or the start of one (folded before matching). */
  author: string;
  /** Inclusive local calendar days, YYYY-MM-DD. */
  from: string;
  to: string;
  bookmarkedOnly: boolean;
}

export const NO_FILTERS: SearchFilters = { forumId: null, boardId: null, threadId: null, author: '', from: '', to: '', bookmarkedOnly: false };

export interface SearchRequest {
  query: string;
  filters: SearchFilters;
  sort: SearchSort;
  limit: number;
}

export type HitKind = 'post' | 'bookmark' | 'highlight' | 'draft';

export interface SearchHit {
  kind: HitKind;
  /** Unique among the hits (the row id of its kind). */
  key: string;
  forumId: string;
  threadId: string;
  threadTitle: string;
  /** The post the hit belongs to; null for a draft that replies to the thread as a whole. */
  postNumber: number | null;
  author: string;
  /** ISO date: the post's, or when the note or draft was written. */
  date: string;
  snippet: SnippetPart[];
}

export interface SearchResponse {
  hits: SearchHit[];
  /** Matching posts, notes and drafts (an upper bound when `exact` is false). */
  total: number;
  /** False when phrases were checked only as far as the hits shown. */
  exact: boolean;
  /** Folded words a hit was marked for, so the reader can mark them too. */
  markedWords: string[];
  markedPrefixes: string[];
  tookMs: number;
}

export interface IndexProgress {
  /** Posts waiting to be indexed. */
  pending: number;
  /** Posts indexed since the catch-up started. */
  done: number;
  /** Whether the stored index has been read (queries wait for it). */
  ready: boolean;
}
