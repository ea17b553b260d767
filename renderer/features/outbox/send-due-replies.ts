// One pass over the outbox: every due item gets one attempt, in the order they were queued. Main
// makes each attempt safe to repeat; this side remembers, per item, what main needs for that
// (whether an earlier attempt may have reached the server, and since when).
import type { ForumApi } from '../../../shared/api';
import type { SendReplyOutcome } from '../../../shared/replies';
import type { OutboxRow, ReaderDb } from '../../db/reader-db';
import { getSetting, workOfflineSetting } from '../../db/settings';
import { dueItems, markSending, recordOutcome } from './outbox-db';

const UNREACHABLE_BEFORE_GIVING_UP = 2;

export interface PassOptions {
  now?: () => Date;
  random?: () => number;
  /** Forums whose sync has just completed: their replies marked "Send later" go too. */
  syncedForumIds?: ReadonlySet<string>;
}

export interface PassSummary {
  attempted: number;
  outcomes: Record<SendReplyOutcome['kind'], number>;
  /** Nothing was tried: the person works offline, or the system has no network. */
  skippedOffline: boolean;
}

export async function sendDueReplies(db: ReaderDb, api: ForumApi, options: PassOptions = {}): Promise<PassSummary> {
  const now = options.now ?? (() => new Date());
  const summary: PassSummary = { attempted: 0, outcomes: { sent: 0, enqueued: 0, retry: 0, refused: 0 }, skippedOffline: false };
  const systemOffline = typeof navigator !== 'undefined' && navigator.onLine === false;
  if (systemOffline || (await getSetting(db, workOfflineSetting))) return { ...summary, skippedOffline: true };

  // A forum that could not be reached twice running is not asked again for each of its other
  // replies in this pass; one dropped connection alone is not an outage.
  const unreachableInARow = new Map<string, number>();
  for (const due of await dueItems(db, now(), { syncedForumIds: options.syncedForumIds ?? new Set() })) {
    if ((unreachableInARow.get(due.forumId) ?? 0) >= UNREACHABLE_BEFORE_GIVING_UP) continue;
    const outcome = await sendOne(db, api, due, now, options.random);
    if (!outcome) continue;
    summary.attempted += 1;
    summary.outcomes[outcome.kind] += 1;
    const offline = outcome.kind === 'retry' && outcome.offline;
    unreachableInARow.set(due.forumId, offline ? (unreachableInARow.get(due.forumId) ?? 0) + 1 : 0);
  }
  return summary;
}

async function sendOne(db: ReaderDb, api: ForumApi, due: OutboxRow, now: () => Date, random?: () => number): Promise<SendReplyOutcome | null> {
  const [thread, claimed, answered] = await Promise.all([
    db.threads.get(due.threadId),
    claimedPostIds(db, due),
    // A news server builds the reply from the answered article's Message-ID (the thread's first post when none is named).
    db.posts.where('[threadId+postNumber]').equals([due.threadId, due.replyToPostNumber ?? 1]).first(),
  ]);
  const item = await markSending(db, due.id, now());
  if (!item) return null;
  let outcome: SendReplyOutcome;
  if (!thread) {
    outcome = { kind: 'refused', cause: 'not_found', reason: 'The thread is no longer stored in the reader, so the reply has nowhere to go. Copy its text to keep it.', maybeSent: item.maybeSent ?? false };
  } else {
    const result = await api.sendReply({
      clientId: item.id,
      forumId: item.forumId,
      topicId: thread.remoteId,
      replyToPostNumber: item.replyToPostNumber,
      raw: item.text,
      firstAttemptAt: item.firstAttemptAt ?? now().toISOString(),
      maybeSent: item.maybeSent ?? false,
      afterPostNumber: item.afterPostNumber ?? 0,
      claimedPostIds: claimed,
      ...(answered?.remoteKey && { replyToKey: answered.remoteKey }),
    });
    outcome = result.ok ? result.value : outcomeOfFailedCall(result.error, item);
  }
  await recordOutcome(db, item.id, outcome, { now: now(), ...(random && { random }) });
  return outcome;
}

/**
 * The call itself failed (the reader's own main process did not answer, or answered outside the
 * contract). Only a refused input is certain not to have been acted on.
 */
function outcomeOfFailedCall(error: { code: string; message: string }, item: OutboxRow): SendReplyOutcome {
  if (error.code === 'invalid_request') return { kind: 'refused', cause: 'rejected', reason: `The reader could not send this reply: ${error.message}`, maybeSent: item.maybeSent ?? false };
  return { kind: 'retry', reason: error.message, waitMs: null, maybeSent: true, offline: false, afterPostNumber: item.afterPostNumber ?? 0 };
}

/** The server ids of this thread's replies already matched to other items: never this one's. */
async function claimedPostIds(db: ReaderDb, item: OutboxRow): Promise<number[]> {
  const rows = await db.outbox.where('threadId').equals(item.threadId).toArray();
  return rows.filter((row) => row.id !== item.id && row.remotePostId !== null).map((row) => row.remotePostId as number).slice(-2000);
}
