// A forum that attacks its reader, through the real main services (web host, polite-http,
// node-fetch) and the renderer's own sync into Dexie: nothing it sends takes main down, leaks a
// key or a reply to another site, pages for days, or stores odd post numbers.
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncSummary } from '../../shared/api';
import { forumIdFor, threadIdFor } from '../../shared/model';
import type { ReaderDb } from '../../renderer/db/reader-db';
import { addForum } from '../../renderer/features/forums/add-forum';
import { redirectNotice } from '../../renderer/features/forums/probe-messages';
import { syncForum } from '../../renderer/features/sync/sync-forum';
import { setPostLimits, setRequestsPerMinute } from '../../renderer/features/sync/sync-settings';
import { threadSyncErrors } from '../../renderer/features/sync/thread-sync-errors';
import { freshDb } from '../support/fresh-db';
import { startHostileForum, type HostileForum, type HostileForumOptions } from '../support/hostile-forum';
import { startReaderBackend, type ReaderBackend } from '../support/reader-backend';

describe('a hostile forum', () => {
  let backend: ReaderBackend;
  let db: ReaderDb;
  const servers: HostileForum[] = [];
  const serve = async (options: HostileForumOptions) => {
    const forum = await startHostileForum(options);
    servers.push(forum);
    return forum;
  };
  beforeEach(async () => {
    backend = await startReaderBackend();
    db = freshDb();
  });
  afterEach(async () => {
    db.close();
    await backend.close();
    for (const server of servers.splice(0)) await server.close();
  });

  /** Adds the forum as a person would (probe, then Add) following `topics` on their own, and syncs it. */
  const addAndSync = async (forum: HostileForum, topics: number[], limits?: { perThread?: number; perRun?: number }) => {
    const probe = await backend.api.probeForum({ address: forum.url });
    if (!probe.ok) throw new Error(`probe failed: ${probe.error.message}`);
    await addForum(db, probe.value, { followedBoardIds: new Set(), followedThreadIds: topics });
    // The most a person may allow, so the test waits less on the politeness budget.
    await setRequestsPerMinute(db, probe.value.forumId, 180);
    if (limits) await setPostLimits(db, probe.value.forumId, limits);
    return { forumId: probe.value.forumId, summary: await syncForum(db, backend.api, probe.value.forumId) };
  };
  const postNumbersOf = async (forumId: string, topicId: number) => {
    const threadId = threadIdFor(forumId, topicId);
    const posts = await db.posts.where('[threadId+postNumber]').between([threadId, Dexie.minKey], [threadId, Dexie.maxKey]).toArray();
    return posts.map((post) => post.postNumber);
  };
  const errorOf = (summary: SyncSummary, forumId: string, topicId: number) =>
    summary.threadErrors.find((failed) => failed.threadId === threadIdFor(forumId, topicId))?.error;

  it('a gzip bomb fails its own thread with the endpoint and the limit, and the other threads sync', async () => {
    const forum = await serve({
      topics: [
        { kind: 'plain', id: 1, posts: 30 },
        // About 0.7 MB on the wire, 700 MB inflated: read whole, it is longer than a string can be.
        { kind: 'gzip-bomb', id: 2, inflatedMb: 700 },
        { kind: 'plain', id: 4, posts: 25 },
      ],
    });
    const { forumId, summary } = await addAndSync(forum, [1, 2, 4]);

    expect(summary.status).toBe('completed');
    expect(errorOf(summary, forumId, 2)).toEqual({ code: 'too_large', message: expect.stringMatching(/more than 8 MB for \/t\/2\.json/) });
    expect(await postNumbersOf(forumId, 1)).toHaveLength(30);
    expect(await postNumbersOf(forumId, 4)).toHaveLength(25);
    // The person sees it on the thread, and the sync log says it.
    const shown = await threadSyncErrors(db, forumId);
    expect(shown[threadIdFor(forumId, 2)]?.message).toMatch(/8 MB/);
    const log = await db.syncLog.where('forumId').equals(forumId).toArray();
    expect(log.at(-1)?.errors.some((line) => line.includes('/t/2.json'))).toBe(true);
    // A refused answer is not asked for again within the run.
    expect(forum.requests.filter((request) => request.path === '/t/2.json')).toHaveLength(1);
  }, 60_000);

  it('a topic whose body never ends fails its own thread at the limit, and the other threads sync', async () => {
    const forum = await serve({
      topics: [
        { kind: 'endless', id: 3 },
        { kind: 'plain', id: 4, posts: 25 },
      ],
    });
    const { forumId, summary } = await addAndSync(forum, [3, 4]);

    expect(summary.status).toBe('completed');
    expect(errorOf(summary, forumId, 3)).toEqual({ code: 'too_large', message: expect.stringMatching(/more than 8 MB for \/t\/3\.json/) });
    expect(await postNumbersOf(forumId, 4)).toHaveLength(25);
  }, 60_000);

  it('a site.json that never ends is refused when the forum is added, naming the endpoint and the limit', async () => {
    const forum = await serve({ site: 'endless' });
    const probe = await backend.api.probeForum({ address: forum.url });

    expect(probe).toEqual({ ok: false, error: { code: 'too_large', message: expect.stringMatching(/more than 8 MB for \/site\.json/) } });
  });

  it('an account’s key is not sent along a redirect to another origin', async () => {
    const elsewhere = await serve({});
    const forum = await serve({ redirect: { paths: ['/site/basic-info.json'], to: elsewhere.url } });
    const saved = await backend.api.setForumAccount({ forumId: forumIdOf(forum), baseUrl: forum.url, kind: 'api-key', username: 'reader', key: 'secret-key-123' });

    expect(saved.ok).toBe(true);
    // The forum got the key; the redirect was followed, but without it.
    expect(forum.requests[0]?.headers['api-key']).toBe('secret-key-123');
    expect(elsewhere.requests.map((request) => request.path)).toEqual(['/site/basic-info.json']);
    expect(elsewhere.requests[0]?.headers).not.toHaveProperty('api-key');
    expect(elsewhere.requests[0]?.headers).not.toHaveProperty('api-username');
  });

  it('a reply redirected (307) to another origin is not sent there, and the outcome says why', async () => {
    const elsewhere = await serve({});
    const forum = await serve({ redirect: { paths: ['/posts.json'], to: elsewhere.url } });
    const forumId = forumIdOf(forum);
    await backend.api.setForumAccount({ forumId, baseUrl: forum.url, kind: 'api-key', username: 'reader', key: 'secret-key-123' });
    const outcome = await backend.api.sendReply({
      clientId: 'hostile-redirect-1',
      forumId,
      topicId: 1,
      replyToPostNumber: null,
      raw: 'My private words, for this forum only.',
      firstAttemptAt: new Date().toISOString(),
      maybeSent: false,
      afterPostNumber: 0,
      claimedPostIds: [],
    });

    expect(elsewhere.requests).toEqual([]);
    expect(outcome).toEqual({ ok: true, value: expect.objectContaining({ kind: 'refused', cause: 'forbidden', reason: expect.stringContaining(elsewhere.url) }) });
  });

  it('a forum whose pages come from another origin says so when it is added, and is kept from there', async () => {
    const real = await serve({ topics: [{ kind: 'plain', id: 1, posts: 3 }] });
    const typed = await serve({ redirect: { paths: ['/'], to: real.url } });
    const probe = await backend.api.probeForum({ address: typed.url });

    if (!probe.ok) throw new Error(probe.error.message);
    expect(probe.value).toMatchObject({ baseUrl: real.url, redirectedFrom: typed.url });
    expect(redirectNotice(probe.value)).toContain(`sends its pages from another site, ${real.url}`);
  });

  it('a topic that claims ten million posts stops at the thread ceiling, says what was skipped, and the rest syncs', async () => {
    const forum = await serve({
      topics: [
        { kind: 'claims-millions', id: 5, claimed: 10_000_000 },
        { kind: 'plain', id: 1, posts: 30 },
      ],
    });
    const { forumId, summary } = await addAndSync(forum, [5, 1], { perThread: 100 });

    expect(summary.status).toBe('completed');
    expect(await postNumbersOf(forumId, 5)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(await postNumbersOf(forumId, 1)).toHaveLength(30);
    expect(errorOf(summary, forumId, 5)).toEqual({ code: 'too_large', message: expect.stringMatching(/10,000,000 posts; the reader keeps at most 100 of one thread/) });
    const pagesAsked = () => forum.requests.filter((request) => request.path.startsWith('/t/5/posts.json')).length;
    expect(pagesAsked()).toBe(4);

    // Passing the thread again in full (Refresh thread) re-reads what is kept and pages no further.
    await syncForum(db, backend.api, forumId, { refresh: [5], threadsOnly: true });
    expect(pagesAsked()).toBe(8);
    expect(await postNumbersOf(forumId, 5)).toHaveLength(100);
  }, 60_000);

  it('a sync stops at its post ceiling, says so, and the next sync goes on from there', async () => {
    const forum = await serve({
      topics: [
        { kind: 'plain', id: 1, posts: 25 },
        { kind: 'plain', id: 2, posts: 25 },
      ],
    });
    const { forumId, summary } = await addAndSync(forum, [1, 2], { perRun: 30 });
    const stored = async () => (await postNumbersOf(forumId, 1)).length + (await postNumbersOf(forumId, 2)).length;

    expect(summary.status).toBe('completed');
    expect(await stored()).toBe(30);
    expect(summary.threadErrors.map((failed) => failed.error.message).join(' ')).toMatch(/this sync reached its limit of 30 posts/);

    const next = await syncForum(db, backend.api, forumId);
    expect(next.threadErrors).toEqual([]);
    expect(await stored()).toBe(50);
  }, 60_000);

  it('post numbers below 1 and a number claimed by two posts are refused for their thread, with the post and the number', async () => {
    const forum = await serve({
      topics: [
        { kind: 'numbered', id: 8, numbers: [1, 2, -5] },
        { kind: 'numbered', id: 9, numbers: [1, 2, 3, 3] },
        { kind: 'plain', id: 1, posts: 5 },
      ],
    });
    const { forumId, summary } = await addAndSync(forum, [8, 9, 1]);

    expect(errorOf(summary, forumId, 8)).toEqual({ code: 'bad_response', message: 'topic 8: post_stream.posts[2].post_number: expected >=1, got -5' });
    expect(errorOf(summary, forumId, 9)).toEqual({ code: 'bad_response', message: expect.stringMatching(/posts 1002 and 1003 both claim to be post #3/) });
    expect(await postNumbersOf(forumId, 8)).toEqual([]);
    expect(await postNumbersOf(forumId, 9)).toEqual([]);
    expect(await postNumbersOf(forumId, 1)).toEqual([1, 2, 3, 4, 5]);
  });
});

const forumIdOf = (forum: HostileForum) => forumIdFor(forum.url);
