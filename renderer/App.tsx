import { useCallback, useEffect, useMemo, useState } from 'react';
import { useBackends } from './db/db-context';
import { BookmarksLayer } from './features/bookmarks/BookmarksLayer';
import { BookmarkToggle } from './features/bookmarks/BookmarkToggle';
import { createHighlightDecorator } from './features/bookmarks/highlight-decorator';
import { ComposerDock } from './features/drafts/ComposerDock';
import { QuoteAction, ReplyAction } from './features/drafts/ReplyActions';
import type { ReplyWiring } from './features/drafts/reply-wiring';
import { DesktopIntegration } from './features/desktop/DesktopIntegration';
import { openRequestedThread } from './features/desktop/open-requested-thread';
import { addSampleForumOnce } from './features/forums/first-launch';
import { useInitialSelection } from './features/forums/use-initial-selection';
import { OutboxSender } from './features/outbox/OutboxSender';
import { queueReplyFromDraft } from './features/outbox/queue-reply';
import { ReplyNotifier } from './features/notifications/ReplyNotifier';
import { ThreadNotifyToggle } from './features/notifications/ThreadNotifyToggle';
import { goToPost } from './features/reader/go-to-post';
import { runReaderCommand } from './features/reader/keyboard-map';
import { SearchBox } from './features/search/SearchBox';
import { ImageCapKeeper } from './features/storage/ImageCapKeeper';
import { StorageBanner } from './features/storage/StorageBanner';
import { SyncBar } from './features/sync/SyncBar';
import { syncAllForums } from './features/sync/sync-all-forums';
import { ThreadSyncBadge } from './features/sync/ThreadSyncBadge';
import { ThreadSyncControls } from './features/sync/ThreadSyncControls';
import { useView } from './state/view-store';
import { PostActionsProvider, PostBodyDecoratorsProvider, type PostAction, type PostBodyDecorator } from './ui/post-actions';
import { ThreadActionsProvider, ThreadBadgesProvider, type ThreadAction, type ThreadBadge } from './ui/thread-actions';
import { useAppearance } from './ui/theme';
import { VIEW_ENTRIES } from './views';

/** Buttons every post carries; features contribute them here. */
const POST_ACTIONS: PostAction[] = [BookmarkToggle, ReplyAction, QuoteAction];
/** Controls in the open thread's toolbar; features contribute them here. */
const THREAD_ACTIONS: ThreadAction[] = [ThreadSyncControls, ThreadNotifyToggle];
/** Marks beside threads in the thread list. */
const THREAD_BADGES: ThreadBadge[] = [ThreadSyncBadge];

export function App() {
  const { db, api } = useBackends();
  const [startError, setStartError] = useState<string | null>(null);
  const view = useView((s) => s.view);
  const show = useView((s) => s.show);
  useInitialSelection();
  useAppearance();
  /** What features draw into post bodies (highlights). */
  const decorators = useMemo<PostBodyDecorator[]>(() => [createHighlightDecorator(db)], [db]);
  /** The composer's way to show posts and to hand drafts to the outbox. */
  const replyWiring = useMemo<ReplyWiring>(() => ({ openPost: goToPost, queueReply: (draftId, options) => queueReplyFromDraft(db, draftId, options) }), [db]);

  /** Menu commands, links and notification clicks reach the reader and sync through these. */
  const syncNow = useCallback(() => void syncAllForums(db, api), [db, api]);
  const openThread = useCallback((threadId: string) => void openRequestedThread(db, { threadId, postNumber: null, source: 'notification' }, goToPost), [db]);

  useEffect(() => {
    addSampleForumOnce(db, api)
      .then(() => syncAllForums(db, api))
      .catch((error: unknown) => setStartError(error instanceof Error ? error.message : String(error)));
  }, [db, api]);

  const Current = (VIEW_ENTRIES.find((entry) => entry.view === view) ?? VIEW_ENTRIES[0]!).component;
  return (
    <PostActionsProvider value={POST_ACTIONS}>
      <PostBodyDecoratorsProvider value={decorators}>
      <ThreadActionsProvider value={THREAD_ACTIONS}>
      <ThreadBadgesProvider value={THREAD_BADGES}>
      <div className="app">
        <header className="toolbar">
          <span className="app-name">Forum Reader</span>
          {VIEW_ENTRIES.length > 1 && (
            <nav className="view-switcher" aria-label="Views">
              {VIEW_ENTRIES.map((entry) => (
                <button key={entry.view} type="button" aria-current={entry.view === view ? 'page' : undefined} onClick={() => show(entry.view)}>
                  {entry.label}
                </button>
              ))}
            </nav>
          )}
          <SearchBox />
          <SyncBar />
        </header>
        {startError && (
          <p className="banner" role="alert">
            The sample forum could not be added: {startError}. Your stored forums are unchanged.
          </p>
        )}
        <StorageBanner />
        <DesktopIntegration goToPost={goToPost} runReaderCommand={runReaderCommand} syncNow={syncNow} />
        <main className="main-area">
          <Current />
        </main>
        <BookmarksLayer />
        <ComposerDock wiring={replyWiring} />
        <OutboxSender />
        <ImageCapKeeper />
        <ReplyNotifier openThread={openThread} />
      </div>
      </ThreadBadgesProvider>
      </ThreadActionsProvider>
      </PostBodyDecoratorsProvider>
    </PostActionsProvider>
  );
}
