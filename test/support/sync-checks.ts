// What a sync must leave behind, checked against the sample forum's own store.
import Dexie from 'dexie';
import { expect } from 'vitest';
import { postIdFor, threadIdFor } from '../../shared/model';
import type { ForumStore } from '../../main/sample-forum/forum-store';
import type { ReaderDb } from '../../renderer/db/reader-db';

/** Every live post of every live topic, as the reader keys them. */
export function serverPostIds(store: ForumStore, forumId: string): string[] {
  const ids: string[] = [];
  for (const topic of store.topics.values()) {
    if (topic.deletedAt !== null) continue;
    for (const post of topic.posts) ids.push(postIdFor(forumId, post.id));
  }
  return ids.sort();
}

/** The stored posts are exactly the server's: none missing, none extra (ids are keys, so none twice). */
export async function expectStoredEqualsServer(db: ReaderDb, store: ForumStore, forumId: string): Promise<void> {
  const stored = ((await db.posts.where('forumId').equals(forumId).primaryKeys()) as string[]).sort();
  const server = serverPostIds(store, forumId);
  const missing = server.filter((id) => !stored.includes(id));
  const extra = stored.filter((id) => !server.includes(id));
  expect({ missing: missing.slice(0, 10), extra: extra.slice(0, 10), stored: stored.length }).toEqual({ missing: [], extra: [], stored: server.length });
  // Each stored post sits under its own thread and number, once.
  for (const topic of store.topics.values()) {
    if (topic.deletedAt !== null) continue;
    const threadId = threadIdFor(forumId, topic.id);
    const posts = await db.posts.where('[threadId+postNumber]').between([threadId, Dexie.minKey], [threadId, Dexie.maxKey]).toArray();
    expect(posts.map((post) => post.postNumber)).toEqual(topic.posts.map((post) => post.postNumber));
  }
}

/**
 * What holds after any run, even one stopped midway: each thread's stored count is its number of
 * stored posts, and a completed thread's cursor names exactly the posts stored for it.
 */
export async function expectConsistent(db: ReaderDb, forumId: string): Promise<void> {
  const threads = await db.threads.where('forumId').equals(forumId).toArray();
  for (const thread of threads) {
    const keys = (await db.posts.where('[threadId+postNumber]').between([thread.id, Dexie.minKey], [thread.id, Dexie.maxKey]).primaryKeys()) as string[];
    expect({ thread: thread.id, stored: thread.storedPostCount }).toEqual({ thread: thread.id, stored: keys.length });
    const cursor = await db.threadCursors.get(thread.id);
    if (cursor?.postIds && cursor.postIds.length === keys.length) {
      expect(cursor.postIds.map((id) => postIdFor(forumId, id)).sort()).toEqual([...keys].sort());
    }
  }
}
