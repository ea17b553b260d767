// The domain as both processes see it. Rows in the renderer's database extend these types;
// the schemas are used wherever such values cross a process boundary. Schemas that read alike
// stay apart: each is its record's one declaration, and a shared base would tie unrelated records.
import * as v from 'valibot';

/** The engines a forum can be served by: a Discourse site, or a news server (NNTP). */
export const FORUM_PROTOCOLS = ['discourse', 'nntp'] as const;
export type ForumProtocol = (typeof FORUM_PROTOCOLS)[number];

export const ForumSchema = v.object({
  id: v.string(),
  name: v.string(),
  /** https://… for Discourse; nntp://host:port or nntps://host:port for a news server. */
  baseUrl: v.string(),
  protocol: v.picklist(FORUM_PROTOCOLS),
  isSample: v.boolean(),
  addedAt: v.string(),
});
export type Forum = v.InferOutput<typeof ForumSchema>;

/**
 * A Discourse category, or a newsgroup (remoteId: a number derived from the group's name, which
 * `slug` and `name` hold).
 */
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

/** Boards one thread may be shown in besides its own: a crosspost to more is spam (Usenet's Breidbart index). */
export const MAX_BOARDS_OF_THREAD = 100;

/**
 * A Discourse topic, or a newsgroup thread (remoteId: a number derived from its root article's
 * Message-ID, the same in every group and run), as far as the forum told us.
 */
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
  /**
   * Other boards the thread is shown in besides `boardId`: the followed groups a newsgroup
   * article of it was crossposted to (its Newsgroups or Xref, or another group's overview listing
   * it). The article is still one post. Absent for Discourse topics, which live in one category.
   */
  alsoInBoardIds: v.optional(v.pipe(v.array(v.string()), v.maxLength(MAX_BOARDS_OF_THREAD))),
});
export type Thread = v.InferOutput<typeof ThreadSchema>;

/** Whether a board's thread list shows the thread: its own board, or one an article of it was crossposted to. */
export const isThreadInBoard = (thread: Pick<Thread, 'boardId' | 'alsoInBoardIds'>, boardId: string): boolean =>
  thread.boardId === boardId || (thread.alsoInBoardIds?.includes(boardId) ?? false);

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
  /**
   * How `html` is written: HTML, or plain text (newsgroup articles). Rows stored before this existed
   * have none: HTML. Plain text is the article as read (charset, transfer encoding and format=flowed
   * undone): lines joined by "\n", spacing kept; a line's quote depth is the number of ">" it starts
   * with (">> x" is depth 2, written ">" per level then one space); the signature is every line
   * after the last line that is exactly "-- "; attachments are listed, never inlined, as lines
   * "[Attachment: NAME (TYPE, SIZE), not kept]" before the signature.
   */
  bodyFormat: v.optional(v.picklist(BODY_FORMATS)),
  /**
   * The forum's own name for the post where its number does not say it: a newsgroup article's
   * Message-ID ("<…>"). A reply to the post sends it back (SendReplyRequest.replyToKey).
   */
  remoteKey: v.optional(v.pipe(v.string(), v.maxLength(250))),
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
  /** Discourse: the latest bump time (ISO 8601). A newsgroup: the last article number read, in decimal. */
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
  /** A thread a person opened and waits on: this batch holds its first posts, sent ahead of the rest. */
  openedThreadId: v.optional(v.string()),
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
