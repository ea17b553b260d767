// What the posting endpoint (POST /posts.json) accepts, as Discourse decides it: the topic must be
// live and open, bodies and titles long enough; replies to a topic that requires approval wait in
// the review queue. Each created reply or topic is reported to the store's onContribution.
import type { ForumStore } from './forum-store';
import type { ForumPost, ForumTopic, PendingPost } from './forum-records';

export const MIN_POST_LENGTH = 20;
export const MIN_TITLE_LENGTH = 15;

export type ReplyOutcome =
  | { kind: 'created'; post: ForumPost }
  | { kind: 'enqueued'; pending: PendingPost }
  | { kind: 'rejected'; status: 404 | 422; errors: string[] };

export type TopicOutcome =
  | { kind: 'created'; topic: ForumTopic; post: ForumPost }
  | { kind: 'rejected'; status: 422; errors: string[] };

export const TITLE_TOO_SHORT = `Title is too short (minimum is ${MIN_TITLE_LENGTH} characters)`;

export function createReply(
  store: ForumStore,
  input: { topicId: number; username: string; raw: string; replyToPostNumber?: number | null },
): ReplyOutcome {
  const topic = store.liveTopic(input.topicId);
  if (!topic) return { kind: 'rejected', status: 404, errors: ['The requested URL or resource could not be found.'] };
  const user = store.requireUser(input.username);
  if (topic.closed || topic.archived) {
    return { kind: 'rejected', status: 422, errors: ['This topic is closed; it no longer accepts new replies.'] };
  }
  const tooShort = bodyTooShort(input.raw);
  if (tooShort) return { kind: 'rejected', status: 422, errors: [tooShort] };
  const createdAt = store.timestamp();
  const replyToPostNumber = input.replyToPostNumber ?? null;
  if (topic.requiresApproval) {
    const pending = store.enqueuePending({ topicId: topic.id, userId: user.id, raw: input.raw, replyToPostNumber, createdAt });
    return { kind: 'enqueued', pending };
  }
  const post = store.addPost({ topicId: topic.id, username: user.username, raw: input.raw, replyToPostNumber, createdAt });
  store.onContribution?.({
    kind: 'reply',
    id: post.id,
    topicId: topic.id,
    postNumber: post.postNumber,
    username: user.username,
    raw: post.raw,
    replyToPostNumber: post.replyToPostNumber,
    createdAt,
  });
  return { kind: 'created', post };
}

export function createTopic(
  store: ForumStore,
  input: { title: string; categoryId: number; username: string; raw: string },
): TopicOutcome {
  const errors: string[] = [];
  if (input.title.trim().length < MIN_TITLE_LENGTH) errors.push(TITLE_TOO_SHORT);
  if (!store.categories.has(input.categoryId)) errors.push("Category can't be blank");
  const tooShort = bodyTooShort(input.raw);
  if (tooShort) errors.push(tooShort);
  if (errors.length > 0) return { kind: 'rejected', status: 422, errors };
  const topic = store.addTopic({ ...input, title: input.title.trim() });
  const post = topic.posts[0] as ForumPost;
  store.onContribution?.({
    kind: 'topic',
    id: topic.id,
    postId: post.id,
    title: topic.title,
    categoryId: topic.categoryId,
    username: input.username,
    raw: post.raw,
    createdAt: topic.createdAt,
  });
  return { kind: 'created', topic, post };
}

function bodyTooShort(raw: string): string | null {
  return raw.trim().replace(/\s+/g, ' ').length < MIN_POST_LENGTH
    ? `Body is too short (minimum is ${MIN_POST_LENGTH} characters)`
    : null;
}
