// A long thread is read through a window: the bodies of the few pages of posts around what is on
// screen, each page read by its place in post order through the [threadId+postNumber] index (an
// offset skips natively) and kept live so edits show. At most MAX_PAGES pages are held, so memory
// stays bounded however far one scrolls. Nothing here needs all 10,000 ids before the first paint.
import Dexie, { liveQuery, type Subscription } from 'dexie';
import { useEffect, useRef, useState } from 'react';
import { useBackends } from '../../db/db-context';
import { postIdsOfThread } from '../../db/read-state';
import type { PostRow, ReaderDb, ThreadRow } from '../../db/reader-db';

export const PAGE_SIZE = 50;
/** Pages kept around the visible one: enough to scroll back a little without a reload. */
const MAX_PAGES = 8;

/**
 * The thread's post ids in post-number order; undefined until known for this thread. Read again
 * when the thread row's counts change (every commit that adds or removes posts updates them). Not
 * a live query: a live query records each of 10,000 keys it reads, which costs ten times the read.
 */
export function useThreadPostIds(thread: ThreadRow, enabled = true): string[] | undefined {
  const { db } = useBackends();
  const version = postsVersion(thread);
  const [read, setRead] = useState<{ threadId: string; ids: string[] } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    postIdsOfThread(db, thread.id).then(
      (ids) => {
        if (!cancelled) setRead({ threadId: thread.id, ids });
      },
      (error: unknown) => console.error('Could not read the posts of the thread', error),
    );
    return () => {
      cancelled = true;
    };
  }, [db, thread.id, version, enabled]);
  return read?.threadId === thread.id ? read.ids : undefined;
}

/** Changes whenever posts are added to or removed from the thread (commits update these). */
const postsVersion = (thread: ThreadRow) => `${thread.storedPostCount}:${thread.highestPostNumber}:${thread.lastPostedAt}`;

const postsInOrder = (db: ReaderDb, threadId: string) =>
  db.posts.where('[threadId+postNumber]').between([threadId, Dexie.minKey], [threadId, Dexie.maxKey]);

/** The post at `index` in post order, read alone (for a key press on a post not rendered yet). */
export const postAtIndex = (db: ReaderDb, threadId: string, index: number): Promise<PostRow | undefined> =>
  postsInOrder(db, threadId).offset(index).first();

/** The index in post order at which post number `postNumber` is, or would be. */
export const indexOfPostNumber = (db: ReaderDb, threadId: string, postNumber: number): Promise<number> =>
  db.posts.where('[threadId+postNumber]').between([threadId, Dexie.minKey], [threadId, postNumber], true, false).count();

interface Page {
  version: string;
  posts: PostRow[];
}

/**
 * Bodies of the posts with index in [first, last] (and a page either side), by index in post
 * order. A post not loaded yet is undefined: the list shows a placeholder of the estimated size.
 */
export function usePostWindow(
  thread: ThreadRow,
  first: number,
  last: number,
  /** The thread's ids once read: a page is then a bulkGet by key, quicker than skipping to it. */
  ids?: readonly string[],
): (index: number) => PostRow | undefined {
  const { db } = useBackends();
  const [pages, setPages] = useState<ReadonlyMap<number, Page>>(new Map());
  const subscriptions = useRef(new Map<string, Subscription>());
  const version = postsVersion(thread);
  const threadId = thread.id;
  const count = thread.storedPostCount;

  // A page either side is read ahead, so a fast scroll finds its posts already there.
  const firstPage = Math.max(0, Math.floor(first / PAGE_SIZE) - 1);
  const lastPage = Math.floor(Math.max(first, last) / PAGE_SIZE) + 1;

  useEffect(() => {
    const wanted = new Map<string, number>();
    const byKey = ids !== undefined && ids.length === count;
    for (let page = firstPage; page <= lastPage && page * PAGE_SIZE < Math.max(count, 1); page += 1) {
      wanted.set(`${page}:${version}:${byKey ? 'ids' : 'offset'}`, page);
    }
    const live = subscriptions.current;
    for (const [key, subscription] of live) {
      if (!wanted.has(key)) {
        subscription.unsubscribe();
        live.delete(key);
      }
    }
    for (const [key, page] of wanted) {
      if (live.has(key)) continue;
      const pageIds = byKey ? ids.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE) : null;
      const read = pageIds
        ? () => db.posts.bulkGet(pageIds).then((posts) => posts.filter((post): post is PostRow => post !== undefined))
        : () =>
            postsInOrder(db, threadId)
              .offset(page * PAGE_SIZE)
              .limit(PAGE_SIZE)
              .toArray();
      const subscription = liveQuery(read).subscribe({
        next: (posts) =>
          setPages((previous) => {
            const next = new Map(previous);
            next.set(page, { version, posts: keepUnchanged(previous.get(page)?.posts, posts) });
            // Forget the pages furthest from the ones in view.
            const byDistance = [...next.keys()].sort((a, b) => distance(b, firstPage, lastPage) - distance(a, firstPage, lastPage));
            while (next.size > MAX_PAGES) next.delete(byDistance.shift() as number);
            return next;
          }),
        error: (error: unknown) => console.error('Could not read posts of the thread', error),
      });
      live.set(key, subscription);
    }
  }, [db, threadId, version, count, firstPage, lastPage, ids]);

  useEffect(() => {
    const live = subscriptions.current;
    return () => {
      for (const subscription of live.values()) subscription.unsubscribe();
      live.clear();
    };
  }, []);

  // A page read before posts were added or removed may be stale for a moment; it is replaced
  // as soon as the new read arrives, and until then it is better than a blank.
  return (index: number) => pages.get(Math.floor(index / PAGE_SIZE))?.posts[index % PAGE_SIZE];
}

/**
 * Posts read again unchanged keep their identity, so a re-read (posts added elsewhere in the
 * thread) does not render and decorate every post on screen anew.
 */
export function keepUnchanged(before: readonly PostRow[] | undefined, posts: PostRow[]): PostRow[] {
  if (!before) return posts;
  const kept = new Map(before.map((post) => [post.id, post]));
  return posts.map((post) => {
    const old = kept.get(post.id);
    return old && (Object.keys(post) as Array<keyof PostRow>).every((field) => old[field] === post[field]) ? old : post;
  });
}

const distance = (page: number, first: number, last: number) => (page < first ? first - page : page > last ? page - last : 0);
