import { describe, expect, it } from 'vitest';
import { createReply } from '../../../main/sample-forum/posting-rules';
import { smallForum } from './small-forum';

describe('ForumStore', () => {
  it('hands out post ids across topics, so one topic’s ids interleave with another’s and skip numbers', () => {
    const store = smallForum();
    const a = store.addTopic({ title: 'First topic title', categoryId: 3, username: 'alice', raw: 'first post of topic a' });
    const b = store.addTopic({ title: 'Second topic title', categoryId: 3, username: 'bob', raw: 'first post of topic b' });
    store.addPost({ topicId: a.id, username: 'bob', raw: 'reply in a' });
    store.addPost({ topicId: b.id, username: 'alice', raw: 'reply in b' });
    store.addPost({ topicId: a.id, username: 'bob', raw: 'another reply in a' });
    const idsA = a.posts.map((p) => p.id);
    const idsB = b.posts.map((p) => p.id);
    expect(idsA[0]! < idsB[0]! && idsB[0]! < idsA[1]! && idsB[1]! < idsA[2]!).toBe(true);
    const all = [...idsA, ...idsB].sort((x, y) => x - y);
    expect(all.some((id, i) => i > 0 && id - all[i - 1]! > 1)).toBe(true);
  });

  it('lists a category again after each change, newest activity first', () => {
    const store = smallForum();
    const older = store.addTopic({ title: 'An older topic here', categoryId: 3, username: 'alice', raw: 'first post' });
    const newer = store.addTopic({ title: 'A newer topic here', categoryId: 3, username: 'bob', raw: 'first post' });
    expect(store.listTopics(3).map((topic) => topic.id)).toEqual([newer.id, older.id]);
    store.addPost({ topicId: older.id, username: 'bob', raw: 'a reply bumps it' });
    expect(store.listTopics(3).map((topic) => topic.id)).toEqual([older.id, newer.id]);
    store.updateTopic(older.id, { visible: false });
    expect(store.listTopics(3).map((topic) => topic.id)).toEqual([newer.id]);
    store.deletePost(newer.posts[0]!.id);
    expect(store.listTopics(3)).toEqual([]);
  });

  it('edits bump the version and updated_at and re-cook the post', () => {
    const store = smallForum();
    const topic = store.addTopic({ title: 'A topic to edit', categoryId: 3, username: 'alice', raw: 'old text' });
    const post = topic.posts[0]!;
    const before = post.updatedAt;
    store.editPost(post.id, 'new <text>');
    expect(post).toMatchObject({ version: 2, raw: 'new <text>', cooked: '<p>new &lt;text&gt;</p>' });
    expect(post.updatedAt > before).toBe(true);
  });

  it('deleting a post removes it from the stream and leaves a gap in post numbers', () => {
    const store = smallForum();
    const topic = store.addTopic({ title: 'A topic with gaps', categoryId: 3, username: 'alice', raw: 'one' });
    const second = store.addPost({ topicId: topic.id, username: 'bob', raw: 'two' });
    store.addPost({ topicId: topic.id, username: 'bob', raw: 'three' });
    store.deletePost(second.id);
    const next = store.addPost({ topicId: topic.id, username: 'alice', raw: 'four' });
    expect(topic.posts.map((p) => p.postNumber)).toEqual([1, 3, 4]);
    expect(next.postNumber).toBe(4);
    expect(topic.highestPostNumber).toBe(4);
    expect(store.livePost(second.id)).toBeUndefined();
  });

  it('deleting the last post lowers highest_post_number, posts_count and last_posted_at, as Discourse does, and never reuses its number', () => {
    const store = smallForum();
    const topic = store.addTopic({ title: 'A topic losing its end', categoryId: 3, username: 'alice', raw: 'one', createdAt: '2026-01-01T10:00:00.000Z' });
    const second = store.addPost({ topicId: topic.id, username: 'bob', raw: 'two', createdAt: '2026-01-01T11:00:00.000Z' });
    const third = store.addPost({ topicId: topic.id, username: 'bob', raw: 'three', createdAt: '2026-01-01T12:00:00.000Z' });
    const bumpedAt = topic.bumpedAt;
    store.deletePost(third.id);
    expect(topic).toMatchObject({ highestPostNumber: 2, lastPostedAt: second.createdAt, bumpedAt });
    expect(topic.posts).toHaveLength(2);
    const next = store.addPost({ topicId: topic.id, username: 'alice', raw: 'four', createdAt: '2026-01-01T13:00:00.000Z' });
    expect(next.postNumber).toBe(4);
    expect(topic).toMatchObject({ highestPostNumber: 4, lastPostedAt: next.createdAt });
  });

  it('reports API replies for persistence and replays them to the same id and number', () => {
    const store = smallForum();
    const topic = store.addTopic({ id: 40, title: 'Replayed replies', categoryId: 3, username: 'alice', raw: 'the opening post here' });
    const logged: unknown[] = [];
    store.onContribution = (c) => logged.push(c);
    const outcome = createReply(store, { topicId: topic.id, username: 'bob', raw: 'a reply worth keeping around', replyToPostNumber: 1 });
    expect(outcome.kind).toBe('created');
    expect(logged).toHaveLength(1);

    const fresh = smallForum();
    fresh.addTopic({ id: 40, title: 'Replayed replies', categoryId: 3, username: 'alice', raw: 'the opening post here' });
    expect(fresh.replay(logged[0] as never)).toBe(true);
    expect(fresh.replay(logged[0] as never)).toBe(false);
    const replayed = fresh.topics.get(40)!.posts[1]!;
    if (outcome.kind === 'created') {
      expect(replayed).toMatchObject({ id: outcome.post.id, postNumber: 2, raw: 'a reply worth keeping around', replyToPostNumber: 1 });
    }
    expect(fresh.topics.get(40)!.posts[0]!.replyCount).toBe(1);
  });
});
