// Runs stopped at many points (cancelled, the renderer gone mid-batch without acknowledging, the
// main process closed) leave a consistent database, and the next run completes it: no gap, no
// duplicate.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ForumApi } from '../../shared/api';
import { SAMPLE_FORUM_ID, type SyncBatch } from '../../shared/model';
import type { ForumStore } from '../../main/sample-forum/forum-store';
import { generateForum } from '../../main/sample-forum/generate-forum';
import { commitSyncBatch } from '../../renderer/db/commit-sync-batch';
import type { ReaderDb } from '../../renderer/db/reader-db';
import { addSampleForumOnce } from '../../renderer/features/forums/first-launch';
import { buildSyncRequest } from '../../renderer/db/sync-request';
import { cancelSyncRun, syncForum } from '../../renderer/features/sync/sync-forum';
import { useSyncStore } from '../../renderer/state/sync-store';
import { freshDb } from '../support/fresh-db';
import { startReaderBackend, type ReaderBackend } from '../support/reader-backend';
import { expectConsistent, expectStoredEqualsServer } from '../support/sync-checks';

const TUNING = { postsPerBatch: 25, ackTimeoutMs: 5_000 };

/** The renderer's api, with a hook that sees each acknowledgement go out. */
function watchingAcks(api: ForumApi, onAck: (count: number, runId: string) => void): ForumApi {
  let acks = 0;
  return {
    ...api,
    ackSyncBatch: async (input) => {
      const result = await api.ackSyncBatch(input);
      onAck(++acks, input.runId);
      return result;
    },
  };
}

/** Cancel sync after `count` batches are committed. */
async function cancelAfter(db: ReaderDb, api: ForumApi, count: number) {
  let cancelled = false;
  const watched = watchingAcks(api, (acks, runId) => {
    if (acks >= count && !cancelled) {
      cancelled = true;
      void api.cancelSync({ runId });
    }
  });
  return syncForum(db, watched, SAMPLE_FORUM_ID);
}

/**
 * A renderer that commits `count` batches, then dies inside the next one's transaction (after
 * writing part of it) and never acknowledges again.
 */
async function dieMidBatch(db: ReaderDb, api: ForumApi, count: number): Promise<void> {
  const request = await buildSyncRequest(db, SAMPLE_FORUM_ID);
  let committed = 0;
  let died!: () => void;
  const gone = new Promise<void>((resolve) => (died = resolve));
  let chain = Promise.resolve();
  const off = api.on('syncBatch', (batch: SyncBatch) => {
    chain = chain.then(async () => {
      if (committed < count) {
        await commitSyncBatch(db, batch);
        committed++;
        await api.ackSyncBatch({ runId: batch.runId, seq: batch.seq });
        return;
      }
      if (committed === count) {
        committed++;
        await db
          .transaction('rw', [db.posts, db.threads, db.threadCursors], async () => {
            await db.posts.bulkPut(batch.posts.slice(0, Math.ceil(batch.posts.length / 2)));
            throw new Error('the renderer process crashed');
          })
          .catch(() => {});
        died();
      }
    });
  });
  const started = await api.startSync(request);
  expect(started.ok).toBe(true);
  await gone;
  off();
}

describe('a sync stopped anywhere resumes without gaps or duplicates', () => {
  let store: ForumStore;
  let backend: ReaderBackend;
  let db: ReaderDb;
  beforeEach(async () => {
    // Big enough that three cancelled runs leave more than six batches: the walk of /posts.json
    // brings 50 posts a request.
    store = generateForum({ boards: 2, threadsPerBoard: 40, postsPerThread: (i) => 10 + ((i * 7) % 45), seed: 5 });
    backend = await startReaderBackend({ forum: store, sync: TUNING });
    db = freshDb();
    await addSampleForumOnce(db, backend.api);
  });
  afterEach(async () => {
    db.close();
    await backend.close();
  });

  it('cancelled after 1, 2, 4 and 6 batches, each run going on from the last', async () => {
    for (const count of [1, 2, 4, 6]) {
      const before = await db.posts.count();
      const summary = await cancelAfter(db, backend.api, count);
      expect({ count, status: summary.status }).toEqual({ count, status: 'cancelled' });
      const after = await db.posts.count();
      expect(after).toBeGreaterThan(before);
      // Stopped early: what arrived before the cancel is committed, nothing after it is fetched.
      if (count === 1) expect(after).toBeLessThan(store.posts.size / 2);
      await expectConsistent(db, SAMPLE_FORUM_ID);
    }
    expect((await syncForum(db, backend.api, SAMPLE_FORUM_ID)).status).toBe('completed');
    await expectStoredEqualsServer(db, store, SAMPLE_FORUM_ID);
  }, 120_000);

  it('the renderer dies in the middle of a batch without acknowledging it, at several points', async () => {
    for (const count of [0, 2, 5, 9]) {
      await dieMidBatch(db, backend.api, count);
      await expectConsistent(db, SAMPLE_FORUM_ID);
    }
    // The reloaded renderer starts a new run; main gives the abandoned one up in its favour.
    expect((await syncForum(db, backend.api, SAMPLE_FORUM_ID)).status).toBe('completed');
    await expectStoredEqualsServer(db, store, SAMPLE_FORUM_ID);
  }, 120_000);

  it('the main process is closed mid-run, at several points, and a new one resumes', async () => {
    for (const count of [1, 4, 8]) {
      let closing: Promise<void> | null = null;
      const closed = new Promise<void>((resolve) => {
        const watched = watchingAcks(backend.api, (acks) => {
          if (acks === count && !closing) closing = backend.close().then(resolve);
        });
        void syncForum(db, watched, SAMPLE_FORUM_ID);
      });
      await closed;
      // The page never hears how the run ended: cancelling it there ends it anyway.
      const orphaned = Object.values(useSyncStore.getState().runs);
      expect(orphaned).toHaveLength(1);
      await cancelSyncRun(backend.api, orphaned[0]!.runId);
      await expect.poll(() => Object.keys(useSyncStore.getState().runs).length, { timeout: 5_000 }).toBe(0);
      await expectConsistent(db, SAMPLE_FORUM_ID);
      backend = await startReaderBackend({ forum: store, sync: TUNING });
    }
    // Between runs the forum moved on: a reply and a deletion.
    const topic = [...store.topics.values()][3]!;
    store.addPost({ topicId: topic.id, username: store.users.get(topic.userId)!.username, raw: 'A reply written while the reader was away.' });
    store.deletePost(topic.posts[2]!.id);
    expect((await syncForum(db, backend.api, SAMPLE_FORUM_ID)).status).toBe('completed');
    await expectStoredEqualsServer(db, store, SAMPLE_FORUM_ID);
    await expectConsistent(db, SAMPLE_FORUM_ID);
  }, 120_000);
});

describe('a mega topic stopped part way', () => {
  it('resumes paging after the posts it stored, not from its first post', async () => {
    // One topic past Discourse's 10,000 posts: no stream of ids, paged by post number.
    const store = generateForum({ boards: 1, threadsPerBoard: 1, postsPerThread: 10_050, seed: 8 });
    const backend = await startReaderBackend({ forum: store, sync: { postsPerBatch: 1_000, ackTimeoutMs: 5_000 } });
    const db = freshDb();
    try {
      await addSampleForumOnce(db, backend.api);
      expect((await cancelAfter(db, backend.api, 3)).status).toBe('cancelled');
      const stored = await db.posts.count();
      expect(stored).toBeGreaterThanOrEqual(3_000);
      await expectConsistent(db, SAMPLE_FORUM_ID);

      const logBefore = backend.forum.requestLog.length;
      expect((await syncForum(db, backend.api, SAMPLE_FORUM_ID)).status).toBe('completed');
      await expectStoredEqualsServer(db, store, SAMPLE_FORUM_ID);
      const pages = backend.forum.requestLog.slice(logBefore).filter((entry) => /\/t\/\d+\/posts\.json/.test(entry.path) || /\/t\/\d+\.json/.test(entry.path));
      // The topic, then 20 posts a page from where the stored ones end: none of them again.
      const postsLeft = store.posts.size - stored;
      expect(pages.length).toBeLessThanOrEqual(1 + Math.ceil(postsLeft / 20) + 1);
    } finally {
      db.close();
      await backend.close();
    }
  }, 120_000);
});
