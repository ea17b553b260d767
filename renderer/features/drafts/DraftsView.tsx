// The "Drafts" view: every reply being written and not yet handed to the outbox, newest first.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useBackends } from '../../db/db-context';
import { threadById } from '../../db/queries';
import type { DraftRow } from '../../db/reader-db';
import { formatDateTime } from '../../ui/format-date';
import { useComposer } from './composer-store';
import { DiscardDraftDialog } from './ConfirmDialog';
import { discardDraft, newPostsSince, restoreDraft, unsentDrafts } from './drafts-db';
import { showComposer } from './reply-actions';
import type { ReplyWiring } from './reply-wiring';
import './drafts.css';

export function DraftsView({ wiring }: { wiring: Pick<ReplyWiring, 'openPost'> }) {
  const { db } = useBackends();
  const drafts = useLiveQuery(() => unsentDrafts(db), [db]);
  const [asking, setAsking] = useState<DraftRow | null>(null);
  const notify = useComposer((s) => s.notify);

  const discard = async (draft: DraftRow) => {
    setAsking(null);
    const removed = await discardDraft(db, draft.id);
    if (useComposer.getState().openDraftId === draft.id) useComposer.getState().close();
    if (removed) notify('Draft discarded.', () => restoreDraft(db, removed));
  };

  const continueWriting = async (draft: DraftRow) => {
    await wiring.openPost(db, { threadId: draft.threadId, postNumber: draft.replyToPostNumber ?? draft.seenHighestPostNumber });
    showComposer(draft.id);
  };

  return (
    <section className="tool-view drafts-view">
      <h1>Drafts</h1>
      {drafts?.length === 0 && <p className="empty">No drafts. Choose “Reply” on a post or under a thread to start one; it is saved here as you type.</p>}
      <ul className="draft-list">
        {drafts?.map((draft) => (
          <li key={draft.id}>
            <DraftCard draft={draft} onContinue={() => void continueWriting(draft)} onDiscard={() => setAsking(draft)} />
          </li>
        ))}
      </ul>
      {asking && (
        <DiscardDraftDialog onConfirm={() => void discard(asking)} onCancel={() => setAsking(null)} />
      )}
    </section>
  );
}

function DraftCard({ draft, onContinue, onDiscard }: { draft: DraftRow; onContinue(): void; onDiscard(): void }) {
  const { db } = useBackends();
  const thread = useLiveQuery(() => threadById(db, draft.threadId), [db, draft.threadId]);
  const fresh = useLiveQuery(() => newPostsSince(db, draft), [db, draft.threadId, draft.seenHighestPostNumber]);
  const title = thread?.title ?? 'A thread no longer stored';
  const target = draft.replyToPostNumber === null ? 'Reply to the thread' : `Reply to #${draft.replyToPostNumber}${draft.replyToUsername ? ` by ${draft.replyToUsername}` : ''}`;
  return (
    <article className="draft-card" aria-label={`Draft reply to ${title}`}>
      <h2>{title}</h2>
      <p className="draft-meta">
        {target} · saved {formatDateTime(draft.updatedAt)}
        {fresh && fresh.count > 0 && ` · ${fresh.count} new ${fresh.count === 1 ? 'post' : 'posts'} since you started this reply`}
      </p>
      <p className="draft-excerpt">{draft.text.trim() === '' ? <em>Empty</em> : excerpt(draft.text)}</p>
      <div className="draft-actions">
        <button type="button" onClick={onContinue}>
          Continue writing
        </button>
        <button type="button" onClick={onDiscard}>
          Discard draft
        </button>
      </div>
    </article>
  );
}

/** The words of the reply without its quotes, as a person would recognise it. */
function excerpt(text: string): string {
  const own = text.replace(/\[quote[^\]]*\][\s\S]*?\[\/quote\]/gi, '').replace(/\s+/g, ' ').trim();
  const shown = own === '' ? text.replace(/\[\/?quote[^\]]*\]/gi, '').replace(/\s+/g, ' ').trim() : own;
  return shown.length > 220 ? `${shown.slice(0, 220)}…` : shown;
}
