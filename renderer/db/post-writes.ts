// Writing and removing posts: the one place it is done. A stored post is always counted on its
// thread (storedPostCount, and unreadCount while it has no read mark) and always queued for the
// search index, in the same transaction that writes it. A sync batch, one's own sent reply, a
// library import and removing a forum all write posts through here, inside their own transaction.
import Dexie, { type Table, type Transaction } from 'dexie';
import type { Thread } from '../../shared/model';
import { postNumberSpans, putPostsObserved } from './put-posts-observed';
import { searchQueueRows, type PostRow, type ReadMarkRow, type ReaderDb, type SearchQueueRow, type ThreadRow } from './reader-db';

/** The tables every transaction that writes or removes posts must hold. */
export const postWriteTables = (db: ReaderDb) => [db.posts, db.threads, db.readMarks, db.searchQueue];

export interface PostChanges {
  /** New posts, or newer copies of stored ones. */
  posts: readonly PostRow[];
  removedPostIds?: readonly string[];
  /** Threads that arrive with the posts (a sync batch): stored with their counts. */
  threads?: readonly Thread[];
  /** Set when new posts arrive read (one's own reply): they add to the stored count, not to the unread one. */
  readAt?: string;
  /**
   * The search queue row listing these changes, for a caller that hands the posts to the index
   * itself once the transaction commits (a sync commit: features/search takes the row off then).
   */
  queueRow?: SearchQueueRow;
}

/** Writes posts and removes others inside the caller's transaction, keeping counts and the search queue. */
export async function writePosts(tx: Transaction, changes: PostChanges): Promise<void> {
  const posts = tx.table<PostRow, string>('posts');
  const readMarks = tx.table<ReadMarkRow, string>('readMarks');
  const threads = tx.table<ThreadRow, string>('threads');
  const removedIds = [...(changes.removedPostIds ?? [])];
  const [existing, removed, removedMarks] = await Promise.all([storedAmong(posts, changes.posts), posts.bulkGet(removedIds), readMarks.bulkGet(removedIds)]);
  const stored = new Set(existing.flat());
  // Per thread: the change in stored posts, and in unread ones (a removed post that was read
  // takes its read mark with it, not a count off unread).
  const delta = new Map<string, { stored: number; unread: number }>();
  const bump = (threadId: string, storedChange: number, unreadChange: number) => {
    const change = delta.get(threadId) ?? { stored: 0, unread: 0 };
    delta.set(threadId, { stored: change.stored + storedChange, unread: change.unread + unreadChange });
  };
  const added = new Map<string, PostRow>();
  for (const post of changes.posts) {
    if (stored.has(post.id) || added.has(post.id)) continue;
    added.set(post.id, post);
    bump(post.threadId, 1, changes.readAt ? 0 : 1);
  }
  removed.forEach((post, i) => {
    if (post) bump(post.threadId, -1, removedMarks[i] ? 0 : -1);
  });

  const incoming = new Map((changes.threads ?? []).map((thread) => [thread.id, thread]));
  const threadIds = [...new Set([...incoming.keys(), ...delta.keys()])];
  const storedThreads = new Map((await threads.bulkGet(threadIds)).filter((row) => row !== undefined).map((row) => [row.id, row]));
  const rows: ThreadRow[] = [];
  for (const id of threadIds) {
    const before = storedThreads.get(id);
    const thread = incoming.get(id) ?? before;
    if (!thread) continue;
    const change = delta.get(id) ?? { stored: 0, unread: 0 };
    rows.push({
      ...thread,
      storedPostCount: Math.max(0, (before?.storedPostCount ?? 0) + change.stored),
      unreadCount: Math.max(0, (before?.unreadCount ?? 0) + change.unread),
    });
  }

  putPostsObserved(tx, changes.posts);
  const { readAt } = changes;
  if (readAt) await readMarks.bulkPut([...added.values()].map((post) => ({ postId: post.id, threadId: post.threadId, readAt })));
  await posts.bulkDelete(removedIds);
  await readMarks.bulkDelete(removedIds.filter((_, i) => removedMarks[i] !== undefined));
  await threads.bulkPut(rows);
  // The search index follows in the background (features/search); queueing here, in the same
  // transaction, means no committed change can escape it.
  if (changes.queueRow) await tx.table<SearchQueueRow, string>('searchQueue').add(changes.queueRow);
  else await queueForIndex(tx, [...changes.posts.map((post) => post.id), ...removedIds]);
}

/**
 * Removes every post of a forum with its read marks, and counts none on its threads (removing a
 * forum deletes them next). Reads keys only: a forum may hold a hundred thousand posts.
 */
export async function removePostsOfForum(tx: Transaction, forumId: string): Promise<number> {
  const postIds = (await tx.table('posts').where('forumId').equals(forumId).primaryKeys()) as string[];
  await tx.table('posts').bulkDelete(postIds);
  await tx.table('readMarks').bulkDelete(postIds);
  await tx.table<ThreadRow, string>('threads').where('forumId').equals(forumId).modify({ storedPostCount: 0, unreadCount: 0 });
  await queueForIndex(tx, postIds);
  return postIds.length;
}

/**
 * Works out threads' stored and unread counts from their rows, after rows were put whole (a
 * library import puts threads with the file's counts, and read marks of its own).
 */
export async function recountThreads(tx: Transaction, threadIds: Iterable<string>): Promise<void> {
  const threads = tx.table<ThreadRow, string>('threads');
  for (const threadId of threadIds) {
    const thread = await threads.get(threadId);
    if (!thread) continue;
    const [postIds, readIds] = await Promise.all([
      tx.table('posts').where('[threadId+postNumber]').between([threadId, Dexie.minKey], [threadId, Dexie.maxKey]).primaryKeys(),
      tx.table('readMarks').where('threadId').equals(threadId).primaryKeys(),
    ]);
    const read = new Set(readIds);
    const storedPostCount = postIds.length;
    const unreadCount = postIds.filter((id) => !read.has(id)).length;
    if (thread.storedPostCount !== storedPostCount || thread.unreadCount !== unreadCount) {
      await threads.update(threadId, { storedPostCount, unreadCount });
    }
  }
}

async function queueForIndex(tx: Transaction, postIds: string[]): Promise<void> {
  const rows = searchQueueRows(postIds);
  if (rows.length > 0) await tx.table<SearchQueueRow, string>('searchQueue').bulkAdd(rows);
}

/**
 * Which of these posts are stored already. One index range per thread, covering the posts' post
 * numbers, reads keys only; looking up 500 ids one by one cost more than writing the posts.
 */
function storedAmong(posts: Table<PostRow, string>, incoming: readonly PostRow[]): Promise<string[][]> {
  return Promise.all(
    [...postNumberSpans(incoming)].map(([threadId, span]) =>
      posts
        .where('[threadId+postNumber]')
        .between([threadId, span.from], [threadId, span.to], true, true)
        .primaryKeys() as Promise<string[]>,
    ),
  );
}
