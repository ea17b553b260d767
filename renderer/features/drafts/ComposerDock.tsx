// Mounted once by App: the open composer (docked at the bottom of the window, over the thread),
// the thread's own "Reply" button when no composer is open, the r key, and the feature's notices.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { formatClock } from '../../ui/format-date';
import { useBackends } from '../../db/db-context';
import { outboxItemById, undeliveredRepliesInThread } from '../../db/queries';
import { registerPostCommand } from '../../state/post-commands';
import { useReader } from '../../state/reader-store';
import { useView } from '../../state/view-store';
import { Composer } from './Composer';
import { useComposer } from './composer-store';
import { articleOfPost, replyToPost, replyToThread, selectedTextOfPost } from './reply-actions';
import type { ReplyWiring } from './reply-wiring';
import { ReplyNoticeToast } from './ReplyNoticeToast';
import './drafts.css';

export function ComposerDock({ wiring }: { wiring: ReplyWiring }) {
  const { db } = useBackends();
  const view = useView((s) => s.view);
  const threadId = useReader((s) => s.selectedThreadId);
  const openDraftId = useComposer((s) => s.openDraftId);
  const waiting = useLiveQuery(() => (threadId ? undeliveredRepliesInThread(db, threadId) : 0), [db, threadId]);

  useEffect(
    () => registerPostCommand('reply', (post) => void replyToPost(db, post, selectedTextOfPost(articleOfPost(post)))),
    [db],
  );
  useSendingOutcome();

  return (
    <>
      {view === 'reader' && openDraftId && <Composer key={openDraftId} draftId={openDraftId} wiring={wiring} />}
      {view === 'reader' && !openDraftId && threadId && (
        <div className="reply-dock">
          {waiting !== undefined && waiting > 0 && (
            <button type="button" className="reply-dock-waiting" onClick={() => useView.getState().show('outbox')}>
              {waiting === 1 ? '1 reply' : `${waiting} replies`} to this thread in the Outbox
            </button>
          )}
          <button type="button" className="reply-to-thread" title="Reply to this thread" onClick={() => void replyToThread(db, threadId)}>
            Reply
          </button>
        </div>
      )}
      <ReplyNoticeToast />
    </>
  );
}

/** Says how the reply just sent went, once the outbox knows. */
function useSendingOutcome(): void {
  const { db } = useBackends();
  const itemId = useComposer((s) => s.watchedItemId);
  const item = useLiveQuery(() => (itemId ? outboxItemById(db, itemId) : undefined), [db, itemId]);
  useEffect(() => {
    if (!item || item.id !== itemId) return;
    const { notify, watch } = useComposer.getState();
    const settled = (message: string) => {
      watch(null);
      notify(message);
    };
    if (item.state === 'sent') settled(`Your reply is posted${item.remotePostNumber ? ` as #${item.remotePostNumber}` : ''}.`);
    else if (item.state === 'awaiting-approval') settled('Your reply is with the forum’s moderators; it appears once they approve it.');
    else if (item.state === 'needs-attention') settled(`The forum did not take your reply: ${sentence(item.lastError ?? 'no reason given')} It is kept in the Outbox.`);
    else if (item.state === 'waiting-to-retry') {
      settled(`Not sent yet: ${sentence(item.lastError ?? 'the forum could not be reached')} It is kept in the Outbox and tried again${item.nextAttemptAt ? ` at ${formatClock(item.nextAttemptAt)}` : ''}.`);
    }
  }, [item, itemId]);
}

/** The forum's words end without a full stop as often as with one. */
const sentence = (text: string) => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
