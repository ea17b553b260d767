import { describe, expect, it } from 'vitest';
import { readNotifyThreads, setThreadNotify, takeNewReplies } from '../../../../renderer/features/notifications/thread-notifications';
import { seedLibrary } from '../../../support/library-fixture';
import { freshDb } from '../../../support/fresh-db';

const FORUM = 'forum.example.org';
const addReply = async (db: ReturnType<typeof freshDb>, thread: number, postNumber: number) => {
  const [post] = await db.posts.where('[threadId+postNumber]').equals([`${FORUM}/t/${thread}`, 1]).toArray();
  await db.posts.put({ ...post!, id: `${FORUM}/p/${thread}00${postNumber}`, remoteId: Number(`${thread}00${postNumber}`), postNumber });
};

describe('followed threads for notifications', () => {
  it('counts replies stored since a thread was followed, once', async () => {
    const db = freshDb();
    await seedLibrary(db, { threads: 2, postsPerThread: 5 });
    await setThreadNotify(db, `${FORUM}/t/1`, true);
    expect(await takeNewReplies(db, FORUM)).toEqual([]);

    await addReply(db, 1, 6);
    await addReply(db, 1, 7);
    await addReply(db, 2, 6); // not followed
    expect(await takeNewReplies(db, FORUM)).toEqual([{ threadId: `${FORUM}/t/1`, title: 'Thread 1: favourite scenes', forumName: `Forum ${FORUM}`, newReplies: 2 }]);
    // Announced: the next sync with nothing new says nothing.
    expect(await takeNewReplies(db, FORUM)).toEqual([]);
    expect(await takeNewReplies(db, 'other.example.net')).toEqual([]);
  });

  it('forgets a thread turned off, and reads a damaged setting as none', async () => {
    const db = freshDb();
    await seedLibrary(db, { threads: 1, postsPerThread: 3 });
    await setThreadNotify(db, `${FORUM}/t/1`, true);
    expect(Object.keys(await readNotifyThreads(db))).toEqual([`${FORUM}/t/1`]);
    await setThreadNotify(db, `${FORUM}/t/1`, false);
    expect(await readNotifyThreads(db)).toEqual({});
    await db.settings.put({ key: 'notifyThreads', value: { [`${FORUM}/t/1`]: 'yes' } });
    expect(await readNotifyThreads(db)).toEqual({});
  });
});
