// A post counts as read once it has been on screen: half of it visible, or, for a post taller than
// the pane, half of the pane filled by it. Marks are written in small batches.
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { useBackends } from '../../db/db-context';
import { markPostsRead } from '../../db/read-state';

const FLUSH_MS = 200;

/**
 * Returns `observe(element)` for a rendered post (its `data-post-id` names it), giving back the
 * function that stops observing. `isRead` lets posts already read cost nothing.
 */
export function useReadMarking(rootRef: RefObject<HTMLElement | null>, isRead: (postId: string) => boolean) {
  const { db } = useBackends();
  const observer = useRef<IntersectionObserver | null>(null);
  const waiting = useRef(new Set<Element>());
  const pending = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const isReadRef = useRef(isRead);
  isReadRef.current = isRead;

  const flush = useCallback(() => {
    timer.current = null;
    const ids = [...pending.current];
    pending.current.clear();
    markPostsRead(db, ids).catch((error: unknown) => console.error('Could not store read marks', error));
  }, [db]);

  const ensureObserver = useCallback((): IntersectionObserver | null => {
    const root = rootRef.current;
    if (observer.current || !root) return observer.current;
    observer.current = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          const rootHeight = entry.rootBounds?.height ?? root.clientHeight;
          const seen = entry.intersectionRatio >= 0.5 || entry.intersectionRect.height >= rootHeight / 2;
          const postId = (entry.target as HTMLElement).dataset['postId'];
          if (!seen || !postId) continue;
          // Once seen, a post is done with: marking it unread later is not undone by the screen.
          observer.current?.unobserve(entry.target);
          if (!isReadRef.current(postId)) pending.current.add(postId);
        }
        if (pending.current.size > 0 && timer.current === null) timer.current = setTimeout(flush, FLUSH_MS);
      },
      { root, threshold: [0, 0.25, 0.5, 0.75, 1] },
    );
    for (const element of waiting.current) observer.current.observe(element);
    waiting.current.clear();
    return observer.current;
  }, [rootRef, flush]);

  useEffect(() => {
    ensureObserver();
    return () => {
      observer.current?.disconnect();
      observer.current = null;
      if (timer.current !== null) {
        clearTimeout(timer.current);
        flush();
      }
    };
  }, [ensureObserver, flush]);

  return useCallback(
    (element: HTMLElement) => {
      const current = ensureObserver();
      if (current) current.observe(element);
      else waiting.current.add(element);
      return () => {
        waiting.current.delete(element);
        observer.current?.unobserve(element);
      };
    },
    [ensureObserver],
  );
}
