// Drafts: a reply being written. Each keystroke's text reaches IndexedDB within half a second
// (see use-autosave.ts); a draft leaves the table only when the server has its post (outbox-db
// records that) or when the person discards it.
import type { ForumProtocol } from '../../../shared/model';
import type { DraftRow, ReaderDb, ThreadRow } from '../../db/reader-db';
import { discourseQuote } from './discourse-quote';
import { newsQuote } from './news-quote';

export interface ReplyTarget {
  threadId: string;
  /** The post replied to; null replies to the thread. */
  post: { postNumber: number; username: string } | null;
  /** Selected text of that post, to open the reply with as a quote. */
  quote: { text: string; postNumber: number; username: string } | null;
}

/**
 * Opens a reply: the unsent draft already answering the same post (or thread) if there is one,
 * with any new quote added at its end, else a new draft. Returns the draft's id.
 */
export async function startReply(db: ReaderDb, target: ReplyTarget, now: Date = new Date()): Promise<string> {
  return db.transaction('rw', [db.drafts, db.threads, db.posts, db.forums], async () => {
    const thread = await db.threads.get(target.threadId);
    if (!thread) throw new Error('This thread is not stored, so it cannot be replied to.');
    const replyToPostNumber = target.post?.postNumber ?? null;
    const quote = target.quote ? quoteFor((await db.forums.get(thread.forumId))?.protocol, thread, target.quote) : '';
    const at = now.toISOString();
    const existing = (await db.drafts.where('threadId').equals(target.threadId).toArray()).find(
      (draft) => !draft.queuedAs && draft.replyToPostNumber === replyToPostNumber,
    );
    if (existing) {
      if (quote) await db.drafts.update(existing.id, { text: appendQuote(existing.text, quote), updatedAt: at });
      return existing.id;
    }
    const lastStored = await db.posts.where('[threadId+postNumber]').between([thread.id, 0], [thread.id, Infinity]).last();
    const draft: DraftRow = {
      id: crypto.randomUUID(),
      forumId: thread.forumId,
      threadId: thread.id,
      replyToPostNumber,
      replyToUsername: target.post?.username ?? null,
      text: quote,
      createdAt: at,
      updatedAt: at,
      seenHighestPostNumber: Math.max(thread.highestPostNumber, lastStored?.postNumber ?? 0),
      queuedAs: null,
    };
    await db.drafts.add(draft);
    return draft.id;
  });
}

/** Adds a quote to an open draft (the "Quote" button), on a line of its own. */
export async function addQuoteToDraft(db: ReaderDb, draftId: string, quote: { text: string; postNumber: number; username: string }): Promise<void> {
  await db.transaction('rw', [db.drafts, db.threads, db.forums], async () => {
    const draft = await db.drafts.get(draftId);
    const thread = draft && (await db.threads.get(draft.threadId));
    if (!draft || !thread || draft.queuedAs) return;
    const protocol = (await db.forums.get(thread.forumId))?.protocol;
    await db.drafts.update(draftId, { text: appendQuote(draft.text, quoteFor(protocol, thread, quote)), updatedAt: new Date().toISOString() });
  });
}

/** A quote in the forum's own way of writing one: Discourse's [quote] markup, or a newsreader's "> " lines. */
function quoteFor(protocol: ForumProtocol | undefined, thread: ThreadRow, quote: { text: string; postNumber: number; username: string }): string {
  return protocol === 'nntp' ? newsQuote(quote) : discourseQuote({ ...quote, topicId: thread.remoteId });
}

function appendQuote(text: string, quote: string): string {
  if (text.trim() === '') return quote;
  return `${text.replace(/\s*$/, '')}\n\n${quote}`;
}

/** Saves typed text. A draft already handed to the outbox is not changed under it. */
export async function saveDraftText(db: ReaderDb, draftId: string, text: string, now: Date = new Date()): Promise<void> {
  await db.drafts
    .where(':id')
    .equals(draftId)
    .filter((draft) => !draft.queuedAs && draft.text !== text)
    .modify({ text, updatedAt: now.toISOString() });
}

/** Removes a draft that is not in the outbox; returns it, for undo. */
export async function discardDraft(db: ReaderDb, draftId: string): Promise<DraftRow | null> {
  return db.transaction('rw', db.drafts, async () => {
    const draft = await db.drafts.get(draftId);
    if (!draft || draft.queuedAs) return null;
    await db.drafts.delete(draftId);
    return draft;
  });
}

export async function restoreDraft(db: ReaderDb, draft: DraftRow): Promise<void> {
  await db.drafts.put(draft);
}

/** Drafts not yet handed to the outbox, most recently changed first. */
export async function unsentDrafts(db: ReaderDb): Promise<DraftRow[]> {
  const rows = await db.drafts.orderBy('updatedAt').reverse().toArray();
  return rows.filter((draft) => !draft.queuedAs);
}

/** Posts stored in the draft's thread since it was started: how many, and the first of them. */
export async function newPostsSince(db: ReaderDb, draft: Pick<DraftRow, 'threadId' | 'seenHighestPostNumber'>): Promise<{ count: number; first: number | null }> {
  const range = db.posts.where('[threadId+postNumber]').between([draft.threadId, draft.seenHighestPostNumber + 1], [draft.threadId, Infinity]);
  const [count, first] = await Promise.all([range.count(), range.clone().first()]);
  return { count, first: first?.postNumber ?? null };
}
