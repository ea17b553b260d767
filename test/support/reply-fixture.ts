// The sample thread stored in a fresh database, and replies queued to it the way the composer
// queues them, for the outbox tests.
import { SAMPLE_FORUM_ID, threadIdFor } from '../../shared/model';
import type { OutboxRow, ReaderDb } from '../../renderer/db/reader-db';
import { saveDraftText, startReply } from '../../renderer/features/drafts/drafts-db';
import { addSampleForumOnce } from '../../renderer/features/forums/first-launch';
import { queueDraft } from '../../renderer/features/outbox/outbox-db';
import { sendDueReplies, type PassSummary } from '../../renderer/features/outbox/send-due-replies';
import { syncForum } from '../../renderer/features/sync/sync-forum';
import type { ReaderBackend } from './reader-backend';

export const SAMPLE_TOPIC_ID = 1377;
export const SAMPLE_THREAD_ID = threadIdFor(SAMPLE_FORUM_ID, SAMPLE_TOPIC_ID);

export async function storeSampleThread(db: ReaderDb, backend: ReaderBackend): Promise<void> {
  await addSampleForumOnce(db, backend.api);
  const summary = await syncForum(db, backend.api, SAMPLE_FORUM_ID);
  if (summary.status !== 'completed') throw new Error(`sync ${summary.status}: ${summary.error?.message}`);
}

/** Writes a reply to the sample thread and puts it in the outbox; returns its client id. */
export async function queueReply(db: ReaderDb, text: string, options: { replyTo?: { postNumber: number; username: string }; sendLater?: boolean } = {}): Promise<string> {
  const draftId = await startReply(db, { threadId: SAMPLE_THREAD_ID, post: options.replyTo ?? null, quote: null });
  await saveDraftText(db, draftId, text);
  return queueDraft(db, draftId, { sendLater: options.sendLater ?? false });
}

/** A pass that treats every retry time as come: tests do not wait out backoff. */
export async function passNow(db: ReaderDb, backend: ReaderBackend): Promise<PassSummary> {
  await db.outbox.where('state').equals('waiting-to-retry').modify({ nextAttemptAt: null });
  return sendDueReplies(db, backend.api);
}

export async function outboxItem(db: ReaderDb, id: string): Promise<OutboxRow> {
  const row = await db.outbox.get(id);
  if (!row) throw new Error(`no outbox item ${id}`);
  return row;
}

/** Replies on the sample forum whose text is exactly this. */
export const postsOnServerWithText = (backend: ReaderBackend, raw: string) => [...backend.forum.store.posts.values()].filter((post) => post.raw === raw && post.deletedAt === null);

export const replyPosts = (backend: ReaderBackend) => backend.forum.requestLog.filter((entry) => entry.method === 'POST' && entry.path.startsWith('/posts'));
