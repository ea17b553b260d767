// Who wants to know, right after a sync transaction, what it wrote. The search index listens so
// it can index the posts it is handed instead of reading them back from disk; the search queue
// row written in the same transaction stays the durable record if nobody is listening.
import type { PostRow, ReaderDb } from './reader-db';

export interface CommittedPosts {
  db: ReaderDb;
  posts: PostRow[];
  removedPostIds: string[];
  /** Titles of the threads in the batch, by thread id. */
  threadTitles: Record<string, string>;
  /** The search queue row that lists these posts. */
  queueKey: string;
}

/**
 * Told before the transaction starts: the index worker sees the queue row as soon as it commits,
 * before the posts can reach it, and would otherwise read them back from disk as if nobody were
 * handing them over.
 */
export interface CommittingPosts {
  db: ReaderDb;
  queueKey: string;
  /** True once the transaction has committed (the posts follow), false if it failed. */
  outcome: Promise<boolean>;
}

type Listener<T> = (event: T) => void;
const committingListeners = new Set<Listener<CommittingPosts>>();
const committedListeners = new Set<Listener<CommittedPosts>>();

function listen<T>(listeners: Set<Listener<T>>, listener: Listener<T>): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Returns the function that stops listening. */
export const onPostsCommitting = (listener: Listener<CommittingPosts>): (() => void) => listen(committingListeners, listener);

/** Returns the function that stops listening. */
export const onPostsCommitted = (listener: Listener<CommittedPosts>): (() => void) => listen(committedListeners, listener);

export function postsCommitting(committing: CommittingPosts): void {
  for (const listener of committingListeners) listener(committing);
}

export function postsCommitted(committed: CommittedPosts): void {
  for (const listener of committedListeners) listener(committed);
}
