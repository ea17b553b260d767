// A 5,000-post forum synced over a bad connection: every fault of the sample forum switched on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_FORUM_ID } from '../../shared/model';
import { generateForum } from '../../main/sample-forum/generate-forum';
import type { ReaderDb } from '../../renderer/db/reader-db';
import { addSampleForumOnce } from '../../renderer/features/forums/first-launch';
import { syncForum } from '../../renderer/features/sync/sync-forum';
import { freshDb } from '../support/fresh-db';
import { startReaderBackend, type ReaderBackend } from '../support/reader-backend';
import { expectConsistent, expectStoredEqualsServer } from '../support/sync-checks';

describe('sync over a bad connection', () => {
  let backend: ReaderBackend;
  let db: ReaderDb;
  beforeEach(async () => {
    const forum = generateForum({ boards: 2, threadsPerBoard: 50, postsPerThread: 50, seed: 3 });
    // Retries come fast in tests; more of them, as every fault is on at once.
    backend = await startReaderBackend({ forum, http: { retries: 10 }, sync: { postsPerBatch: 200 } });
    db = freshDb();
    await addSampleForumOnce(db, backend.api);
  });
  afterEach(async () => {
    db.close();
    await backend.close();
  });

  it('with latency, 5xx, 429s, dropped connections and truncated bodies, stores exactly the forum’s 5,000 posts', async () => {
    expect(backend.forum.store.posts.size).toBe(5000);
    Object.assign(backend.forum.faults, {
      latencyMs: 3,
      serverErrorRate: 0.05,
      rateLimitRate: 0.02,
      retryAfterSeconds: 1,
      dropRate: 0.04,
      truncateRate: 0.04,
      seed: 11,
    });
    const summary = await syncForum(db, backend.api, SAMPLE_FORUM_ID);

    expect(summary).toMatchObject({ status: 'completed', error: null, threadErrors: [], boardErrors: [] });
    await expectStoredEqualsServer(db, backend.forum.store, SAMPLE_FORUM_ID);
    await expectConsistent(db, SAMPLE_FORUM_ID);
    // The faults really happened, and each 429 was waited out.
    const faults = new Set(backend.forum.requestLog.map((entry) => entry.fault).filter(Boolean));
    expect([...faults].sort()).toEqual(['drop', 'rate-limit', 'server-error', 'truncate']);
    const limited = backend.forum.requestLog.filter((entry) => entry.fault === 'rate-limit').length;
    expect(summary.serverWaitMs).toBeGreaterThanOrEqual(limited * 1000);
    expect(summary.requests).toBeGreaterThan(backend.forum.requestLog.filter((entry) => !entry.fault).length - 5);
  }, 180_000);
});
