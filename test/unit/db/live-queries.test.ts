// Live queries run only where a global indexedDB exists (Dexie checks at load), so this file
// installs fake-indexeddb's globals before anything imports Dexie.
import 'fake-indexeddb/auto';
import Dexie, { liveQuery } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Post, SyncBatch, Thread } from '../../../shared/model';
import { commitSyncBatch } from '../../../renderer/db/commit-sync-batch';
import type { PostRow, ReaderDb } from '../../../renderer/db/reader-db';
import { watchShared } from '../../../renderer/db/shared-live-query';
import { freshDb } from '../../support/fresh-db';

const FORUM = 'forum.test';
const thread = (remoteId: number): Thread => ({
  id: `${FORUM}/t/${remoteId}`, forumId: FORUM, boardId: `${FORUM}/c/1`, remoteId, title: `Thread ${remoteId}`, slug: `thread-${remoteId}`,
  authorUsername: 'ann', createdAt: '2024-01-01T00:00:00.000Z', lastPostedAt: '2024-01-02T00:00:00.000Z',
  bumpedAt: '2024-01-02T00:00:00.000Z', postsCount: 100, highestPostNumber: 100, pinned: false, closed: false,
});
const A = thread(1);
const B = thread(2);

const post = (of: Thread, n: number, version = 1): Post => ({
  id: `${FORUM}/p/${of.remoteId * 1000 + n}`, forumId: FORUM, threadId: of.id, remoteId: of.remoteId * 1000 + n, postNumber: n,
  username: 'ann', displayName: 'Ann', avatarUrl: null, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z',
  version, html: `<p>Post ${n}, version ${version}</p>`, replyToPostNumber: null, hidden: false, deleted: false,
});
const range = (of: Thread, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => post(of, from + i));

let seq = 0;
const batch = (parts: Partial<SyncBatch>): SyncBatch => ({
  runId: 'run', seq: seq++, forumId: FORUM, threads: [A, B], posts: [], removedPostIds: [], threadCursors: [], boardCursors: [], ...parts,
});

/** The answers of a live query, one at a time, and how often its querier ran. */
function watch<T>(querier: () => Promise<T>) {
  const answers: T[] = [];
  const waiting: Array<(answer: T) => void> = [];
  let runs = 0;
  const subscription = liveQuery(() => {
    runs++;
    return querier();
  }).subscribe({
    next: (answer) => {
      const wake = waiting.shift();
      if (wake) wake(answer);
      else answers.push(answer);
    },
  });
  return {
    next: () => (answers.length > 0 ? Promise.resolve(answers.shift() as T) : new Promise<T>((resolve) => waiting.push(resolve))),
    runs: () => runs,
    stop: () => subscription.unsubscribe(),
  };
}

let db: ReaderDb;
afterEach(async () => {
  await db?.delete();
});

describe('live queries beside sync commits', () => {
  it('a batch of another thread does not wake the open thread; a batch of this one does', async () => {
    db = freshDb();
    await commitSyncBatch(db, batch({ posts: range(A, 1, 3) }));
    const open = watch(() => db.posts.where('[threadId+postNumber]').between([A.id, Dexie.minKey], [A.id, Dexie.maxKey]).toArray());
    expect((await open.next()).map((row) => row.postNumber)).toEqual([1, 2, 3]);

    // 60 posts: through Dexie's bulkPut, 50 or more mark the whole posts table as changed.
    await commitSyncBatch(db, batch({ posts: range(B, 1, 60) }));
    await commitSyncBatch(db, batch({ posts: range(A, 4, 5) }));
    expect((await open.next()).map((row) => row.postNumber)).toEqual([1, 2, 3, 4, 5]);
    // A last batch of this thread: had B's batch woken the query, it would have run once more.
    await commitSyncBatch(db, batch({ posts: range(A, 6, 6) }));
    expect((await open.next()).map((row) => row.postNumber)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(open.runs()).toBe(3);
    open.stop();
  });

  it('a post read by its id is read again when a batch rewrites it', async () => {
    db = freshDb();
    await commitSyncBatch(db, batch({ posts: range(A, 1, 60) }));
    const first = watch(() => db.posts.get(post(A, 1).id));
    expect((await first.next())?.version).toBe(1);
    await commitSyncBatch(db, batch({ posts: [post(A, 1, 2)] }));
    expect((await first.next())?.version).toBe(2);
    first.stop();
  });
});

describe('watchShared', () => {
  it('runs one query for every watcher of a key, and stops it with the last one', async () => {
    db = freshDb();
    // Opening (creating) the database tells every live query that everything changed.
    await db.open();
    let runs = 0;
    const countOfA = () => {
      runs++;
      return db.posts.where('[threadId+postNumber]').between([A.id, Dexie.minKey], [A.id, Dexie.maxKey]).count();
    };
    const seen: Array<{ who: string; count: number }> = [];
    let wake: (() => void) | null = null;
    const heard = (who: string) => (count: number) => {
      seen.push({ who, count });
      wake?.();
    };
    const until = (done: () => boolean) =>
      new Promise<void>((resolve) => {
        wake = () => done() && resolve();
        wake();
      });
    const stopOne = watchShared(db, 'count of A', countOfA, heard('one'));
    const stopTwo = watchShared(db, 'count of A', countOfA, heard('two'));
    await until(() => seen.length === 2);
    expect(seen).toEqual([{ who: 'one', count: 0 }, { who: 'two', count: 0 }]);

    await commitSyncBatch(db, batch({ posts: range(A, 1, 2) }));
    await until(() => seen.length === 4);
    expect(seen.slice(2)).toEqual([{ who: 'one', count: 2 }, { who: 'two', count: 2 }]);
    expect(runs).toBe(2);

    // A third watcher joining later hears the known answer at once, without another read.
    const late: number[] = [];
    const stopLate = watchShared(db, 'count of A', countOfA, (count: number) => late.push(count));
    expect(late).toEqual([2]);
    expect(runs).toBe(2);
    stopOne();
    stopTwo();
    stopLate();
    // Nobody watches now: a change reads nothing.
    await commitSyncBatch(db, batch({ posts: range(A, 3, 3) }));
    const rows: PostRow[] = await db.posts.toArray();
    expect(rows).toHaveLength(3);
    expect(runs).toBe(2);
  });
});
