// Writes synced posts inside an open Dexie transaction and tells live queries precisely what
// changed: the threads' post-number ranges. Through Dexie's own bulkPut, 50 rows or more mark
// the whole posts table as changed, so every open thread, quote link and highlight re-read its
// posts after each batch of any thread, and those reads held up the next batch's transaction.
import { mergeRanges, RangeSet, type ObservabilitySet, type Transaction } from 'dexie';
import type { PostRow } from './reader-db';

/**
 * Where Dexie 4 collects a transaction's changed parts (not in its typings); on commit it tells
 * live queries and drops the cached reads they overlap (test/unit/db/live-queries.test.ts holds
 * Dexie to it).
 */
type ObservedTransaction = IDBTransaction & { mutatedParts?: ObservabilitySet };

export function putPostsObserved(tx: Transaction, posts: readonly PostRow[]): void {
  if (posts.length === 0) return;
  const idbtrans = tx.idbtrans as ObservedTransaction;
  const store = idbtrans.objectStore('posts');
  // Not awaited one by one: a failed put aborts the transaction, and Dexie rejects it.
  for (const post of posts) store.put(post);

  const part = (index: string) => `idb://${tx.db.name}/posts/${index}`;
  let lowestId = posts[0]!.id;
  let highestId = lowestId;
  const forums = new RangeSet();
  for (const post of posts) {
    if (post.id < lowestId) lowestId = post.id;
    if (post.id > highestId) highestId = post.id;
    forums.addKey(post.forumId);
  }
  const byThread = new RangeSet();
  for (const [threadId, span] of postNumberSpans(posts)) byThread.add({ from: [threadId, span.from], to: [threadId, span.to] });
  // One range over the batch's ids rather than a thousand keys: every live query merges each
  // change into its own set, so the set's size is paid once per open query.
  const ids = () => new RangeSet(lowestId, highestId);
  const changed: ObservabilitySet = {
    [part('')]: ids(),
    [part(':dels')]: ids(),
    [part('forumId')]: forums,
    [part('[threadId+postNumber]')]: byThread,
  };
  const parts = (idbtrans.mutatedParts ??= {});
  for (const [key, set] of Object.entries(changed)) {
    const before = parts[key];
    if (before) mergeRanges(before, set);
    else parts[key] = set;
  }
}

/** Each thread's lowest and highest post number among these posts. */
export function postNumberSpans(posts: readonly Pick<PostRow, 'threadId' | 'postNumber'>[]): Map<string, { from: number; to: number }> {
  const spans = new Map<string, { from: number; to: number }>();
  for (const post of posts) {
    const span = spans.get(post.threadId);
    if (!span) spans.set(post.threadId, { from: post.postNumber, to: post.postNumber });
    else {
      span.from = Math.min(span.from, post.postNumber);
      span.to = Math.max(span.to, post.postNumber);
    }
  }
  return spans;
}
