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

type Listener = (committed: CommittedPosts) => void;
const listeners = new Set<Listener>();

/** Returns the function that stops listening. */
export function onPostsCommitted(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function postsCommitted(committed: CommittedPosts): void {
  for (const listener of listeners) listener(committed);
}
