import { describe, expect, it } from 'vitest';
import { createReply } from '../../../main/sample-forum/posting-rules';
import { smallForum } from './small-forum';

describe('createReply', () => {
  it('refuses short bodies, closed topics and unknown topics, and queues replies that need approval', () => {
    const store = smallForum();
    const topic = store.addTopic({ title: 'Rules for replies', categoryId: 3, username: 'alice', raw: 'the opening post here' });
    const body = 'a reply that is long enough to pass';
    expect(createReply(store, { topicId: topic.id, username: 'bob', raw: 'too short' })).toEqual({
      kind: 'rejected',
      status: 422,
      errors: ['Body is too short (minimum is 20 characters)'],
    });
    expect(createReply(store, { topicId: 999_999, username: 'bob', raw: body })).toMatchObject({ kind: 'rejected', status: 404 });
    store.updateTopic(topic.id, { closed: true });
    expect(createReply(store, { topicId: topic.id, username: 'bob', raw: body })).toMatchObject({ kind: 'rejected', status: 422 });
    store.updateTopic(topic.id, { closed: false, requiresApproval: true });
    const queued = createReply(store, { topicId: topic.id, username: 'bob', raw: body });
    expect(queued.kind).toBe('enqueued');
    expect(topic.posts).toHaveLength(1);
    if (queued.kind === 'enqueued') store.approvePendingPost(queued.pending.id);
    expect(topic.posts.map((p) => p.raw)).toEqual(['the opening post here', body]);
  });
});
