// The messages between the page and the index worker.
import type { CommittedPosts } from '../../db/posts-committed';
import type { SearchRequest, SearchResponse } from './search-types';

export type ToWorker =
  | { type: 'open'; dbName: string }
  | { type: 'catch-up' }
  | { type: 'handover-expected'; queueKey: string }
  | { type: 'handover-cancelled'; queueKey: string }
  | ({ type: 'index-committed' } & Omit<CommittedPosts, 'db'>)
  | { type: 'notes-changed' }
  | { type: 'threads-changed' }
  | { type: 'search'; id: number; request: SearchRequest };

export type FromWorker =
  | { type: 'progress'; done: number; pending: number; version: number; ready: boolean }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; response: SearchResponse }
  | { type: 'search-failed'; id: number; message: string };
