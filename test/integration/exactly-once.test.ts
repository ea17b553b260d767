// The promise of the outbox: a reply reaches the forum exactly once, however the network fails.
// The sample forum commits replies and then drops their responses, answers 5xx and drops
// connections, over hundreds of sends from two windows at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReaderDb } from '../../renderer/db/reader-db';
import { freshDb } from '../support/fresh-db';
import { startReaderBackend, type ReaderBackend } from '../support/reader-backend';
import { passNow, queueReply, replyPosts, SAMPLE_THREAD_ID, storeSampleThread } from '../support/reply-fixture';

const REPLIES = 300;

describe('exactly once', () => {
  let backend: ReaderBackend;
  let db: ReaderDb;
  beforeEach(async () => {
    backend = await startReaderBackend();
    db = freshDb();
    await storeSampleThread(db, backend);
  });
  afterEach(async () => {
    db.close();
    await backend.close();
  });

  it(`${REPLIES} replies whose responses are often lost are each on the server exactly once`, { timeout: 240_000 }, async () => {
    const texts = Array.from({ length: REPLIES }, (_, i) => `Reply number ${i + 1}: the ballet sequence again, seen from row ${i % 17}.`);
    const ids: string[] = [];
    for (const [i, text] of texts.entries()) {
      ids.push(await queueReply(db, text, i % 5 === 0 ? { replyTo: { postNumber: 1 + (i % 18), username: 'someone' } } : {}));
    }
    Object.assign(backend.forum.faults, { loseReplyResponseRate: 0.5, serverErrorRate: 0.1, dropRate: 0.05, seed: 20_260_601 });

    // Discourse remembers an API key's POST for 120 s and answers a repeat from memory. Retries
    // can come much later (the network was gone for an hour), so the forum's clock moves past
    // that between passes: only the reader's own care keeps a retry from posting twice.
    let clockOffsetMs = 0;
    backend.forum.store.now = () => new Date(Date.now() + clockOffsetMs);
    let passes = 0;
    for (; passes < 60; passes++) {
      const unsent = await db.outbox.where('state').noneOf(['sent']).count();
      if (unsent === 0) break;
      // Two windows of the same profile run their passes at the same time.
      await Promise.all([passNow(db, backend), passNow(db, backend)]);
      clockOffsetMs += 121_000;
    }
    const lost = backend.forum.requestLog.filter((entry) => entry.fault === 'lose-reply-response').length;
    console.info(`exactly once: ${REPLIES} replies, ${passes} passes, ${replyPosts(backend).length} POSTs, ${lost} responses lost after commit, ${backend.forum.requestLog.length} requests in all`);
    expect(lost).toBeGreaterThan(REPLIES / 4);

    const items = await db.outbox.bulkGet(ids);
    expect(items.map((item) => item?.state)).toEqual(ids.map(() => 'sent'));
    const serverPosts = [...backend.forum.store.posts.values()];
    for (const [i, text] of texts.entries()) {
      const onServer = serverPosts.filter((post) => post.raw === text);
      expect(onServer, text).toHaveLength(1);
      expect(items[i]?.remotePostId).toBe(onServer[0]?.id);
    }
    // Shown once each in the thread: the local copies are keyed by the server's post ids.
    const stored = await db.posts.where('threadId').equals(SAMPLE_THREAD_ID).toArray();
    expect(stored).toHaveLength(18 + REPLIES);
    expect(new Set(stored.map((post) => post.remoteId)).size).toBe(18 + REPLIES);
    expect(await db.drafts.count()).toBe(0);
  });
});
