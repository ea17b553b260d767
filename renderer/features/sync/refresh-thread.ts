// "Refresh thread": a full pass of one thread, re-reading every post so that edits, hidden and
// deleted posts show; it runs beside a forum's sync rather than replacing it.
import type { ForumApi, SyncSummary } from '../../../shared/api';
import type { ReaderDb } from '../../db/reader-db';
import { syncForum } from './sync-forum';

export async function refreshThread(db: ReaderDb, api: ForumApi, threadId: string): Promise<SyncSummary> {
  const thread = await db.threads.get(threadId);
  if (!thread) throw new Error(`No thread ${threadId}.`);
  return syncForum(db, api, thread.forumId, { refresh: [thread.remoteId], threadsOnly: true });
}
