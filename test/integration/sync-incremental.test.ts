// Incremental sync against the sample forum over real HTTP: what a run with nothing new costs,
// single followed threads, full passes that pick up edits and deletions, and responses that do not
// fit their schema.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postIdFor, SAMPLE_FORUM_ID, threadIdFor } from '../../shared/model';
import type { ForumTopic } from '../../main/sample-forum/forum-records';
import type { ForumStore } from '../../main/sample-forum/forum-store';
import { generateForum } from '../../main/sample-forum/generate-forum';
import type { ReaderDb } from '../../renderer/db/reader-db';
import { addForum } from '../../renderer/features/forums/add-forum';
import { refreshThread } from '../../renderer/features/sync/refresh-thread';
import { syncForum } from '../../renderer/features/sync/sync-forum';
import { threadSyncErrors } from '../../renderer/features/sync/thread-sync-errors';
import { freshDb } from '../support/fresh-db';
import { startReaderBackend, type ReaderBackend } from '../support/reader-backend';
import { expectConsistent, expectStoredEqualsServer } from '../support/sync-checks';

const topicsOf = (store: ForumStore, categoryId: number): ForumTopic[] => [...store.topics.values()].filter((topic) => topic.categoryId === categoryId);
const reply = (store: ForumStore, topic: ForumTopic, raw: string) => store.addPost({ topicId: topic.id, username: store.users.get(topic.userId)!.username, raw });

describe('incremental sync', () => {
  let store: ForumStore;
  let backend: ReaderBackend;
  let db: ReaderDb;
  beforeEach(async () => {
    store = generateForum({ boards: 3, threadsPerBoard: 6, postsPerThread: (i) => 5 + (i % 4) * 9, seed: 9 });
    backend = await startReaderBackend({ forum: store });
    db = freshDb();
  });
  afterEach(async () => {
    db.close();
    await backend.close();
  });

  /** Follows the first two categories whole, plus one thread in each of the first and third. */
  async function followSome() {
    const probe = await backend.api.probeForum({ address: backend.forum.url });
    if (!probe.ok) throw new Error(probe.error.message);
    const [first, second, third] = [...store.categories.values()];
    const followed = probe.value.boards.filter((board) => board.remoteId === first!.id || board.remoteId === second!.id);
    const single = [topicsOf(store, first!.id)[2]!, topicsOf(store, third!.id)[1]!];
    await addForum(db, probe.value, { followedBoardIds: new Set(followed.map((board) => board.id)), followedThreadIds: single.map((topic) => topic.id) }, true);
    return { categories: [first!, second!, third!], single, boards: followed };
  }

  it('a run with nothing new makes at most one request per followed category and per followed single thread', async () => {
    const { single, boards } = await followSome();
    expect((await syncForum(db, backend.api, SAMPLE_FORUM_ID)).status).toBe('completed');
    expect(await db.threads.get(threadIdFor(SAMPLE_FORUM_ID, single[1]!.id))).toMatchObject({ storedPostCount: single[1]!.posts.length });

    const before = backend.forum.requestLog.length;
    const again = await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    const requests = backend.forum.requestLog.slice(before);
    expect(again).toMatchObject({ status: 'completed', postsFetched: 0 });
    expect(requests.length).toBeLessThanOrEqual(boards.length + single.length);
    expect(again.requests).toBe(requests.length);
  });

  it('fetches only what is new: a reply in a followed category and one in a single thread', async () => {
    const { categories, single } = await followSome();
    await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    reply(store, topicsOf(store, categories[1]!.id)[4]!, 'A new reply in a followed category, long enough.');
    reply(store, single[1]!, 'A new reply in a thread followed on its own.');

    const before = backend.forum.requestLog.length;
    const summary = await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    expect(summary).toMatchObject({ status: 'completed', postsFetched: 2, threadsChanged: 2 });
    // Two listings, a topic each for the two changed threads, a chunk of missing ids at most each.
    expect(backend.forum.requestLog.length - before).toBeLessThanOrEqual(6);
    const followedIds = new Set([...topicsOf(store, categories[0]!.id), ...topicsOf(store, categories[1]!.id), ...single].map((t) => t.id));
    const stored = new Set((await db.threads.toArray()).map((thread) => thread.remoteId));
    expect(stored).toEqual(followedIds);
    await expectConsistent(db, SAMPLE_FORUM_ID);
  });

  it('the board of a thread followed on its own is shown although the board is not followed', async () => {
    const { categories } = await followSome();
    await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    const third = await db.boards.get(`${SAMPLE_FORUM_ID}/c/${categories[2]!.id}`);
    expect(third).toMatchObject({ followed: false, holdsFollowedThread: true });
  });

  it('a thread whose last post was deleted and which then gained a reply is stored as the forum has it', async () => {
    const { categories } = await followSome();
    await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    const topic = topicsOf(store, categories[0]!.id)[1]!;
    const deleted = topic.posts.at(-1)!;
    store.deletePost(deleted.id);
    const added = reply(store, topic, 'A reply after the last post was deleted, long enough.');
    // The forum's count is as before and its highest number skips the deleted one.
    expect(added.postNumber).toBe(deleted.postNumber + 1);

    expect(await syncForum(db, backend.api, SAMPLE_FORUM_ID)).toMatchObject({ status: 'completed', threadErrors: [] });
    expect(await db.posts.get(postIdFor(SAMPLE_FORUM_ID, deleted.id))).toBeUndefined();
    const threadId = threadIdFor(SAMPLE_FORUM_ID, topic.id);
    const stored = await db.posts.where('threadId').equals(threadId).toArray();
    expect(stored.map((post) => post.remoteId).sort((a, b) => a - b)).toEqual(topic.posts.map((post) => post.id));
    expect(await db.threadCursors.get(threadId)).toMatchObject({ highestPostNumber: added.postNumber, postsCount: topic.posts.length });
    await expectConsistent(db, SAMPLE_FORUM_ID);
  });

  it('Refresh thread picks up edited, hidden and deleted posts', async () => {
    const probe = await backend.api.probeForum({ address: backend.forum.url });
    if (!probe.ok) throw new Error(probe.error.message);
    await addForum(db, probe.value, { followedBoardIds: new Set(probe.value.boards.map((board) => board.id)) }, true);
    await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    const topic = [...store.topics.values()].find((t) => t.posts.length >= 20)!;
    const [, edited, hidden, deleted] = topic.posts;
    store.editPost(edited!.id, 'This post was edited after the first sync, and says so.');
    store.hidePost(hidden!.id);
    store.deletePost(deleted!.id);
    // Discourse lowers highest_post_number, posts_count and last_posted_at when the last post goes.
    const last = topic.posts.at(-1)!;
    store.deletePost(last.id);
    const threadId = threadIdFor(SAMPLE_FORUM_ID, topic.id);

    const summary = await refreshThread(db, backend.api, threadId);
    expect(summary).toMatchObject({ status: 'completed', threadErrors: [] });
    expect(await db.posts.get(postIdFor(SAMPLE_FORUM_ID, edited!.id))).toMatchObject({ version: 2, html: expect.stringContaining('edited after the first sync') });
    expect(await db.posts.get(postIdFor(SAMPLE_FORUM_ID, hidden!.id))).toMatchObject({ hidden: true });
    expect(await db.posts.get(postIdFor(SAMPLE_FORUM_ID, deleted!.id))).toBeUndefined();
    expect(await db.posts.get(postIdFor(SAMPLE_FORUM_ID, last.id))).toBeUndefined();
    expect(await db.threads.get(threadId)).toMatchObject({ storedPostCount: topic.posts.length, highestPostNumber: last.postNumber - 1 });
    expect(await db.threadCursors.get(threadId)).toMatchObject({ highestPostNumber: last.postNumber - 1, postsCount: topic.posts.length, lastPostedAt: topic.posts.at(-1)!.createdAt });
    await expectStoredEqualsServer(db, store, SAMPLE_FORUM_ID);
    // A refresh is logged, but it is not the forum's last sync.
    expect((await db.syncLog.toArray()).at(-1)).toMatchObject({ scope: 'threads', status: 'completed' });
  });

  it('a topic whose answer does not fit its schema is an error naming the topic and field, and none of it is stored', async () => {
    const probe = await backend.api.probeForum({ address: backend.forum.url });
    if (!probe.ok) throw new Error(probe.error.message);
    await addForum(db, probe.value, { followedBoardIds: new Set(probe.value.boards.map((board) => board.id)) }, true);
    const topic = [...store.topics.values()].find((t) => t.posts.length >= 10)!;
    const broken = topic.posts[3]! as unknown as { cooked: unknown };
    const cooked = broken.cooked;
    broken.cooked = 42;
    const threadId = threadIdFor(SAMPLE_FORUM_ID, topic.id);

    const summary = await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    expect(summary.status).toBe('completed');
    expect(summary.threadErrors).toHaveLength(1);
    expect(summary.threadErrors[0]).toMatchObject({ threadId, error: { code: 'bad_response' } });
    expect(summary.threadErrors[0]!.error.message).toBe(`topic ${topic.id}: post_stream.posts[3].cooked: expected string, got 42`);
    // Nothing of the answer that did not fit is stored. Posts of the thread that came in other
    // answers (pages of the forum's latest posts) are kept, but the thread is not complete.
    expect(await db.posts.get(postIdFor(SAMPLE_FORUM_ID, topic.posts[3]!.id))).toBeUndefined();
    expect(await db.threadCursors.get(threadId)).toBeUndefined();
    // The listing's row is kept, so the thread shows in its board with the error and a retry.
    expect(await db.threads.get(threadId)).toMatchObject({ title: topic.title });
    expect(await db.threadCursors.count()).toBe(store.topics.size - 1);
    expect((await threadSyncErrors(db, SAMPLE_FORUM_ID))[threadId]?.message).toContain(`topic ${topic.id}`);
    expect((await db.forums.get(SAMPLE_FORUM_ID))?.lastSyncError).toMatch(/^1 thread could not be synced/);

    // Once the forum answers properly, the next run fetches the thread and forgets the error.
    broken.cooked = cooked;
    expect((await syncForum(db, backend.api, SAMPLE_FORUM_ID)).threadErrors).toEqual([]);
    await expectStoredEqualsServer(db, store, SAMPLE_FORUM_ID);
    expect((await threadSyncErrors(db, SAMPLE_FORUM_ID))[threadId]).toBeUndefined();
    expect((await db.forums.get(SAMPLE_FORUM_ID))?.lastSyncError).toBeNull();
  });
});
