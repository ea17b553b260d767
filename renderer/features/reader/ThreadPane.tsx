import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef } from 'react';
import { useBackends } from '../../db/db-context';
import { forumById, threadById } from '../../db/queries';
import { readAmong } from '../../db/read-state';
import type { PostRow, ThreadRow } from '../../db/reader-db';
import { keepImagesSetting, useReaderSettings, useSetting } from '../../db/settings';
import { runPostCommand } from '../../state/post-commands';
import { useReader } from '../../state/reader-store';
import { useThreadOnScreen } from '../../state/thread-on-screen';
import { useOnline } from '../../ui/use-online';
import { registerReaderCommands } from './keyboard-map';
import { PostView } from './PostView';
import { useReading } from './reading-store';
import { signatureDisplay, trailingBlockOf, type TrailingBlock } from './signatures';
import { ThreadToolbar } from './ThreadToolbar';
import { postAtIndex, usePostWindow } from './thread-window';
import { useReadMarking } from './use-read-marking';
import { useSignatureIndex } from './use-signature-index';
import { ESTIMATED_POST_HEIGHT, useOpenAtStart, useThreadPosition } from './use-thread-position';
import './reader.css';

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

function ThreadReader({ thread }: { thread: ThreadRow }) {
  const { db } = useBackends();
  const settings = useReaderSettings();
  const online = useOnline();
  const count = thread.storedPostCount;
  const longThread = count >= SIGNATURES_FIRST_UNDER;
  const forum = useLiveQuery(() => forumById(db, thread.forumId), [db, thread.forumId]);
  const scroller = useRef<HTMLDivElement>(null);
  const position = useThreadPosition(db, thread, longThread, scroller);
  const { start, ids, current, virtualizer, moveTo, anchorIndex, focusedAt } = position;
  const signatures = useSignatureIndex(thread.id, ids, { background: longThread, enabled: !longThread || start !== null });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const postAt = usePostWindow(thread, first, last, ids);
  const visibleIds = items.map((item) => postAt(item.index)?.id).filter((id): id is string => id !== undefined);
  const readIds = useLiveQuery(() => readAmong(db, visibleIds), [db, visibleIds.join('\n')]);
  const isRead = useCallback((postId: string) => readIds?.has(postId) ?? false, [readIds]);
  const observe = useReadMarking(scroller, isRead);

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
  // A forum that keeps its pictures shows them from storage and never loads one from the network
  // (until the setting is read, it counts as kept: nothing remote loads meanwhile).
  const keptImages = useSetting(db, keepImagesSetting(thread.forumId), true);
  const remoteImages = settings.loadRemoteImages && online && !keptImages;
  useOpenAtStart(position, ready);
  const postsShown = ready ? items.filter((item) => postAt(item.index)).length : 0;
  useEffect(() => useThreadOnScreen.getState().showing(thread.id, postsShown), [thread.id, postsShown]);
  useEffect(() => () => useThreadOnScreen.getState().showing(null, 0), []);
  // Stable, so that memoised posts do not all render again whenever the list does.
  const latest = useRef({ items, postAt });
  latest.current = { items, postAt };
  const onFocusPost = useCallback((postNumber: number) => {
    const { items: shown, postAt: at } = latest.current;
    const index = shown.find((item) => at(item.index)?.postNumber === postNumber)?.index;
    if (index !== undefined) focusedAt(index);
  }, [focusedAt]);

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
                          signatures.index.match(post.username, trailingBlockOfPost(post)),
                          post.postNumber,
                          settings.showSignatures,
                        )}
                        remoteImages={remoteImages}
                        keptImages={keptImages}
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

const trailingBlocks = new WeakMap<PostRow, TrailingBlock | null>();

/** The post's trailing block, parsed once per stored version of the post. */
function trailingBlockOfPost(post: PostRow): TrailingBlock | null {
  let block = trailingBlocks.get(post);
  if (block === undefined) trailingBlocks.set(post, (block = trailingBlockOf(post)));
  return block;
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
