// The "Outbox" view: every reply handed over for sending, each in exactly one state, with what a
// person can do about it. Below, the accounts replies are posted with.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useBackends } from '../../db/db-context';
import { outboxNewestFirst, threadById } from '../../db/queries';
import type { OutboxRow, ReaderDb } from '../../db/reader-db';
import { useSetting, workOfflineSetting } from '../../db/settings';
import { useView } from '../../state/view-store';
import { formatDateTime } from '../../ui/format-date';
import { ForumAccounts } from './ForumAccounts';
import { clearDelivered, discardRefused, restoreDiscarded, returnToDraft, sendAgain } from './outbox-db';
import { outboxScheduler } from './outbox-scheduler';
import { lastProblem, STATE_LABELS, stateDetail } from './outbox-words';
import './outbox.css';

export interface OutboxWiring {
  openPost(db: ReaderDb, place: { threadId: string; postNumber: number }): Promise<boolean>;
  /** Opens a draft in the composer (features/drafts). */
  openDraft(draftId: string): void;
}

export function OutboxView({ wiring }: { wiring: OutboxWiring }) {
  const { db } = useBackends();
  const items = useLiveQuery(() => outboxNewestFirst(db), [db]);
  const workOffline = useSetting(db, workOfflineSetting);
  const [notice, setNotice] = useState<{ message: string; undo?: () => void } | null>(null);
  const delivered = items?.filter((item) => item.state === 'sent' || item.state === 'awaiting-approval').length ?? 0;

  const act = {
    send: async (item: OutboxRow) => {
      await sendAgain(db, item.id);
      outboxScheduler()?.kick();
    },
    edit: async (item: OutboxRow) => {
      const draftId = await returnToDraft(db, item.id);
      if (!draftId) return;
      await wiring.openPost(db, { threadId: item.threadId, postNumber: item.replyToPostNumber ?? item.afterPostNumber ?? 1 });
      wiring.openDraft(draftId);
    },
    copy: async (item: OutboxRow) => {
      try {
        await navigator.clipboard.writeText(item.text);
        setNotice({ message: 'The reply’s text is on the clipboard.' });
      } catch {
        setNotice({ message: 'The clipboard refused the text; select it under “Text” and copy it from there.' });
      }
    },
    discard: async (item: OutboxRow) => {
      const removed = await discardRefused(db, item.id);
      if (removed) setNotice({ message: 'Reply discarded.', undo: () => void restoreDiscarded(db, removed).then(() => setNotice(null)) });
    },
    show: async (item: OutboxRow) => {
      if (await wiring.openPost(db, { threadId: item.threadId, postNumber: item.remotePostNumber ?? 1 })) useView.getState().show('reader');
    },
  };

  return (
    <section className="tool-view outbox-view">
      <h1>Outbox</h1>
      {workOffline && <p className="outbox-banner">You are working offline: replies wait here and are sent when you go online.</p>}
      <div className="outbox-notice" aria-live="polite">
        {notice && (
          <p>
            {notice.message}{' '}
            {notice.undo && (
              <button type="button" onClick={notice.undo}>
                Undo
              </button>
            )}
          </p>
        )}
      </div>
      {items?.length === 0 && <p className="empty">Nothing to send. Replies you send, or send later, wait here until the forum has them.</p>}
      <ul className="outbox-list">
        {items?.map((item) => (
          <li key={item.id}>
            <OutboxItem item={item} act={act} />
          </li>
        ))}
      </ul>
      {delivered > 0 && (
        <button type="button" className="outbox-clear" onClick={() => void clearDelivered(db)}>
          Clear sent replies
        </button>
      )}
      <ForumAccounts />
    </section>
  );
}

interface Actions {
  send(item: OutboxRow): Promise<void>;
  edit(item: OutboxRow): Promise<void>;
  copy(item: OutboxRow): Promise<void>;
  discard(item: OutboxRow): Promise<void>;
  show(item: OutboxRow): Promise<void>;
}

function OutboxItem({ item, act }: { item: OutboxRow; act: Actions }) {
  const { db } = useBackends();
  const thread = useLiveQuery(() => threadById(db, item.threadId), [db, item.threadId]);
  const [confirming, setConfirming] = useState(false);
  const title = thread?.title ?? 'a thread no longer stored';
  const problem = lastProblem(item);
  const accountTrouble = item.state === 'needs-attention' && (item.refusal === 'forbidden' || item.refusal === 'no_account');
  return (
    <article className={`outbox-item state-${item.state}`} aria-label={`Reply to ${title}`}>
      <header className="outbox-item-header">
        <span className="outbox-state">{STATE_LABELS[item.state]}</span>
        <span className="outbox-thread">
          {title}
          {item.replyToPostNumber !== null && ` · to #${item.replyToPostNumber}`}
        </span>
        <time className="outbox-queued" dateTime={item.queuedAt}>
          queued {formatDateTime(item.queuedAt)}
        </time>
      </header>
      <p className="outbox-detail">{stateDetail(item)}</p>
      {problem && <p className="outbox-problem">Last try: {problem} Your reply is kept.</p>}
      {item.state === 'needs-attention' && item.maybeSent && (
        <p className="outbox-hint">An earlier attempt may have reached the forum, so the text cannot be edited; “Send” looks in the thread for it first.</p>
      )}
      {accountTrouble && (
        <p className="outbox-hint">
          <a href="#forum-accounts">Set up the account</a> for this forum below, then send it again.
        </p>
      )}
      <details className="outbox-text">
        <summary>Text</summary>
        <pre>{item.text}</pre>
      </details>
      <div className="outbox-actions">
        {(item.state === 'queued' || item.state === 'waiting-to-retry' || item.state === 'needs-attention') && (
          <button type="button" onClick={() => void act.send(item)}>
            Send
          </button>
        )}
        {item.state === 'needs-attention' && !item.maybeSent && (
          <button type="button" onClick={() => void act.edit(item)}>
            Edit
          </button>
        )}
        {item.state !== 'sent' && (
          <button type="button" onClick={() => void act.copy(item)}>
            Copy text
          </button>
        )}
        {item.state === 'sent' && (
          <button type="button" onClick={() => void act.show(item)}>
            Show in thread
          </button>
        )}
        {item.state === 'needs-attention' &&
          (confirming ? (
            <span className="outbox-confirm" role="group" aria-label="Discard this reply?">
              Discard this reply and its text?{' '}
              <button type="button" className="danger" onClick={() => void act.discard(item)}>
                Discard
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button type="button" onClick={() => setConfirming(true)}>
              Discard reply
            </button>
          ))}
      </div>
    </article>
  );
}
