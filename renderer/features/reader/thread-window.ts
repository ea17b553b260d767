// A long thread is read through a window: the ordered ids of all its posts (keys only, cheap),
// and the bodies of the few pages around what is on screen, each page a live query so edits show.
// At most MAX_PAGES pages are held, so memory stays bounded however far one scrolls.
import Dexie, { liveQuery, type Subscription } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useBackends } from '../../db/db-context';
import { postIdsOfThread } from '../../db/read-state';
import type { PostRow, ReaderDb } from '../../db/reader-db';

export const PAGE_SIZE = 50;
/** Pages kept around the visible one: enough to scroll back a little without a reload. */
const MAX_PAGES = 8;

/** The thread's post ids in post-number order, live; undefined until known for this thread. */
export function useThreadPostIds(threadId: string): string[] | undefined {
  const { db } = useBackends();
  const result = useLiveQuery(async () => ({ threadId, ids: await postIdsOfThread(db, threadId) }), [db, threadId]);
  return result?.threadId === threadId ? result.ids : undefined;
}

/** The index in post order at which post number `postNumber` is, or would be. */
export const indexOfPostNumber = (db: ReaderDb, threadId: string, postNumber: number): Promise<number> =>
  db.posts.where('[threadId+postNumber]').between([threadId, Dexie.minKey], [threadId, postNumber], true, false).count();

interface Page {
  ids: readonly string[];
  posts: (PostRow | undefined)[];
}

/**
 * Bodies of the posts with index in [first, last] (and a page either side), by index. A post not
 * loaded yet is undefined: the list shows a placeholder of the estimated size.
 */
export function usePostWindow(ids: readonly string[], first: number, last: number): (index: number) => PostRow | undefined {
  const { db } = useBackends();
  const [pages, setPages] = useState<ReadonlyMap<number, Page>>(new Map());
  const subscriptions = useRef(new Map<string, { page: number; subscription: Subscription }>());

  const firstPage = Math.max(0, Math.floor(first / PAGE_SIZE) - (first % PAGE_SIZE < PAGE_SIZE / 4 ? 1 : 0));
  const lastPage = Math.floor(Math.max(first, last) / PAGE_SIZE) + (last % PAGE_SIZE >= (PAGE_SIZE * 3) / 4 ? 1 : 0);

  useEffect(() => {
    const wanted = new Map<string, { page: number; ids: string[] }>();
    for (let page = firstPage; page <= lastPage && page * PAGE_SIZE < ids.length; page += 1) {
      const pageIds = ids.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
      wanted.set(`${page}:${pageIds[0]}:${pageIds.at(-1)}:${pageIds.length}`, { page, ids: pageIds });
    }
    const live = subscriptions.current;
    for (const [key, { subscription }] of live) {
      if (!wanted.has(key)) {
        subscription.unsubscribe();
        live.delete(key);
      }
    }
    for (const [key, { page, ids: pageIds }] of wanted) {
      if (live.has(key)) continue;
      const subscription = liveQuery(() => db.posts.bulkGet(pageIds)).subscribe({
        next: (posts) =>
          setPages((previous) => {
            const next = new Map(previous);
            next.set(page, { ids: pageIds, posts });
            // Forget the pages furthest from the ones in view.
            const byDistance = [...next.keys()].sort((a, b) => distance(b, firstPage, lastPage) - distance(a, firstPage, lastPage));
            while (next.size > MAX_PAGES) next.delete(byDistance.shift() as number);
            return next;
          }),
        error: (error: unknown) => console.error('Could not read posts of the thread', error),
      });
      live.set(key, { page, subscription });
    }
  }, [db, ids, firstPage, lastPage]);

  useEffect(() => {
    const live = subscriptions.current;
    return () => {
      for (const { subscription } of live.values()) subscription.unsubscribe();
      live.clear();
    };
  }, []);

  return (index: number) => {
    const page = pages.get(Math.floor(index / PAGE_SIZE));
    const post = page?.posts[index % PAGE_SIZE];
    // A page read before posts were inserted or removed may hold another post at this index.
    return post && post.id === ids[index] ? post : undefined;
  };
}

const distance = (page: number, first: number, last: number) => (page < first ? first - page : page > last ? page - last : 0);
