import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useBackends } from '../../db/db-context';
import { forumById, threadById } from '../../db/queries';
import { firstUnreadIndex, readAmong } from '../../db/read-state';
import type { PostRow, ThreadRow } from '../../db/reader-db';
import { useReader } from '../../state/reader-store';
import { runPostCommand } from '../../state/post-commands';
import { useReaderSettings } from '../../db/settings';
import { useOnline } from '../../ui/use-online';
import { registerReaderCommands } from './keyboard-map';
import { PostView } from './PostView';
import { useReading } from './reading-store';
import { signatureDisplay, trailingBlockKey } from './signatures';
import { ThreadToolbar } from './ThreadToolbar';
import { indexOfPostNumber, postAtIndex, usePostWindow, useThreadPostIds } from './thread-window';
import { useReadMarking } from './use-read-marking';
import { useSignatureIndex } from './use-signature-index';
import './reader.css';

/** A post's height before it is measured; close to a typical post so jumps land near the mark. */
const ESTIMATED_POST_HEIGHT = 180;
/** Threads this short are not windowed at all. */
const RENDER_WHOLE_UNDER = 200;
/** Threads this short are indexed for signatures before they are shown, so nothing folds later. */
const SIGNATURES_FIRST_UNDER = 500;

export function ThreadPane() {
  const { db } = useBackends();
  const threadId = useReader((s) => s.selectedThreadId);
  const thread = useLiveQuery(() => (threadId ? threadById(db, threadId) : undefined), [db, threadId]);
  const shown = thread && thread.id === threadId ? thread : undefined;

  useEffect(() => {
    document.title = shown ? `${shown.title} – Forum Reader` : 'Forum Reader';
  }, [shown?.title]);

  return (
    <section className="pane thread-pane" aria-label="Thread">
      {!threadId && <p className="empty">Choose a thread to read.</p>}
      {shown && <ThreadReader key={shown.id} thread={shown} />}
    </section>
  );
}

interface Current {
  index: number;
  focusToken: number;
}

function ThreadReader({ thread }: { thread: ThreadRow }) {
  const { db } = useBackends();
  const settings = useReaderSettings();
  const online = useOnline();
  const count = thread.storedPostCount;
  const longThread = count >= SIGNATURES_FIRST_UNDER;
  const forum = useLiveQuery(() => forumById(db, thread.forumId), [db, thread.forumId]);
  const scroller = useRef<HTMLDivElement>(null);
  /** Where the thread opened (its first unread post, or a jump's target); null until known. */
  const [start, setStart] = useState<number | null>(null);
  const [current, setCurrent] = useState<Current | null>(null);
  // All ids are read before a short thread is shown (its signatures are indexed first), and
  // after a long one is (for its signatures, and to check where it opened).
  const ids = useThreadPostIds(thread, !longThread || start !== null);
  const signatures = useSignatureIndex(thread.id, ids, { background: longThread, enabled: !longThread || start !== null });
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


  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const postAt = usePostWindow(thread, first, last, ids);
  const visibleIds = items.map((item) => postAt(item.index)?.id).filter((id): id is string => id !== undefined);
  const readIds = useLiveQuery(() => readAmong(db, visibleIds), [db, visibleIds.join('\n')]);
  const isRead = useCallback((postId: string) => readIds?.has(postId) ?? false, [readIds]);
  const observe = useReadMarking(scroller, isRead);

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

  /** The current post if it is on screen, else the first post on screen: where j and k start from. */
  const anchorIndex = useCallback((): number => {
    const offset = virtualizer.scrollOffset ?? 0;
    const height = scroller.current?.clientHeight ?? 0;
    const onScreen = virtualizer.getVirtualItems().filter((item) => item.end > offset + 1 && item.start < offset + height);
    if (current && onScreen.some((item) => item.index === current.index)) return current.index;
    return onScreen[0]?.index ?? current?.index ?? 0;
  }, [virtualizer, current]);

  const currentPost = useCallback(async (): Promise<PostRow | undefined> => {
    const index = anchorIndex();
    return postAt(index) ?? (await postAtIndex(db, thread.id, index));
  }, [anchorIndex, postAt, db, thread.id]);

  useEffect(
    () =>
      registerReaderCommands({
        'next-post': () => moveTo(anchorIndex() + 1),
        'previous-post': () => moveTo(anchorIndex() - 1),
        'first-post': () => moveTo(0),
        'last-post': () => moveTo(count - 1),
        bookmark: () => void currentPost().then((post) => post && runPostCommand('bookmark', post)),
        reply: () => void currentPost().then((post) => post && runPostCommand('reply', post)),
      }),
    [moveTo, anchorIndex, count, currentPost],
  );

  const ready = start !== null && (signatures.ready || longThread);
  const remoteImages = settings.loadRemoteImages && online;
  // Runs in the commit that first renders posts, after they are measured and before the read
  // marker looks: the opening post is at the top before anything counts as seen.
  const positioned = useRef(false);
  useLayoutEffect(() => {
    if (!ready || positioned.current || start === null) return;
    positioned.current = true;
    const at = current?.index ?? start;
    if (at > 0) virtualizer.scrollToIndex(at, { align: 'start' });
  }, [ready, start, current, virtualizer]);
  // Stable, so that memoised posts do not all render again whenever the list does.
  const latest = useRef({ items, postAt });
  latest.current = { items, postAt };
  const onFocusPost = useCallback((postNumber: number) => {
    const { items: shown, postAt: at } = latest.current;
    const index = shown.find((item) => at(item.index)?.postNumber === postNumber)?.index;
    if (index !== undefined) setCurrent((previous) => (previous?.index === index ? previous : { index, focusToken: previous?.focusToken ?? 0 }));
  }, []);

  return (
    <>
      <ThreadToolbar
        thread={thread}
        showSignatures={settings.showSignatures}
        onGoToPost={(postNumber) => {
          const from = current ? postAt(current.index)?.postNumber : undefined;
          useReading.getState().jumpTo({ threadId: thread.id, postNumber }, from ? { threadId: thread.id, postNumber: from } : undefined);
        }}
      />
      <div className="thread-scroller" ref={scroller}>
        {count === 0 && <p className="empty">No posts of this thread are stored yet.</p>}
        <div className="thread-canvas" style={{ height: ready ? virtualizer.getTotalSize() : 0 }}>
          {ready && (
            <div
              className="posts"
              role="feed"
              aria-label="Posts"
              aria-busy={items.some((item) => !postAt(item.index))}
              style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}
            >
              {items.map((item) => {
                const post = postAt(item.index);
                return (
                  <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="post-slot">
                    {post ? (
                      <ObservedPost
                        post={post}
                        observe={observe}
                        position={item.index + 1}
                        setSize={count}
                        read={readIds?.has(post.id) ?? true}
                        isCurrent={current?.index === item.index}
                        focusToken={current?.index === item.index ? current.focusToken : 0}
                        signature={signatureDisplay(
                          signatures.index.match(post.username, signatureKeyOf(post)),
                          post.postNumber,
                          settings.showSignatures,
                        )}
                        remoteImages={remoteImages}
                        forumBaseUrl={forum?.baseUrl ?? null}
                        onFocusPost={onFocusPost}
                      />
                    ) : (
                      <div className="post post-loading" style={{ height: ESTIMATED_POST_HEIGHT - 12 }} aria-hidden="true" />
                    )}
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
    </>
  );
}

const signatureKeys = new WeakMap<PostRow, string | null>();

/** The post's trailing-block key, parsed once per stored version of the post. */
function signatureKeyOf(post: PostRow): string | null {
  let key = signatureKeys.get(post);
  if (key === undefined) signatureKeys.set(post, (key = trailingBlockKey(post.html)));
  return key;
}

/**
 * Where a long thread opens before its ids are read: just past its read posts, which is the first
 * unread one whenever the thread was read in order (the usual way). Checked once the ids are in.
 */
function likelyFirstUnreadIndex(thread: ThreadRow): number {
  if (thread.unreadCount === 0 || thread.unreadCount >= thread.storedPostCount) return 0;
  return thread.storedPostCount - thread.unreadCount;
}

/** A post that reports itself to the read marker while it is rendered. */
function ObservedPost({ observe, ...props }: Parameters<typeof PostView>[0] & { observe: (element: HTMLElement) => () => void }) {
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const article = holder.current?.querySelector<HTMLElement>('article');
    return article ? observe(article) : undefined;
  }, [observe, props.post.id]);
  return (
    <div ref={holder}>
      <PostView {...props} />
    </div>
  );
}
