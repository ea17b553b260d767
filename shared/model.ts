// The domain as both processes see it. Rows in the renderer's database extend these types;
// the schemas are used wherever such values cross a process boundary. Schemas that read alike
// stay apart: each is its record's one declaration, and a shared base would tie unrelated records.
import * as v from 'valibot';

export const ForumSchema = v.object({
  id: v.string(),
  name: v.string(),
  baseUrl: v.string(),
  protocol: v.literal('discourse'),
  isSample: v.boolean(),
  addedAt: v.string(),
});
export type Forum = v.InferOutput<typeof ForumSchema>;

/** A Discourse category. */
export const BoardSchema = v.object({
  id: v.string(),
  forumId: v.string(),
  remoteId: v.number(),
  name: v.string(),
  slug: v.string(),
  description: v.string(),
  position: v.number(),
  parentId: v.nullable(v.string()),
  threadCount: v.number(),
});
export type Board = v.InferOutput<typeof BoardSchema>;

/** A Discourse topic, as far as the forum told us. */
export const ThreadSchema = v.object({
  id: v.string(),
  forumId: v.string(),
  boardId: v.string(),
  remoteId: v.number(),
  title: v.string(),
  slug: v.string(),
  authorUsername: v.string(),
  createdAt: v.string(),
  lastPostedAt: v.string(),
  bumpedAt: v.string(),
  postsCount: v.number(),
  highestPostNumber: v.number(),
  pinned: v.boolean(),
  closed: v.boolean(),
});
export type Thread = v.InferOutput<typeof ThreadSchema>;

const BODY_FORMATS = ['html', 'plain'] as const;

export const PostSchema = v.object({
  id: v.string(),
  forumId: v.string(),
  threadId: v.string(),
  remoteId: v.number(),
  postNumber: v.number(),
  username: v.string(),
  displayName: v.string(),
  avatarUrl: v.nullable(v.string()),
  createdAt: v.string(),
  updatedAt: v.string(),
  version: v.number(),
  /** The post's body, unsanitised: the renderer sanitises it before the DOM. */
  html: v.string(),
  /** How `html` is written: HTML, or plain text (newsgroup articles). Rows stored before this existed have none: HTML. */
  bodyFormat: v.optional(v.picklist(BODY_FORMATS)),
  replyToPostNumber: v.nullable(v.number()),
  hidden: v.boolean(),
  deleted: v.boolean(),
});
export type Post = v.InferOutput<typeof PostSchema>;

/** What a completed pass of a thread reached; a thread whose remote state differs is fetched again. */
export const ThreadCursorSchema = v.object({
  threadId: v.string(),
  highestPostNumber: v.number(),
  postsCount: v.number(),
  lastPostedAt: v.string(),
  /**
   * The forum's ids of the posts stored once this pass commits, so the next run need not scan
   * every stored post to know what it has.
   */
  postIds: v.optional(v.array(v.number())),
});
export type ThreadCursor = v.InferOutput<typeof ThreadCursorSchema>;

/** The newest activity seen by the last complete listing of a board. */
export const BoardCursorSchema = v.object({
  boardId: v.string(),
  watermark: v.string(),
});
export type BoardCursor = v.InferOutput<typeof BoardCursorSchema>;

/**
 * One unit of sync work. The renderer commits a batch and its cursors in one transaction, so a
 * cursor never runs ahead of the posts it vouches for.
 */
export const SyncBatchSchema = v.object({
  runId: v.string(),
  seq: v.number(),
  forumId: v.string(),
  threads: v.array(ThreadSchema),
  posts: v.array(PostSchema),
  removedPostIds: v.array(v.string()),
  threadCursors: v.array(ThreadCursorSchema),
  boardCursors: v.array(BoardCursorSchema),
});
export type SyncBatch = v.InferOutput<typeof SyncBatchSchema>;

export const forumIdFor = (baseUrl: string): string => {
  const url = new URL(baseUrl);
  return `${url.host}${url.pathname.replace(/\/+$/, '')}`;
};
export const boardIdFor = (forumId: string, categoryId: number): string => `${forumId}/c/${categoryId}`;
export const threadIdFor = (forumId: string, topicId: number): string => `${forumId}/t/${topicId}`;
export const postIdFor = (forumId: string, postId: number): string => `${forumId}/p/${postId}`;
/** The forum a thread id (threadIdFor) belongs to. */
export const forumIdOfThread = (threadId: string): string => threadId.slice(0, threadId.lastIndexOf('/t/'));

export const SAMPLE_FORUM_ID = 'sample';
