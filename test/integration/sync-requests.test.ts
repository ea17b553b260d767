// What a sync costs in requests, against the sample forum over real HTTP: a forum's limit is
// requests, not CPU (issue 17). Request counts come from the forum's own log.
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_FORUM_ID, threadIdFor } from '../../shared/model';
import type { ForumTopic } from '../../main/sample-forum/forum-records';
import type { ForumStore } from '../../main/sample-forum/forum-store';
import { generateForum } from '../../main/sample-forum/generate-forum';
import type { ReaderDb } from '../../renderer/db/reader-db';
import { addForum } from '../../renderer/features/forums/add-forum';
import { syncForum } from '../../renderer/features/sync/sync-forum';
import { freshDb } from '../support/fresh-db';
import { startReaderBackend, type ReaderBackend } from '../support/reader-backend';
import { expectConsistent, expectStoredEqualsServer } from '../support/sync-checks';

const topicsOf = (store: ForumStore, categoryId: number): ForumTopic[] => [...store.topics.values()].filter((topic) => topic.categoryId === categoryId);
const reply = (store: ForumStore, topic: ForumTopic, raw: string) => store.addPost({ topicId: topic.id, username: store.users.get(topic.userId)!.username, raw });

describe('sync requests', () => {
  let backend: ReaderBackend;
  let db: ReaderDb;
  afterEach(async () => {
    db.close();
    await backend.close();
  });

  async function start(store: ForumStore, serving: Parameters<typeof startReaderBackend>[0] = {}) {
    backend = await startReaderBackend({ forum: store, ...serving });
    db = freshDb();
  }

  /** Follows the categories given (all when none are), and single threads. */
  async function follow(categoryIds?: number[], threadIds: number[] = []) {
    const probe = await backend.api.probeForum({ address: backend.forum.url });
    if (!probe.ok) throw new Error(probe.error.message);
    const followed = probe.value.boards.filter((board) => !categoryIds || categoryIds.includes(board.remoteId));
    await addForum(db, probe.value, { followedBoardIds: new Set(followed.map((board) => board.id)), followedThreadIds: threadIds }, true);
  }

  /** Runs a sync and returns the request targets it made. */
  async function syncCounted() {
    const before = backend.forum.requestLog.length;
    const summary = await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    expect(summary.status).toBe('completed');
    return backend.forum.requestLog.slice(before).map((entry) => entry.path);
  }

  async function storedPostIds(topic: ForumTopic): Promise<number[]> {
    const posts = await db.posts.where('threadId').equals(threadIdFor(SAMPLE_FORUM_ID, topic.id)).toArray();
    return posts.map((post) => post.remoteId).sort((a, b) => a - b);
  }
  const serverPostIds = (topic: ForumTopic) => topic.posts.map((post) => post.id).sort((a, b) => a - b);

  it('a 1,000-post topic takes at most 12 requests', async () => {
    const store = generateForum({ boards: 1, threadsPerBoard: 1, postsPerThread: 1000, seed: 17 });
    await start(store);
    await follow();
    const requests = await syncCounted();
    const [topic] = store.topics.values();
    expect(await storedPostIds(topic!)).toEqual(serverPostIds(topic!));
    const ofTopic = requests.filter((path) => path.startsWith(`/t/${topic!.id}`));
    expect(ofTopic.length).toBeLessThanOrEqual(12);
  });

  it('a forum that refuses long request lines (414) is asked for half as many posts at a time, and stays asked so', async () => {
    const store = generateForum({ boards: 1, threadsPerBoard: 2, postsPerThread: 400, seed: 18 });
    // 200 ids need about 3.4 KB here; 100 fit in 2 KB.
    await start(store, { serving: { maxRequestLineBytes: 2048 } });
    await follow();
    const requests = await syncCounted();
    // Both topics may ask at the first size at once; once one is refused, neither asks it again.
    const log = backend.forum.requestLog;
    const lastRefused = log.map((entry) => entry.status).lastIndexOf(414);
    expect(log.filter((entry) => entry.status === 414).length).toBeGreaterThanOrEqual(1);
    expect(log.filter((entry) => entry.status === 414).length).toBeLessThanOrEqual(2);
    for (const topic of store.topics.values()) expect(await storedPostIds(topic)).toEqual(serverPostIds(topic));
    const idsAfter = log.slice(lastRefused + 1).filter((entry) => entry.path.includes('post_ids')).map((entry) => entry.path.split('post_ids').length - 1);
    expect(idsAfter.length).toBeGreaterThan(0);
    expect(Math.max(...idsAfter)).toBe(100);
    expect(requests.length).toBeGreaterThan(0);
    await expectConsistent(db, SAMPLE_FORUM_ID);
  });

  it('a re-sync with nothing new costs one request, however many categories are followed', async () => {
    // 200 topics: the categories' own newest topics are spread over several pages of /latest.
    const store = generateForum({ boards: 5, threadsPerBoard: 40, postsPerThread: 2, seed: 19 });
    await start(store);
    const categories = [...store.categories.values()];
    await follow(categories.slice(0, 4).map((category) => category.id));
    await syncCounted();
    expect(await syncCounted()).toEqual(['/latest.json']);
  });

  it('threads followed on their own cost nothing more in a re-sync with nothing new, and are found when they change', async () => {
    const store = generateForum({ boards: 4, threadsPerBoard: 30, postsPerThread: 2, seed: 22 });
    await start(store);
    const categories = [...store.categories.values()];
    // Two threads of a category not followed, one of them old enough to be far down /latest.
    const [recent, old] = [topicsOf(store, categories[3]!.id)[0]!, topicsOf(store, categories[3]!.id).sort((a, b) => (a.bumpedAt < b.bumpedAt ? -1 : 1))[0]!];
    await follow([categories[0]!.id, categories[1]!.id], [recent.id, old.id]);
    await syncCounted();
    expect(await storedPostIds(old)).toEqual(serverPostIds(old));
    expect(await syncCounted()).toEqual(['/latest.json']);
    reply(store, old, 'A reply to the old thread followed on its own, long enough.');
    const requests = await syncCounted();
    expect(requests.filter((path) => path.startsWith('/latest'))).toEqual(['/latest.json']);
    expect(await storedPostIds(old)).toEqual(serverPostIds(old));
    expect(requests.filter((path) => path.startsWith(`/t/${recent.id}`))).toEqual([]);
    expect(await syncCounted()).toEqual(['/latest.json']);
    await expectConsistent(db, SAMPLE_FORUM_ID);
  });

  it('with no category followed, a re-sync of single threads with nothing new is one request', async () => {
    const store = generateForum({ boards: 2, threadsPerBoard: 10, postsPerThread: 3, seed: 23 });
    await start(store);
    const topics = [...store.topics.values()].sort((a, b) => (a.bumpedAt < b.bumpedAt ? 1 : -1));
    const threads = [topics[0]!, topics[3]!, topics[7]!];
    await follow([], threads.map((topic) => topic.id));
    await syncCounted();
    expect(await syncCounted()).toEqual(['/latest.json']);
    reply(store, threads[2]!, 'A reply to a thread followed on its own, long enough.');
    await syncCounted();
    for (const topic of threads) expect(await storedPostIds(topic)).toEqual(serverPostIds(topic));
    expect(await syncCounted()).toEqual(['/latest.json']);
  });

  it('posts arriving in many topics across categories are all found, listing one page per 30 changed topics', async () => {
    const store = generateForum({ boards: 4, threadsPerBoard: 20, postsPerThread: 3, seed: 20 });
    await start(store);
    const categories = [...store.categories.values()];
    const followed = categories.slice(0, 3);
    await follow(followed.map((category) => category.id));
    await syncCounted();
    // 50 topics in all four categories get a reply (the fourth is not followed); some get two.
    const topics = [...store.topics.values()].filter((_, i) => i % 8 !== 0).slice(0, 50);
    topics.forEach((topic, i) => {
      reply(store, topic, `A reply between runs, number ${i}, long enough to keep.`);
      if (i % 5 === 0) reply(store, topic, `A second reply between runs, number ${i}.`);
    });
    const requests = await syncCounted();
    const listings = requests.filter((path) => path.startsWith('/latest') || path.startsWith('/c/'));
    expect(listings).toEqual(['/latest.json', '/latest.json?page=1']);
    for (const category of followed) {
      for (const topic of topicsOf(store, category.id)) expect(await storedPostIds(topic)).toEqual(serverPostIds(topic));
    }
    const unfollowed = topicsOf(store, categories[3]!.id);
    expect(await db.threads.where('boardId').equals(`${SAMPLE_FORUM_ID}/c/${categories[3]!.id}`).count()).toBe(0);
    expect(requests.filter((path) => unfollowed.some((topic) => path.startsWith(`/t/${topic.id}/`) || path === `/t/${topic.id}.json`))).toEqual([]);
    await expectConsistent(db, SAMPLE_FORUM_ID);
  });

  it('a topic moved to another followed category, and one moved in from an unfollowed one, are found with their new posts', async () => {
    const store = generateForum({ boards: 3, threadsPerBoard: 6, postsPerThread: 4, seed: 21 });
    await start(store);
    const [first, second, third] = [...store.categories.values()];
    await follow([first!.id, second!.id]);
    await syncCounted();
    const across = topicsOf(store, first!.id)[3]!;
    const inward = topicsOf(store, third!.id)[2]!;
    store.updateTopic(across.id, { categoryId: second!.id });
    store.updateTopic(inward.id, { categoryId: first!.id });
    reply(store, across, 'A reply after the move across, long enough.');
    reply(store, inward, 'A reply after the move inward, long enough.');
    await syncCounted();
    expect(await db.threads.get(threadIdFor(SAMPLE_FORUM_ID, across.id))).toMatchObject({ boardId: `${SAMPLE_FORUM_ID}/c/${second!.id}` });
    expect(await db.threads.get(threadIdFor(SAMPLE_FORUM_ID, inward.id))).toMatchObject({ boardId: `${SAMPLE_FORUM_ID}/c/${first!.id}` });
    expect(await storedPostIds(across)).toEqual(serverPostIds(across));
    expect(await storedPostIds(inward)).toEqual(serverPostIds(inward));
    await expectConsistent(db, SAMPLE_FORUM_ID);
  });

  describe('walking /posts.json', () => {
    const feedPages = (requests: string[]) => requests.filter((path) => path.startsWith('/posts.json'));
    const topicRequests = (requests: string[]) => requests.filter((path) => path.startsWith('/t/'));

    it('a first sync of a forum its followed categories hold walks the feed: half the requests of topic by topic, and every post', async () => {
      // 40 topics of 25 posts: one by one that is 40 topic requests and 40 for their remaining posts.
      const store = generateForum({ boards: 2, threadsPerBoard: 20, postsPerThread: 25, seed: 30 });
      const [withHidden, withSmallAction] = [...store.topics.values()];
      store.hidePost(withHidden!.posts[3]!.id);
      store.addPost({ topicId: withSmallAction!.id, username: store.users.get(withSmallAction!.userId)!.username, raw: 'closed this topic', postType: 3 });
      await start(store);
      await follow();
      const requests = await syncCounted();
      await expectStoredEqualsServer(db, store, SAMPLE_FORUM_ID);
      await expectConsistent(db, SAMPLE_FORUM_ID);
      // The feed carries 50 posts a page; the hidden post and the small action are not in it, so
      // their two topics take their own passes, and only they.
      expect(feedPages(requests).length).toBeLessThanOrEqual(Math.ceil(1001 / 50) + 1);
      expect([...new Set(topicRequests(requests).map((path) => Number(path.split(/[/.?]/)[2])))].sort()).toEqual([withHidden!.id, withSmallAction!.id].sort());
      expect(requests.length).toBeLessThan(50);
      // The cursors the walk left are the listing's: a second run with nothing new is one request.
      expect(await syncCounted()).toEqual(['/latest.json']);
    });

    it('new posts in many topics cost one feed page per 50, and no topic requests', async () => {
      const store = generateForum({ boards: 3, threadsPerBoard: 20, postsPerThread: 3, seed: 31 });
      await start(store);
      await follow();
      await syncCounted();
      const topics = [...store.topics.values()].slice(0, 45);
      topics.forEach((topic, i) => {
        reply(store, topic, `A reply between runs, number ${i}, long enough to keep.`);
        if (i % 3 === 0) reply(store, topic, `A second reply between runs, number ${i}.`);
      });
      const requests = await syncCounted();
      await expectStoredEqualsServer(db, store, SAMPLE_FORUM_ID);
      await expectConsistent(db, SAMPLE_FORUM_ID);
      // 45 changed topics are two pages of /latest; 60 new posts are two pages of the feed.
      expect(requests).toEqual(['/latest.json', '/latest.json?page=1', '/posts.json', expect.stringMatching(/^\/posts\.json\?before=\d+$/)]);
      expect(await syncCounted()).toEqual(['/latest.json']);
    });

    it('a topic that lost a post, or gained one the feed leaves out, takes its own pass and ends right', async () => {
      const store = generateForum({ boards: 1, threadsPerBoard: 12, postsPerThread: 6, seed: 32 });
      await start(store);
      await follow();
      await syncCounted();
      const [deleting, hiding, acting, plain] = [...store.topics.values()];
      const username = (topic: ForumTopic) => store.users.get(topic.userId)!.username;
      // One post deleted and one added: the count is as before, so only the stream can tell.
      store.deletePost(deleting!.posts[2]!.id);
      reply(store, deleting!, 'A reply after a deletion, long enough to keep.');
      store.hidePost(reply(store, hiding!, 'A reply hidden by flags soon after.').id);
      reply(store, hiding!, 'A reply after the hidden one, long enough.');
      store.addPost({ topicId: acting!.id, username: username(acting!), raw: 'closed this topic', postType: 3 });
      reply(store, acting!, 'A reply after the small action, long enough.');
      reply(store, plain!, 'A plain reply, long enough to keep.');
      const requests = await syncCounted();
      await expectStoredEqualsServer(db, store, SAMPLE_FORUM_ID);
      await expectConsistent(db, SAMPLE_FORUM_ID);
      const passed = new Set(topicRequests(requests).map((path) => Number(path.split(/[/.?]/)[2])));
      expect([...passed].sort()).toEqual([deleting!.id, hiding!.id, acting!.id].sort());
      expect(feedPages(requests).length).toBeGreaterThan(0);
    });

    it('a stored thread whose new posts the feed cannot complete costs one request when they fit the chunk from the first of them', async () => {
      const store = generateForum({ boards: 1, threadsPerBoard: 4, postsPerThread: 40, seed: 33 });
      await start(store);
      await follow();
      await syncCounted();
      const [acting] = [...store.topics.values()];
      const firstNew = acting!.highestPostNumber + 1;
      store.addPost({ topicId: acting!.id, username: store.users.get(acting!.userId)!.username, raw: 'closed this topic', postType: 3 });
      for (let i = 0; i < 6; i++) reply(store, acting!, `Reply ${i} after the small action, long enough.`);
      const requests = await syncCounted();
      expect(await storedPostIds(acting!)).toEqual(serverPostIds(acting!));
      // The first chunk (posts 1 to 20, all stored) and then the missing ids would be two.
      expect(topicRequests(requests)).toEqual([`/t/${acting!.id}/${firstNew}.json`]);
      await expectConsistent(db, SAMPLE_FORUM_ID);
    });
  });
});
