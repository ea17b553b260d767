import { describe, expect, it, vi } from 'vitest';
import { AppError, type SyncRequest } from '../../../shared/api';
import { postIdFor, threadIdFor, type Post, type SyncBatch, type Thread } from '../../../shared/model';
import type { ForumSource } from '../../../main/sources/forum-source';
import { runSync, UrgentThreads } from '../../../main/sync/sync-engine';

const FORUM = 'forum.example.org';
const BOARD = { boardId: `${FORUM}/c/5`, remoteId: 5, slug: 'films', threadLimit: 100, watermark: null };

function thread(remoteId: number, bumpedAt: string, postsCount: number, extra: Partial<Thread> = {}): Thread {
  return {
    id: threadIdFor(FORUM, remoteId),
    forumId: FORUM,
    boardId: BOARD.boardId,
    remoteId,
    title: `Topic ${remoteId}`,
    slug: `topic-${remoteId}`,
    authorUsername: 'ada',
    createdAt: '2024-01-01T00:00:00.000Z',
    lastPostedAt: bumpedAt,
    bumpedAt,
    postsCount,
    highestPostNumber: postsCount,
    pinned: false,
    closed: false,
    ...extra,
  };
}

function post(topicId: number, id: number, postNumber: number): Post {
  return {
    id: postIdFor(FORUM, id),
    forumId: FORUM,
    threadId: threadIdFor(FORUM, topicId),
    remoteId: id,
    postNumber,
    username: 'ada',
    displayName: 'Ada',
    avatarUrl: null,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    version: 1,
    html: `<p>post ${id}</p>`,
    replyToPostNumber: null,
    hidden: false,
    deleted: false,
  };
}

/** A forum in memory: listing pages, topics with streams (or mega topics without), and a call log. */
function fakeForum(options: { pages: Thread[][]; posts: Record<number, Post[]>; mega?: number[]; broken?: Record<number, AppError>; latest?: Thread[][]; idsPerRequest?: number }) {
  const calls: string[] = [];
  const byTopic = (remoteId: number) => options.posts[remoteId] ?? [];
  const threadOf = (remoteId: number) => options.pages.flat().find((t) => t.remoteId === remoteId) ?? thread(remoteId, '2024-01-01T00:00:00.000Z', byTopic(remoteId).length);
  const source: ForumSource = {
    listBoards: async () => [],
    listThreads: async (_board, page) => {
      const index = page === null ? 0 : Number(page.split('=')[1]);
      calls.push(`list ${index}`);
      return { threads: options.pages[index] ?? [], nextPage: index + 1 < options.pages.length ? `/c/films/5?page=${index + 1}` : null };
    },
    listLatest: async (page) => {
      const index = page === null ? 0 : Number(page.split('=')[1]);
      const latest = options.latest ?? options.pages;
      calls.push(`latest ${index}`);
      return { threads: latest[index] ?? [], nextPage: index + 1 < latest.length ? `/latest?page=${index + 1}` : null };
    },
    idsPerRequest: () => options.idsPerRequest ?? 20,
    getThread: async (remoteId) => {
      calls.push(`topic ${remoteId}`);
      const broken = options.broken?.[remoteId];
      if (broken) throw broken;
      const posts = byTopic(remoteId);
      const mega = options.mega?.includes(remoteId) ?? false;
      return { thread: threadOf(remoteId), postIds: mega ? null : posts.map((p) => p.remoteId), posts: posts.slice(0, 20) };
    },
    getPostsById: async (remoteId, ids) => {
      calls.push(`posts ${remoteId} [${ids.length}]`);
      return byTopic(remoteId).filter((p) => ids.includes(p.remoteId));
    },
    getPostsAfter: async (remoteId, after) => {
      calls.push(`after ${remoteId} ${after}`);
      return byTopic(remoteId)
        .filter((p) => p.postNumber > after)
        .slice(0, 20);
    },
  };
  return { source, calls };
}

async function sync(source: ForumSource, request: Partial<SyncRequest> = {}) {
  const batches: SyncBatch[] = [];
  const outcome = await runSync({
    source,
    request: { forumId: FORUM, baseUrl: `https://${FORUM}`, boards: [BOARD], threads: [], known: [], refresh: [], ...request },
    runId: 'run',
    emitBatch: async (batch) => {
      batches.push(batch);
    },
    progress: () => {},
    signal: new AbortController().signal,
    postsPerBatch: 30,
  });
  return { outcome, batches, posts: batches.flatMap((b) => b.posts), cursors: batches.flatMap((b) => b.threadCursors) };
}

/** A run a test asks threads of while it goes, with what it emitted so far. */
function startRun(source: ForumSource, threadConcurrency?: number) {
  const urgent = new UrgentThreads();
  const emitted: SyncBatch[] = [];
  const run = runSync({
    source,
    request: { forumId: FORUM, baseUrl: `https://${FORUM}`, boards: [BOARD], threads: [], known: [], refresh: [] },
    runId: 'run',
    emitBatch: async (batch) => {
      emitted.push(batch);
    },
    progress: () => {},
    signal: new AbortController().signal,
    ...(threadConcurrency !== undefined && { threadConcurrency }),
    postsPerBatch: 1000,
    urgent,
  });
  return { run, urgent, emitted };
}

/** Holds one topic's answer until released: the run stays in that thread's pass. */
function holdingTopic(source: ForumSource, heldId: number) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const state = { asked: false, release: () => release() };
  const held: ForumSource = {
    ...source,
    getThread: async (id, ask, near) => {
      if (id === heldId) {
        state.asked = true;
        await gate;
      }
      return source.getThread(id, ask, near);
    },
  };
  return { source: held, state };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
async function until(condition: () => boolean) {
  while (!condition()) await settle();
}

const postsFor = (topicId: number, count: number, firstId: number) => Array.from({ length: count }, (_, i) => post(topicId, firstId + i * 3, i + 1));

describe('the sync engine', () => {
  it('passes a topic once when Discourse lists it on two pages', async () => {
    // A pinned topic pushes the page boundary: topic 11 ends page 0 and starts page 1 again.
    const pages = [
      [thread(1, '2020-01-01T00:00:00.000Z', 2, { pinned: true }), thread(10, '2024-03-03T00:00:00.000Z', 2), thread(11, '2024-03-02T00:00:00.000Z', 2)],
      [thread(11, '2024-03-02T00:00:00.000Z', 2), thread(12, '2024-03-01T00:00:00.000Z', 2)],
    ];
    const { source, calls } = fakeForum({ pages, posts: { 1: postsFor(1, 2, 100), 10: postsFor(10, 2, 200), 11: postsFor(11, 2, 300), 12: postsFor(12, 2, 400) } });
    const { posts, cursors } = await sync(source);
    expect(calls.filter((call) => call === 'topic 11')).toHaveLength(1);
    expect(posts.map((p) => p.remoteId).sort()).toEqual([100, 103, 200, 203, 300, 303, 400, 403]);
    expect(cursors.map((c) => c.threadId).sort()).toEqual([1, 10, 11, 12].map((id) => threadIdFor(FORUM, id)).sort());
  });

  it('a re-sync with nothing new reads one page of the latest topics: stops at the watermark, skipping pinned topics for the test, and fetches nothing unchanged', async () => {
    const old = thread(10, '2024-01-05T00:00:00.000Z', 3);
    const pages = [[thread(1, '2019-01-01T00:00:00.000Z', 1, { pinned: true }), old], [thread(9, '2024-01-01T00:00:00.000Z', 1)]];
    const { source, calls } = fakeForum({ pages, posts: { 1: postsFor(1, 1, 10), 10: postsFor(10, 3, 20) } });
    const known = [
      { remoteId: 1, highestPostNumber: 1, postsCount: 1, lastPostedAt: '2019-01-01T00:00:00.000Z', postIds: [10] },
      { remoteId: 10, highestPostNumber: 3, postsCount: 3, lastPostedAt: old.lastPostedAt, postIds: [20, 23, 26] },
    ];
    const { outcome } = await sync(source, { boards: [{ ...BOARD, watermark: '2024-01-05T00:00:00.000Z' }], known });
    expect(calls).toEqual(['latest 0']);
    expect(outcome.postsFetched).toBe(0);
  });

  it('fetches only the ids a changed topic’s stream has that are not stored, in chunks of 20', async () => {
    const posts = postsFor(7, 65, 1000);
    const { source, calls } = fakeForum({ pages: [[thread(7, '2024-02-01T00:00:00.000Z', 65)]], posts: { 7: posts } });
    const storedIds = posts.slice(0, 30).map((p) => p.remoteId);
    const { posts: fetched, cursors } = await sync(source, {
      known: [{ remoteId: 7, highestPostNumber: 30, postsCount: 30, lastPostedAt: '2024-01-01T00:00:00.000Z', postIds: storedIds }],
    });
    expect(calls).toEqual(['latest 0', 'list 0', 'topic 7', 'posts 7 [20]', 'posts 7 [15]']);
    expect(fetched.map((p) => p.postNumber)).toEqual(Array.from({ length: 35 }, (_, i) => 31 + i));
    expect(cursors[0]?.postIds).toEqual(posts.map((p) => p.remoteId));
  });

  it('removes stored posts that the stream no longer lists, in the batch with the thread’s cursor', async () => {
    const posts = postsFor(7, 4, 500);
    const { source } = fakeForum({ pages: [[thread(7, '2024-02-01T00:00:00.000Z', 3)]], posts: { 7: posts.filter((p) => p.postNumber !== 2) } });
    const { batches } = await sync(source, {
      known: [{ remoteId: 7, highestPostNumber: 4, postsCount: 4, lastPostedAt: '2024-01-01T00:00:00.000Z', postIds: posts.map((p) => p.remoteId) }],
    });
    const withCursor = batches.find((b) => b.threadCursors.length > 0);
    expect(withCursor?.removedPostIds).toEqual([postIdFor(FORUM, 503)]);
  });

  it('pages a mega topic, which has no stream, by post number', async () => {
    const posts = postsFor(8, 50, 2000);
    const { source, calls } = fakeForum({ pages: [[thread(8, '2024-02-01T00:00:00.000Z', 50)]], posts: { 8: posts }, mega: [8] });
    const { posts: fetched } = await sync(source);
    expect(calls).toEqual(['latest 0', 'list 0', 'topic 8', 'after 8 20', 'after 8 40', 'after 8 50']);
    expect(fetched.map((p) => p.postNumber)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('resumes an unfinished mega topic after the posts it has stored, not from its first post', async () => {
    const posts = postsFor(8, 70, 2000);
    const { source, calls } = fakeForum({ pages: [[thread(8, '2024-02-01T00:00:00.000Z', 70)]], posts: { 8: posts }, mega: [8] });
    const stored = posts.slice(0, 45);
    const known = [{ remoteId: 8, highestPostNumber: -1, postsCount: -1, lastPostedAt: '', postIds: stored.map((p) => p.remoteId), storedThrough: 45 }];
    const { posts: fetched, cursors } = await sync(source, { known });
    expect(calls).toEqual(['latest 0', 'list 0', 'topic 8', 'after 8 45', 'after 8 65', 'after 8 70']);
    expect(fetched.map((p) => p.postNumber)).toEqual(Array.from({ length: 25 }, (_, i) => i + 46));
    expect(cursors.at(-1)?.postIds).toHaveLength(70);
  });

  it('a thread followed on its own that fails keeps every board at its old watermark, since they vouch for it', async () => {
    const WATERMARK = '2024-01-10T00:00:00.000Z';
    // Topic 1 is in a category not followed.
    const latest = [[thread(1, '2024-02-03T00:00:00.000Z', 2, { boardId: `${FORUM}/c/9` }), thread(2, '2024-01-01T00:00:00.000Z', 1)]];
    const broken = new AppError('bad_response', 'topic 1: post_stream.posts[0].cooked: expected string, got 42');
    const { source } = fakeForum({ pages: [], latest, posts: { 1: postsFor(1, 2, 10) }, broken: { 1: broken } });
    const known = [{ remoteId: 1, highestPostNumber: 1, postsCount: 1, lastPostedAt: '2024-01-09T00:00:00.000Z', postIds: [10] }];
    const request = { boards: [{ ...BOARD, watermark: WATERMARK }], known };
    expect((await sync(source, { ...request, threads: [{ boardId: null, remoteId: 1 }] })).batches.flatMap((b) => b.boardCursors)).toEqual([]);
    // Followed through nothing but its old board's listing, it holds back no watermark.
    expect((await sync(source, request)).batches.flatMap((b) => b.boardCursors)).toEqual([{ boardId: BOARD.boardId, watermark: '2024-02-03T00:00:00.000Z' }]);
  });

  it('a topic that fails does not stop the others, and its board keeps the old watermark', async () => {
    const pages = [[thread(1, '2024-02-03T00:00:00.000Z', 1), thread(2, '2024-02-02T00:00:00.000Z', 1), thread(3, '2024-02-01T00:00:00.000Z', 1)]];
    const broken = new AppError('bad_response', 'topic 2: post_stream.posts[0].cooked: expected string, got 42');
    const { source } = fakeForum({ pages, posts: { 1: postsFor(1, 1, 10), 2: postsFor(2, 1, 20), 3: postsFor(3, 1, 30) }, broken: { 2: broken } });
    const { outcome, posts, batches } = await sync(source);
    expect(posts.map((p) => p.remoteId).sort()).toEqual([10, 30]);
    expect(outcome.threadErrors).toEqual([{ threadId: threadIdFor(FORUM, 2), title: 'Topic 2', error: { code: 'bad_response', message: broken.message } }]);
    expect(batches.flatMap((b) => b.boardCursors)).toEqual([]);
  });

  it('stops the run when the forum itself cannot be reached', async () => {
    const pages = [[thread(1, '2024-02-03T00:00:00.000Z', 1)]];
    const { source } = fakeForum({ pages, posts: { 1: postsFor(1, 1, 10) }, broken: { 1: new AppError('unreachable', 'Could not reach forum.example.org (connection refused).') } });
    await expect(sync(source)).rejects.toMatchObject({ code: 'unreachable' });
  });

  it('finds a followed single thread unchanged in the latest list, passes it when listed as changed, and passes a thread asked to refresh in full', async () => {
    const posts = postsFor(40, 4, 700);
    const latest: Thread[][] = [[thread(41, '2024-01-03T00:00:00.000Z', 2)]];
    const { source, calls } = fakeForum({ pages: [], latest, posts: { 40: posts } });
    const known = [{ remoteId: 40, highestPostNumber: 3, postsCount: 3, lastPostedAt: '2024-01-01T00:00:00.000Z', postIds: posts.slice(0, 3).map((p) => p.remoteId) }];
    const unchanged = await sync(source, { boards: [], threads: [{ boardId: null, remoteId: 40 }], known });
    expect(unchanged.posts).toEqual([]);
    expect(calls).toEqual(['latest 0']);
    // Never stored whole: passed on its own.
    calls.length = 0;
    await sync(source, { boards: [], threads: [{ boardId: null, remoteId: 40 }], known: [{ ...known[0]!, highestPostNumber: -1 }] });
    expect(calls).toEqual(['topic 40']);
    calls.length = 0;
    latest[0]!.unshift(thread(40, '2024-01-04T00:00:00.000Z', 4));
    const changed = await sync(source, { boards: [], threads: [{ boardId: null, remoteId: 40 }], known });
    expect(changed.posts.map((p) => p.remoteId)).toEqual([709]);
    expect(calls).toEqual(['latest 0', 'topic 40']);
    const full = await sync(source, { boards: [], refresh: [40], known });
    expect(full.posts.map((p) => p.remoteId)).toEqual([700, 703, 706, 709]);
  });

  it('asks for as many post ids at once as the source allows: a 1,000-post topic in six requests', async () => {
    const pages = [[thread(50, '2024-02-01T00:00:00.000Z', 1000)]];
    const { source, calls } = fakeForum({ pages, posts: { 50: postsFor(50, 1000, 10_000) }, idsPerRequest: 200 });
    const { posts } = await sync(source);
    expect(posts).toHaveLength(1000);
    expect(calls).toEqual(['latest 0', 'list 0', 'topic 50', 'posts 50 [200]', 'posts 50 [200]', 'posts 50 [200]', 'posts 50 [200]', 'posts 50 [180]']);
  });

  describe('with a feed of the latest posts', () => {
    /** The forum's posts of every topic, newest id first, `pageSize` a page below `before`. */
    function withFeed(source: ForumSource, posts: Post[], calls: string[], beforePage?: (n: number) => Promise<void>): ForumSource {
      let pages = 0;
      return {
        ...source,
        latestPosts: {
          pageSize: 50,
          async page(before) {
            calls.push(`feed ${before ?? 'newest'}`);
            await beforePage?.(pages++);
            const page = posts.filter((p) => before === null || p.remoteId < before).sort((a, b) => b.remoteId - a.remoteId).slice(0, 50);
            return { posts: page.map((post) => ({ threadRemoteId: Number(post.threadId.split('/t/')[1]), post })), unreadable: [], before: page.length ? Math.min(...page.map((p) => p.remoteId)) : null };
          },
        },
      };
    }
    // Ten topics of 30 posts, ids interleaved across topics as a forum's are.
    const topics = Array.from({ length: 10 }, (_, t) => t + 1);
    const interleaved = Object.fromEntries(topics.map((t) => [t, Array.from({ length: 30 }, (_, i) => post(t, 1000 + i * 10 + t, i + 1))]));
    const listing = [topics.map((t) => thread(t, `2024-02-${String(t).padStart(2, '0')}T00:00:00.000Z`, 30))];

    it('completes from the feed the threads whose counts it fills, and passes the others on their own', async () => {
      // Topic 3 lacks a post the feed leaves out (its count says 31).
      const pages = [listing[0]!.map((t) => (t.remoteId === 3 ? { ...t, postsCount: 31, highestPostNumber: 31 } : t))];
      const { source, calls } = fakeForum({ pages, posts: interleaved });
      const { posts, cursors } = await sync(withFeed(source, Object.values(interleaved).flat(), calls));
      expect(calls.filter((call) => call.startsWith('topic') || call.startsWith('posts'))).toEqual(['topic 3']);
      expect(calls.filter((call) => call.startsWith('feed'))).toHaveLength(7);
      expect(new Set(posts.map((p) => p.remoteId)).size).toBe(300);
      expect(cursors.find((c) => c.threadId === threadIdFor(FORUM, 5))).toMatchObject({ highestPostNumber: 30, postsCount: 30, postIds: expect.arrayContaining(interleaved[5]!.map((p) => p.remoteId)) });
    });

    it('a thread opened while the feed is walked leaves the walk and is passed at once, keeping what the walk brought', async () => {
      const { source, calls } = fakeForum({ pages: listing, posts: interleaved });
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let secondPage = false;
      const feedHeld = withFeed(source, Object.values(interleaved).flat(), calls, async (n) => {
        if (n !== 1) return;
        secondPage = true;
        await gate;
      });
      const { run, urgent, emitted } = startRun(feedHeld);
      await until(() => secondPage);
      expect(urgent.ask(4)).toBe(true);
      await until(() => emitted.some((b) => b.threadCursors.some((c) => c.threadId === threadIdFor(FORUM, 4))));
      expect(calls).toContain('topic 4');
      release();
      await run;
      const ofTopic4 = emitted.flatMap((b) => b.posts).filter((p) => p.threadId === threadIdFor(FORUM, 4));
      // Each post once: the pass skipped what the first feed page had brought.
      expect(ofTopic4.map((p) => p.remoteId).sort()).toEqual(interleaved[4]!.map((p) => p.remoteId).sort());
      expect(calls.filter((call) => call.startsWith('topic'))).toEqual(['topic 4']);
    });
  });

  it('a thread opened while every lane is in another thread is passed at once beside them, its posts in a batch of their own', async () => {
    const pages = [[thread(1, '2024-02-03T00:00:00.000Z', 3), thread(2, '2024-02-02T00:00:00.000Z', 3), thread(3, '2024-02-01T00:00:00.000Z', 3)]];
    const forum = fakeForum({ pages, posts: { 1: postsFor(1, 3, 100), 2: postsFor(2, 3, 200), 3: postsFor(3, 3, 300) } });
    const { source, state } = holdingTopic(forum.source, 2);
    const { run, urgent, emitted } = startRun(source, 1);
    await until(() => state.asked);
    expect(urgent.ask(3)).toBe(true);
    await until(() => emitted.some((b) => b.posts.some((p) => p.remoteId === 300)));
    // Topic 2's answer has not come (the fake logs a call when it answers).
    expect(forum.calls.filter((call) => call.startsWith('topic'))).toEqual(['topic 1', 'topic 3']);
    // Topic 1's posts wait in the batch being filled; topic 3's went ahead of them, alone.
    expect(emitted[0]?.posts.map((p) => p.remoteId)).toEqual([300, 303, 306]);
    state.release();
    await run;
    expect(forum.calls.filter((call) => call.startsWith('topic'))).toEqual(['topic 1', 'topic 3', 'topic 2']);
    expect(emitted.flatMap((b) => b.posts)).toHaveLength(9);
  });

  it('a run of named threads alone (an opened thread with no run in flight, Refresh thread) hands over their first posts ahead', async () => {
    const forum = fakeForum({ pages: [], posts: { 9: postsFor(9, 50, 900) } });
    const { batches } = await sync(forum.source, { boards: [], refresh: [9] });
    expect(batches[0]).toMatchObject({ openedThreadId: threadIdFor(FORUM, 9), threadCursors: [] });
    expect(batches[0]?.posts.map((p) => p.postNumber)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(batches.flatMap((b) => b.posts)).toHaveLength(50);
    expect(batches.at(-1)?.threadCursors.map((c) => c.threadId)).toEqual([threadIdFor(FORUM, 9)]);
  });

  it('a batch goes once its first post has waited 2 s, without filling up (at a forum\'s limits posts trickle in)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const pages = [[1, 2, 3, 4].map((id) => thread(id, `2024-02-0${5 - id}T00:00:00.000Z`, 3))];
      const forum = fakeForum({ pages, posts: { 1: postsFor(1, 3, 100), 2: postsFor(2, 3, 200), 3: postsFor(3, 3, 300), 4: postsFor(4, 3, 400) } });
      // Each topic's answer takes 1.5 s.
      const slow: ForumSource = {
        ...forum.source,
        getThread: async (id, ask, near) => {
          vi.setSystemTime(Date.now() + 1_500);
          return forum.source.getThread(id, ask, near);
        },
      };
      const { run, emitted } = startRun(slow, 1);
      await run;
      const topicsOf = (batch: SyncBatch) => [...new Set(batch.posts.map((p) => p.threadId))];
      expect(emitted.filter((b) => b.posts.length > 0).map(topicsOf)).toEqual([[1, 2, 3], [4]].map((ids) => ids.map((id) => threadIdFor(FORUM, id))));
    } finally {
      vi.useRealTimers();
    }
  });

  it('a thread opened after its pass hands over its posts at once, not when the batch fills', async () => {
    const pages = [[thread(1, '2024-02-02T00:00:00.000Z', 3), thread(2, '2024-02-01T00:00:00.000Z', 3)]];
    const forum = fakeForum({ pages, posts: { 1: postsFor(1, 3, 100), 2: postsFor(2, 3, 200) } });
    // Topic 2's answer is held: the run stays in its pass while topic 1 is opened.
    const { source, state } = holdingTopic(forum.source, 2);
    const { run, urgent, emitted } = startRun(source, 1);
    await until(() => state.asked);
    expect(emitted.flatMap((b) => b.posts)).toEqual([]);
    expect(urgent.ask(1)).toBe(true);
    await settle();
    expect(emitted.flatMap((b) => b.posts).map((p) => p.remoteId)).toEqual([100, 103, 106]);
    state.release();
    await run;
  });

  describe('a re-sync finds changes in the latest topics of the whole forum', () => {
    const WATERMARK = '2024-01-10T00:00:00.000Z';
    const films = { ...BOARD, watermark: WATERMARK };
    const music = { boardId: `${FORUM}/c/6`, remoteId: 6, slug: 'music', threadLimit: 100, watermark: WATERMARK, childRemoteIds: [7] };
    const inBoard = (remoteId: number, bumpedAt: string, category: number) => thread(remoteId, bumpedAt, 1, { boardId: `${FORUM}/c/${category}` });

    it('takes the changed threads of followed categories and their subcategories, and none of the others', async () => {
      // 30 a page, as Discourse sends them: new topics in films (5), music (6), its subcategory (7) and an unfollowed one (8).
      const changed = Array.from({ length: 40 }, (_, i) => inBoard(100 + i, `2024-01-20T00:00:${String(59 - i).padStart(2, '0')}.000Z`, [5, 6, 7, 8][i % 4] as number));
      const latest = [changed.slice(0, 30), [...changed.slice(30), inBoard(1, '2024-01-09T00:00:00.000Z', 5)]];
      const posts = Object.fromEntries(changed.map((t) => [t.remoteId, postsFor(t.remoteId, 1, t.remoteId * 10)]));
      const { source, calls } = fakeForum({ pages: [], latest, posts });
      const { batches } = await sync(source, { boards: [films, music] });
      expect(calls.filter((c) => c.startsWith('latest') || c.startsWith('list'))).toEqual(['latest 0', 'latest 1']);
      const fetched = calls.filter((c) => c.startsWith('topic ')).map((c) => Number(c.slice(6))).sort((a, b) => a - b);
      expect(fetched).toEqual(changed.filter((t) => !t.boardId.endsWith('/c/8')).map((t) => t.remoteId));
      expect(batches.flatMap((b) => b.boardCursors)).toEqual([
        { boardId: films.boardId, watermark: '2024-01-20T00:00:59.000Z' },
        { boardId: music.boardId, watermark: '2024-01-20T00:00:59.000Z' },
      ]);
    });

    it('follows a stored topic that moved to another category', async () => {
      const moved = thread(60, '2024-01-15T00:00:00.000Z', 2, { boardId: `${FORUM}/c/8` });
      const { source, calls } = fakeForum({ pages: [], latest: [[moved, inBoard(1, '2024-01-01T00:00:00.000Z', 5)]], posts: { 60: postsFor(60, 2, 600) } });
      const known = [{ remoteId: 60, highestPostNumber: 1, postsCount: 1, lastPostedAt: '2024-01-02T00:00:00.000Z', postIds: [600] }];
      const { posts, batches } = await sync(source, { boards: [films], known });
      expect(calls).toEqual(['latest 0', 'topic 60']);
      expect(posts.map((p) => p.remoteId)).toEqual([603]);
      expect(batches.flatMap((b) => b.threads).find((t) => t.remoteId === 60)?.boardId).toBe(`${FORUM}/c/8`);
    });

    it('a category listed for the first time is complete up to the newest bump anywhere, so the next run starts level', async () => {
      const elsewhere = inBoard(90, '2024-03-01T00:00:00.000Z', 8);
      const { source } = fakeForum({ pages: [[thread(70, '2024-01-11T00:00:00.000Z', 1)]], latest: [[elsewhere]], posts: { 70: postsFor(70, 1, 700) } });
      const { batches } = await sync(source, { boards: [BOARD] });
      expect(batches.flatMap((b) => b.boardCursors)).toEqual([{ boardId: BOARD.boardId, watermark: '2024-03-01T00:00:00.000Z' }]);
    });

    it('lists the followed categories one by one when the other categories are too busy for the latest pages to reach back', async () => {
      const busy = Array.from({ length: 4 }, (_, page) => Array.from({ length: 30 }, (_, i) => inBoard(1000 + page * 30 + i, `2024-01-2${3 - page}T00:00:${String(59 - i).padStart(2, '0')}.000Z`, 8)));
      const { source, calls } = fakeForum({ pages: [[thread(70, '2024-01-11T00:00:00.000Z', 1)]], latest: busy, posts: { 70: postsFor(70, 1, 700) } });
      const { batches } = await sync(source, { boards: [films] });
      expect(calls).toEqual(['latest 0', 'latest 1', 'list 0', 'topic 70']);
      // The board is complete up to the newest bump the latest list showed, read before its own listing.
      expect(batches.flatMap((b) => b.boardCursors)).toEqual([{ boardId: films.boardId, watermark: '2024-01-23T00:00:59.000Z' }]);
    });
  });
});
