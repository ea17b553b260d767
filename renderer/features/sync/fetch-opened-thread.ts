// A thread opened before it is stored whole (a first sync has not reached it, or it is in a
// category not synced yet) is fetched ahead of everything else: the forum's run in flight
// passes it next; when no run is, a pass of that thread alone fetches it.
import { useEffect } from 'react';
import type { ForumApi } from '../../../shared/api';
import type { ReaderDb, ThreadRow } from '../../db/reader-db';
import { syncForum } from './sync-forum';

export async function fetchOpenedThread(db: ReaderDb, api: ForumApi, thread: Pick<ThreadRow, 'forumId' | 'remoteId'>): Promise<void> {
  const asked = await api.fetchThreadFirst({ forumId: thread.forumId, remoteId: thread.remoteId });
  if (asked.ok && asked.value.queued) return;
  await syncForum(db, api, thread.forumId, { refresh: [thread.remoteId], threadsOnly: true });
}

/** A pass of the thread completed (its cursor is stored) and it has posts. */
export async function storedWhole(db: ReaderDb, thread: Pick<ThreadRow, 'id' | 'storedPostCount'>): Promise<boolean> {
  return thread.storedPostCount > 0 && (await db.threadCursors.get(thread.id)) !== undefined;
}

/**
 * Once per opening of a thread not stored whole: none of its posts, or some without a completed
 * pass (a walk of the forum's latest posts brings a thread's newest posts first).
 */
export function useFetchOpenedThread(db: ReaderDb, api: ForumApi, thread: ThreadRow): void {
  useEffect(() => {
    void (async () => {
      if (await storedWhole(db, thread)) return;
      await fetchOpenedThread(db, api, thread);
    })();
    // Asked when the thread is opened, not again as its posts arrive.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, api, thread.id]);
}
