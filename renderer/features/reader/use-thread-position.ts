// Where a thread opens and which post is current: the opening post (its first unread one, or a
// jump's target), jumps within the thread, j/k moves and the post that has focus. The thread's
// virtualizer lives here because every one of these moves scrolls it.
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { firstUnreadIndex } from '../../db/read-state';
import type { ReaderDb, ThreadRow } from '../../db/reader-db';
import { useReading } from './reading-store';
import { indexOfPostNumber, useThreadPostIds } from './thread-window';

/** A post's height before it is measured; close to a typical post so jumps land near the mark. */
export const ESTIMATED_POST_HEIGHT = 180;
/** Threads this short are not windowed at all. */
const RENDER_WHOLE_UNDER = 200;

export interface CurrentPost {
  index: number;
  /** Moves when the current post should take keyboard focus (a jump, j/k), not when it was only scrolled to. */
  focusToken: number;
}

export interface ThreadPosition {
  /** Where the thread opened; null until known. */
  start: number | null;
  /** The thread's post ids in order, once read. */
  ids: string[] | undefined;
  current: CurrentPost | null;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  /** Makes a post current, focuses it and scrolls it to the top. */
  moveTo: (index: number) => void;
  /** The current post if it is on screen, else the first post on screen: where j and k start from. */
  anchorIndex: () => number;
  /** A post took focus (a click or Tab): it becomes current without moving. */
  focusedAt: (index: number) => void;
}

/**
 * A long thread (`longThread`) opens before its post ids are read, where its read posts end, and
 * moves to an earlier unread post once they are in; a short one reads them first.
 */
export function useThreadPosition(db: ReaderDb, thread: ThreadRow, longThread: boolean, scroller: RefObject<HTMLDivElement | null>): ThreadPosition {
  const count = thread.storedPostCount;
  const [start, setStart] = useState<number | null>(null);
  const [current, setCurrent] = useState<CurrentPost | null>(null);
  // All ids are read before a short thread is shown (its signatures are indexed first), and
  // after a long one is (for its signatures, and to check where it opened).
  const ids = useThreadPostIds(thread, !longThread || start !== null);
  const provisional = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (start !== null || (!longThread && !ids)) return;
    let cancelled = false;
    const target = useReading.getState().target;
    if (target?.threadId === thread.id) useReading.getState().clearTarget();
    const opening =
      target?.threadId === thread.id
        ? indexOfPostNumber(db, thread.id, target.postNumber)
        : longThread
          ? Promise.resolve(likelyFirstUnreadIndex(thread))
          : firstUnreadIndex(db, thread.id, ids);
    provisional.current = target?.threadId !== thread.id && longThread;
    void opening.then((index) => {
      if (cancelled) return;
      const at = Math.max(0, Math.min(index, count - 1));
      setStart(at);
      // A key pressed while the thread was opening has already chosen the post.
      setCurrent((now) => now ?? { index: at, focusToken: target?.threadId === thread.id ? 1 : 0 });
    });
    return () => {
      cancelled = true;
    };
    // Where to open is decided once, with the thread as it was when opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, ids, start, thread.id, longThread]);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_POST_HEIGHT,
    // A short thread is rendered whole (find-in-page and assistive technology see all of it).
    overscan: count <= RENDER_WHOLE_UNDER ? count : 3,
    initialOffset: () => (start ?? 0) * ESTIMATED_POST_HEIGHT,
    paddingEnd: 48,
  });

  const moveTo = useCallback(
    (index: number) => {
      if (count === 0) return;
      const at = Math.max(0, Math.min(index, count - 1));
      setCurrent((previous) => ({ index: at, focusToken: (previous?.focusToken ?? 0) + 1 }));
      virtualizer.scrollToIndex(at, { align: 'start' });
    },
    [count, virtualizer],
  );

  // A long thread opened where its read posts end, without reading all its ids first; once they
  // are read, if an earlier post is still unread (read out of order), go there instead, unless
  // the person has already moved.
  useEffect(() => {
    if (!ids || start === null || !provisional.current) return;
    provisional.current = false;
    void firstUnreadIndex(db, thread.id, ids).then((exact) => {
      if (!mounted.current || exact === start) return;
      setCurrent((now) => {
        if (now?.index !== start || now.focusToken !== 0) return now;
        virtualizer.scrollToIndex(exact, { align: 'start' });
        return { index: exact, focusToken: 0 };
      });
    });
  }, [db, ids, start, thread.id, virtualizer]);

  // Jumps within this thread ("in reply to", quotes, Back).
  const target = useReading((s) => s.target);
  useEffect(() => {
    if (!target || target.threadId !== thread.id || start === null) return;
    // Taken, so that opening this thread again later starts at its first unread post instead.
    useReading.getState().clearTarget();
    void indexOfPostNumber(db, thread.id, target.postNumber).then((index) => {
      if (mounted.current) moveTo(index);
    });
  }, [db, target, thread.id, start, moveTo]);

  const anchorIndex = useCallback((): number => {
    const offset = virtualizer.scrollOffset ?? 0;
    const height = scroller.current?.clientHeight ?? 0;
    const onScreen = virtualizer.getVirtualItems().filter((item) => item.end > offset + 1 && item.start < offset + height);
    if (current && onScreen.some((item) => item.index === current.index)) return current.index;
    return onScreen[0]?.index ?? current?.index ?? 0;
  }, [virtualizer, current, scroller]);

  const focusedAt = useCallback((index: number) => {
    setCurrent((previous) => (previous?.index === index ? previous : { index, focusToken: previous?.focusToken ?? 0 }));
  }, []);

  return { start, ids, current, virtualizer, moveTo, anchorIndex, focusedAt };
}

/**
 * Scrolls to the opening post in the commit that first renders posts, after they are measured and
 * before the read marker looks: the opening post is at the top before anything counts as seen.
 */
export function useOpenAtStart({ start, current, virtualizer }: ThreadPosition, ready: boolean): void {
  const positioned = useRef(false);
  useLayoutEffect(() => {
    if (!ready || positioned.current || start === null) return;
    positioned.current = true;
    const at = current?.index ?? start;
    if (at > 0) virtualizer.scrollToIndex(at, { align: 'start' });
  }, [ready, start, current, virtualizer]);
}

/**
 * Where a long thread opens before its ids are read: just past its read posts, which is the first
 * unread one whenever the thread was read in order (the usual way). Checked once the ids are in.
 */
function likelyFirstUnreadIndex(thread: ThreadRow): number {
  if (thread.unreadCount === 0 || thread.unreadCount >= thread.storedPostCount) return 0;
  return thread.storedPostCount - thread.unreadCount;
}
