// The outbox's writes. Each one that touches a draft and its outbox item together is one
// transaction, so no crash can leave a reply's text in neither place: the draft is deleted only
// in the transaction that records the server's post (or its review-queue entry).
import type { Transaction } from 'dexie';
import type { Post } from '../../../shared/model';
import type { SendReplyOutcome } from '../../../shared/replies';
import { postWriteTables, writePosts } from '../../db/post-writes';
import type { DraftRow, OutboxRow, ReaderDb } from '../../db/reader-db';
import { retryDelayMs } from './retry-delay';

/** States a pass may pick up; 'sending' is only ever seen by a pass after a crash (see recoverInterruptedSends). */
const UNSENT_STATES = ['queued', 'waiting-to-retry'] as const;

export const newClientId = (): string => crypto.randomUUID();

/** Moves a draft into the outbox. Returns the client id; queueing the same draft twice returns the first. */
export async function queueDraft(db: ReaderDb, draftId: string, options: { sendLater: boolean; now?: Date }): Promise<string> {
  const now = (options.now ?? new Date()).toISOString();
  return db.transaction('rw', [db.drafts, db.outbox, db.threads, db.posts], async () => {
    const draft = await db.drafts.get(draftId);
    if (!draft) throw new Error('This draft is gone; it may have been discarded in another window.');
    if (draft.queuedAs && (await db.outbox.get(draft.queuedAs))) return draft.queuedAs;
    const [thread, lastStored] = await Promise.all([
      db.threads.get(draft.threadId),
      db.posts.where('[threadId+postNumber]').between([draft.threadId, 0], [draft.threadId, Infinity]).last(),
    ]);
    const id = newClientId();
    await db.outbox.add({
      id,
      draftId,
      forumId: draft.forumId,
      threadId: draft.threadId,
      replyToPostNumber: draft.replyToPostNumber,
      text: draft.text,
      state: 'queued',
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      queuedAt: now,
      remotePostId: null,
      remotePostNumber: null,
      maybeSent: false,
      firstAttemptAt: null,
      lastAttemptAt: null,
      // Posts this reader has seen existed before any attempt, so none of them can be this reply.
      afterPostNumber: Math.max(thread?.highestPostNumber ?? 0, lastStored?.postNumber ?? 0),
      refusal: null,
      sentAt: null,
      sendLater: options.sendLater,
    });
    await db.drafts.update(draftId, { queuedAs: id });
    return id;
  });
}

/**
 * Items a pass should try now: queued ones, and those whose retry time has come. A reply marked
 * "Send later" waits for a pass that a completed sync of its forum started (`syncedForumIds`),
 * whatever else starts one.
 */
export async function dueItems(db: ReaderDb, now: Date, options: { syncedForumIds?: ReadonlySet<string> } = {}): Promise<OutboxRow[]> {
  const rows = await db.outbox.where('state').anyOf([...UNSENT_STATES]).toArray();
  return rows
    .filter((row) => !row.sendLater || options.syncedForumIds?.has(row.forumId) === true)
    .filter((row) => row.state === 'queued' || row.nextAttemptAt === null || Date.parse(row.nextAttemptAt) <= now.getTime())
    .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

/** The soonest time a waiting item becomes due, for the pass timer (replies sent later wait for a sync instead). */
export async function nextRetryAt(db: ReaderDb): Promise<number | null> {
  const waiting = await db.outbox.where('state').equals('waiting-to-retry').filter((row) => !row.sendLater).toArray();
  const times = waiting.map((row) => (row.nextAttemptAt ? Date.parse(row.nextAttemptAt) : 0));
  return times.length > 0 ? Math.min(...times) : null;
}

/**
 * Claims an item for an attempt. Written before the request goes out: if the page dies during
 * the attempt, the item is found in 'sending' and treated as possibly sent. Returns null when
 * the item is no longer due (another window took it, or the person changed it).
 */
export async function markSending(db: ReaderDb, id: string, now: Date): Promise<OutboxRow | null> {
  return db.transaction('rw', db.outbox, async () => {
    const row = await db.outbox.get(id);
    if (!row || !(UNSENT_STATES as readonly string[]).includes(row.state)) return null;
    const at = now.toISOString();
    // Its "later" has come: should this attempt fail, it is retried like any other reply.
    const claimed: OutboxRow = { ...row, state: 'sending', attempts: row.attempts + 1, firstAttemptAt: row.firstAttemptAt ?? at, lastAttemptAt: at, sendLater: false };
    await db.outbox.put(claimed);
    return claimed;
  });
}

/** After a crash or reload: an item left 'sending' may have reached the server. */
export async function recoverInterruptedSends(db: ReaderDb, now: Date = new Date()): Promise<number> {
  return db.outbox
    .where('state')
    .equals('sending')
    .modify({ state: 'waiting-to-retry', maybeSent: true, nextAttemptAt: now.toISOString(), lastError: 'The reader stopped while this reply was being sent; it will look in the thread before sending again.' });
}

/** Records what became of an attempt, in one transaction with everything it implies. */
export async function recordOutcome(db: ReaderDb, id: string, outcome: SendReplyOutcome, options: { now?: Date; random?: () => number } = {}): Promise<void> {
  const now = options.now ?? new Date();
  await db.transaction('rw', [db.outbox, db.drafts, ...postWriteTables(db)], async (tx) => {
    const row = await db.outbox.get(id);
    if (!row) return;
    switch (outcome.kind) {
      case 'sent':
        await db.outbox.put({
          ...row,
          state: 'sent',
          remotePostId: outcome.post.remoteId,
          remotePostNumber: outcome.post.postNumber,
          maybeSent: false,
          nextAttemptAt: null,
          lastError: null,
          refusal: null,
          sentAt: now.toISOString(),
        });
        await db.drafts.delete(row.draftId);
        await storeLocalCopy(tx, outcome.post, now);
        return;
      case 'enqueued':
        // The forum has it, in its review queue: the outbox item keeps the text, the draft goes.
        await db.outbox.put({ ...row, state: 'awaiting-approval', maybeSent: false, nextAttemptAt: null, lastError: null, refusal: null, sentAt: now.toISOString() });
        await db.drafts.delete(row.draftId);
        return;
      case 'retry': {
        const wait = outcome.waitMs ?? retryDelayMs(row.attempts, options.random ?? Math.random);
        await db.outbox.put({
          ...row,
          state: 'waiting-to-retry',
          maybeSent: outcome.maybeSent,
          afterPostNumber: Math.max(row.afterPostNumber ?? 0, outcome.afterPostNumber),
          nextAttemptAt: new Date(now.getTime() + wait).toISOString(),
          lastError: outcome.reason,
        });
        return;
      }
      case 'refused':
        await db.outbox.put({ ...row, state: 'needs-attention', maybeSent: outcome.maybeSent, nextAttemptAt: null, lastError: outcome.reason, refusal: outcome.cause });
        return;
    }
  });
}

/**
 * The reply in its thread at once, under the server's own post id: the next sync that brings the
 * post writes the same row, so it can never be shown twice.
 */
async function storeLocalCopy(tx: Transaction, post: Post, now: Date): Promise<void> {
  // A sync may have brought it first, and maybe a newer version of it.
  if (await tx.table('posts').get(post.id)) return;
  // One's own reply counts as read.
  await writePosts(tx, { posts: [post], readAt: now.toISOString() });
}

/** "Send" on a queued, waiting or refused item: due now. */
export async function sendAgain(db: ReaderDb, id: string): Promise<void> {
  await db.outbox
    .where(':id')
    .equals(id)
    .filter((row) => row.state === 'queued' || row.state === 'waiting-to-retry' || row.state === 'needs-attention')
    .modify({ state: 'queued', nextAttemptAt: null, refusal: null, sendLater: false });
}

/**
 * "Edit" on a refused item: its text goes back to being a draft. Refused only while an earlier
 * attempt may still have posted it, since an edited text could then be posted beside it.
 */
export async function returnToDraft(db: ReaderDb, id: string): Promise<string | null> {
  return db.transaction('rw', [db.outbox, db.drafts], async () => {
    const row = await db.outbox.get(id);
    if (!row || row.state !== 'needs-attention' || row.maybeSent) return null;
    const draft = await db.drafts.get(row.draftId);
    const now = new Date().toISOString();
    if (draft) await db.drafts.put({ ...draft, text: row.text, queuedAs: null, updatedAt: now });
    else {
      await db.drafts.add({
        id: row.draftId,
        forumId: row.forumId,
        threadId: row.threadId,
        replyToPostNumber: row.replyToPostNumber,
        text: row.text,
        createdAt: row.queuedAt,
        updatedAt: now,
        seenHighestPostNumber: row.afterPostNumber ?? 0,
        queuedAs: null,
      });
    }
    await db.outbox.delete(id);
    return row.draftId;
  });
}

/** Gives up on a refused item, with its draft. The Outbox asks before calling this. */
export interface DiscardedReply {
  item: OutboxRow;
  draft: DraftRow | undefined;
}

export async function discardRefused(db: ReaderDb, id: string): Promise<DiscardedReply | null> {
  return db.transaction('rw', [db.outbox, db.drafts], async () => {
    const item = await db.outbox.get(id);
    if (!item || item.state !== 'needs-attention') return null;
    const draft = await db.drafts.get(item.draftId);
    await db.outbox.delete(id);
    await db.drafts.delete(item.draftId);
    return { item, draft };
  });
}

/** Undo of discardRefused. */
export async function restoreDiscarded(db: ReaderDb, discarded: DiscardedReply): Promise<void> {
  await db.transaction('rw', [db.outbox, db.drafts], async () => {
    await db.outbox.put(discarded.item);
    if (discarded.draft) await db.drafts.put(discarded.draft);
  });
}

/** Sent and approved-queue items are history; the person may clear them. */
export async function clearDelivered(db: ReaderDb): Promise<number> {
  return db.outbox.where('state').anyOf(['sent', 'awaiting-approval']).delete();
}
