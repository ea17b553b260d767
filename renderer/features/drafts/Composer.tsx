// The reply composer: Markdown in a textbox ("Reply text"; plain text for a news server), its
// preview rendered through the same sanitiser as posts, saved as it is typed, and sent now or later.
import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { cookMarkdown } from '../../../shared/cook-markdown';
import { useBackends } from '../../db/db-context';
import { draftById, forumById, threadById } from '../../db/queries';
import type { DraftRow } from '../../db/reader-db';
import { formatClock } from '../../ui/format-date';
import { plainTextHtml } from '../../ui/plain-text-html';
import { sanitizePostHtml } from '../../ui/sanitize-post-html';
import { useComposer } from './composer-store';
import { DiscardDraftDialog } from './ConfirmDialog';
import { discardDraft, newPostsSince, restoreDraft, saveDraftText } from './drafts-db';
import { showComposer } from './reply-actions';
import type { ReplyWiring } from './reply-wiring';
import { unsavedTextOf, useAutosave } from './use-autosave';

export function Composer({ draftId, wiring }: { draftId: string; wiring: ReplyWiring }) {
  const { db } = useBackends();
  // null while loading; undefined once it is known to be gone.
  const draft = useLiveQuery(() => draftById(db, draftId), [db, draftId], null as DraftRow | null | undefined);
  const thread = useLiveQuery(() => (draft ? threadById(db, draft.threadId) : undefined), [db, draft?.threadId]);
  const forum = useLiveQuery(() => (draft ? forumById(db, draft.forumId) : undefined), [db, draft?.forumId]);
  const fresh = useLiveQuery(() => (draft ? newPostsSince(db, draft) : undefined), [db, draft?.threadId, draft?.seenHighestPostNumber]);
  const [text, setText] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const autosave = useAutosave(draftId, text, (value) => saveDraftText(db, draftId, value));
  const textarea = useRef<HTMLTextAreaElement>(null);
  const close = useComposer((s) => s.close);
  const notify = useComposer((s) => s.notify);
  const pendingInsert = useComposer((s) => s.pendingInsert);
  const headingId = useId();

  useEffect(() => {
    if (draft === undefined || draft?.queuedAs) close();
    if (!draft || text !== null) return;
    autosave.adopt(draft.text);
    // Typed just before a reload, after the last write: the tab kept it (see use-autosave.ts).
    setText(unsavedTextOf(draftId) ?? draft.text);
    requestAnimationFrame(() => {
      const box = textarea.current;
      if (!box) return;
      box.focus();
      box.setSelectionRange(box.value.length, box.value.length);
    });
  }, [draft, text, autosave, close]);

  useEffect(() => {
    if (!pendingInsert || pendingInsert.draftId !== draftId || text === null) return;
    useComposer.getState().takeInsert(pendingInsert.seq);
    const box = textarea.current;
    const at = box ? box.selectionEnd : text.length;
    const before = text.slice(0, at);
    const gap = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
    const next = `${before}${gap}${pendingInsert.text}${text.slice(at)}`;
    setText(next);
    const caret = before.length + gap.length + pendingInsert.text.length;
    requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(caret, caret);
    });
  }, [pendingInsert, draftId, text]);

  const shown = useDeferredValue(text ?? '');
  const plain = forum?.protocol === 'nntp';
  const preview = useMemo(() => sanitizePostHtml(plain ? plainTextHtml(shown) : cookMarkdown(shown)), [shown, plain]);

  if (!draft || text === null) return null;
  const title = thread?.title ?? 'a thread that is no longer stored';
  const empty = text.trim() === '';

  const send = async (later: boolean) => {
    setBusy(true);
    try {
      await autosave.flush();
      await saveDraftText(db, draftId, text);
      const queued = await wiring.queueReply(draftId, { later });
      notify(queued.message);
      useComposer.getState().watch(queued.sending ? queued.itemId : null);
      close();
    } catch (error) {
      notify(`The reply could not be queued: ${error instanceof Error ? error.message : String(error)}. It is still in Drafts.`);
    } finally {
      setBusy(false);
    }
  };

  const discard = async () => {
    setAsking(false);
    await autosave.flush();
    const removed = await discardDraft(db, draftId);
    close();
    if (removed) {
      notify('Draft discarded.', async () => {
        await restoreDraft(db, removed);
        showComposer(removed.id);
      });
    }
  };

  const closeComposer = async () => {
    await autosave.flush();
    if (empty) await discardDraft(db, draftId);
    else notify('Your reply is kept in Drafts.');
    close();
  };

  return (
    <section className="composer" aria-labelledby={headingId}>
      <header className="composer-header">
        <h2 id={headingId}>Reply to {title}</h2>
        <span className="composer-target">{draft.replyToPostNumber === null ? 'to the thread' : `to #${draft.replyToPostNumber}${draft.replyToUsername ? ` by ${draft.replyToUsername}` : ''}`}</span>
        <button type="button" className="composer-close" aria-label="Close" title="Close (the draft is kept)" onClick={() => void closeComposer()}>
          ×
        </button>
      </header>
      {fresh && fresh.count > 0 && fresh.first !== null && (
        <p className="composer-stale">
          {fresh.count} new {fresh.count === 1 ? 'post' : 'posts'} since you started this reply.{' '}
          <a
            href={`#post-${fresh.first}`}
            onClick={(event) => {
              event.preventDefault();
              void wiring.openPost(db, { threadId: draft.threadId, postNumber: fresh.first as number });
            }}
          >
            Read #{fresh.first}
          </a>
        </p>
      )}
      <div className="composer-body">
        <textarea
          ref={textarea}
          className="composer-text"
          aria-label="Reply text"
          value={text}
          spellCheck
          placeholder="Write your reply. Markdown works: **bold**, *italic*, > quote, - lists."
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !empty) void send(false);
          }}
        />
        <div className="composer-preview" role="region" aria-label="Preview">
          {empty ? <p className="composer-preview-empty">The preview shows here.</p> : <div className="post-body" dangerouslySetInnerHTML={{ __html: preview }} />}
        </div>
      </div>
      <footer className="composer-actions">
        <button type="button" className="primary" disabled={empty || busy} onClick={() => void send(false)}>
          Send
        </button>
        <button type="button" disabled={empty || busy} onClick={() => void send(true)}>
          Send later
        </button>
        <button type="button" className="composer-discard" disabled={busy} onClick={() => setAsking(true)}>
          Discard draft
        </button>
        <span className="composer-saved">{autosave.savedAt ? `Saved ${formatClock(autosave.savedAt.toISOString())}` : 'Saved as you type'}</span>
      </footer>
      {asking && (
        <DiscardDraftDialog onConfirm={() => void discard()} onCancel={() => setAsking(false)} />
      )}
    </section>
  );
}
