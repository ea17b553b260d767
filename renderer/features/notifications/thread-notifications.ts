// Which threads the person wants to hear about, and how far each has been announced: the
// notifyThreads setting (renderer/db/settings.ts).
import Dexie from 'dexie';
import type { ReaderDb } from '../../db/reader-db';
import { getSetting, notifyThreadsSetting, setSetting } from '../../db/settings';
import type { ThreadActivity } from './decide-notifications';

export const readNotifyThreads = (db: ReaderDb) => getSetting(db, notifyThreadsSetting);

async function highestStoredPostNumber(db: ReaderDb, threadId: string): Promise<number> {
  const last = await db.posts.where('[threadId+postNumber]').between([threadId, Dexie.minKey], [threadId, Dexie.maxKey]).last();
  return last?.postNumber ?? 0;
}

/** Turns notifications for a thread on (counting from what is stored now) or off. */
export async function setThreadNotify(db: ReaderDb, threadId: string, on: boolean): Promise<void> {
  await db.transaction('rw', [db.settings, db.posts], async () => {
    const threads = await readNotifyThreads(db);
    if (on) threads[threadId] = { announcedPostNumber: await highestStoredPostNumber(db, threadId) };
    else delete threads[threadId];
    await setSetting(db, notifyThreadsSetting, threads);
  });
}

/**
 * New replies stored since each followed thread of the forum was last announced, and moves the
 * mark past them, in one transaction: a reply is announced once, even if two syncs finish together.
 */
export async function takeNewReplies(db: ReaderDb, forumId: string): Promise<ThreadActivity[]> {
  return db.transaction('rw', [db.settings, db.posts, db.threads, db.forums], async () => {
    const threads = await readNotifyThreads(db);
    const forum = await db.forums.get(forumId);
    const activity: ThreadActivity[] = [];
    for (const [threadId, mark] of Object.entries(threads)) {
      const thread = await db.threads.get(threadId);
      if (!thread || thread.forumId !== forumId) continue;
      const newer = db.posts.where('[threadId+postNumber]').between([threadId, mark.announcedPostNumber], [threadId, Dexie.maxKey], false, true);
      const newReplies = await newer.count();
      if (newReplies === 0) continue;
      threads[threadId] = { announcedPostNumber: await highestStoredPostNumber(db, threadId) };
      activity.push({ threadId, title: thread.title, forumName: forum?.name ?? forumId, newReplies });
    }
    if (activity.length > 0) await setSetting(db, notifyThreadsSetting, threads);
    return activity;
  });
}
