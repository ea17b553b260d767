// The one source of truth for user data. Every schema version stays listed, in order; each
// upgrade has a test that opens a database written by the version before it.
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Board, BoardCursor, Forum, Post, Thread, ThreadCursor } from '../../shared/model';

export interface ForumRow extends Forum {
  lastSyncedAt: string | null;
  lastSyncError: string | null;
  /** The forum's request budget (absent: the default, 60); the sample forum has none. */
  requestsPerMinute?: number;
  /** Topic ids kept offline on their own, whether or not their category is followed. */
  followedThreadIds?: number[];
}

export interface BoardRow extends Board {
  followed: boolean;
  /** Most recently active threads kept offline. */
  threadLimit: number;
  /** Holds a thread followed on its own, so the board is shown although it is not followed. */
  holdsFollowedThread?: boolean;
}

export interface ThreadRow extends Thread {
  /** Kept as posts are committed: counting a 10,000-post thread in IndexedDB is too slow for a list. */
  storedPostCount: number;
  /** Stored posts not yet read; kept beside storedPostCount for the same reason. */
  unreadCount: number;
}

/** One read post; its absence means unread. */
export interface ReadMarkRow {
  postId: string;
  threadId: string;
  readAt: string;
}

/** A bookmarked post, with the text as it was when bookmarked (it survives edits and deletion). */
export interface BookmarkRow {
  id: string;
  postId: string;
  threadId: string;
  forumId: string;
  note: string;
  tags: string[];
  createdAt: string;
  /** The post's version and HTML when bookmarked (a plain post's as the reader shows it: plain-text-html.ts). */
  postVersion: number;
  postHtml: string;
  /** Where the post was and who wrote it, kept for when the post is gone (export links, lists). */
  postNumber?: number;
  username?: string;
}

/** A passage inside a post, kept as a W3C Web Annotation text-quote selector. */
export interface HighlightRow {
  id: string;
  postId: string;
  threadId: string;
  forumId: string;
  exact: string;
  prefix: string;
  suffix: string;
  note: string;
  tags: string[];
  createdAt: string;
  /** Where the post was and who wrote it, kept for when the post is gone (export links, lists). */
  postNumber?: number;
  username?: string;
}

export interface DraftRow {
  id: string;
  forumId: string;
  threadId: string;
  replyToPostNumber: number | null;
  text: string;
  createdAt: string;
  updatedAt: string;
  /** The thread's highest post number when the draft was started, for "N new posts since". */
  seenHighestPostNumber: number;
  /** Who wrote the post replied to, for the composer's heading. */
  replyToUsername?: string | null;
  /** The outbox item (client id) sending this text; the draft stays until the server has the post. */
  queuedAs?: string | null;
}

export type OutboxState = 'queued' | 'sending' | 'sent' | 'awaiting-approval' | 'waiting-to-retry' | 'needs-attention';

export interface OutboxRow {
  /** The client id, given when queued; it stays with the reply until the server has it. */
  id: string;
  draftId: string;
  forumId: string;
  threadId: string;
  replyToPostNumber: number | null;
  text: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  queuedAt: string;
  /** The server's post id once it has the reply. */
  remotePostId: number | null;
  remotePostNumber?: number | null;
  /** An attempt may have reached the server: the next one looks in the thread before posting. */
  maybeSent?: boolean;
  firstAttemptAt?: string | null;
  lastAttemptAt?: string | null;
  /** Every post numbered up to this existed before the first attempt (so none of them is this reply). */
  afterPostNumber?: number;
  /** Why it needs attention, as a kind the Outbox can offer a way out of (e.g. set up the account). */
  refusal?: 'rejected' | 'not_found' | 'forbidden' | 'no_account' | 'rate_limited' | 'invalid' | null;
  sentAt?: string | null;
  /** Whether the person chose "Send later": sent with the next sync rather than at once. */
  sendLater?: boolean;
}

export interface SyncLogRow {
  id?: number;
  forumId: string;
  runId: string;
  startedAt: string;
  finishedAt: string;
  status: string;
  threadsChanged: number;
  postsFetched: number;
  requests: number;
  serverWaitMs: number;
  errors: string[];
  /** Pictures the run kept or could not keep, and its picture requests; absent when the forum does not keep them. */
  images?: { kept: number; failed: number; requests: number };
  /** 'threads' for a refresh of single threads; absent on rows written before it existed. */
  scope?: 'forum' | 'threads';
}

export type PostRow = Post;

/**
 * One stored piece of the search index: the posts one indexing pass covered and the posts it
 * removed (features/search/index-segment.ts encodes and replays them).
 */
export interface SearchSegmentRow {
  id?: number;
  removed: string[];
  threads: string[];
  authors: string[];
  docCount: number;
  docs: Uint8Array;
  terms: string[];
  postings: Uint8Array;
  /** The posts' texts, compressed (see index-segment.ts); absent from segments written before they were kept. */
  text?: Uint8Array;
}

/**
 * A post whose index entry is out of date. Written in the same transaction as the post, so the
 * index can fall behind but never silently miss a change; `mark` tells a re-queued post from the
 * entry the indexer read. A sync commit queues its whole batch as one row (one write instead of
 * one per post): its key starts with SEARCH_QUEUE_BATCH and `postIds` lists the posts.
 */
export interface SearchQueueRow {
  postId: string;
  mark: number;
  postIds?: string[];
}

/** Keys of batch rows in the search queue; no post id starts with it. */
export const SEARCH_QUEUE_BATCH = '\uffffbatch/';

/** The queue row for posts a transaction just wrote or removed. */
export const searchQueueBatch = (postIds: string[]): SearchQueueRow => ({
  postId: `${SEARCH_QUEUE_BATCH}${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`,
  mark: 0,
  postIds,
});

/** Posts per search queue row: the index reads a row's posts in one pass (see features/search/post-index.ts). */
const QUEUE_ROW_POSTS = 1000;

/** The queue rows for many posts, QUEUE_ROW_POSTS to a row. */
export function searchQueueRows(postIds: readonly string[]): SearchQueueRow[] {
  const rows: SearchQueueRow[] = [];
  for (let start = 0; start < postIds.length; start += QUEUE_ROW_POSTS) rows.push(searchQueueBatch(postIds.slice(start, start + QUEUE_ROW_POSTS)));
  return rows;
}

/** A picture kept offline, stored once by the SHA-256 of its bytes however many posts show it. */
export interface ImageRow {
  hash: string;
  bytes: Blob;
  /** Sniffed from the bytes by main (image/png, image/jpeg, image/gif, image/webp, image/avif). */
  mime: string;
  width: number;
  height: number;
  byteLength: number;
  /** The forums whose posts show it: its bytes count towards each one's images. */
  forumIds: string[];
  storedAt: string;
}

/** Why a picture a post shows is not kept, in words the post shows in its place. */
export interface ImageFailure {
  code: string;
  message: string;
}

/**
 * One picture a post shows, by the address in its HTML: the stored picture (hash) or why there is
 * none (failure). The post renders its pictures through these rows, and a picture no row points
 * at any more can go.
 */
export interface ImageUseRow {
  postId: string;
  url: string;
  threadId: string;
  forumId: string;
  hash?: string;
  failure?: ImageFailure;
  /** When the picture was kept or last tried. */
  at: string;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export class ReaderDb extends Dexie {
  forums!: EntityTable<ForumRow, 'id'>;
  boards!: EntityTable<BoardRow, 'id'>;
  threads!: EntityTable<ThreadRow, 'id'>;
  posts!: EntityTable<PostRow, 'id'>;
  threadCursors!: EntityTable<ThreadCursor, 'threadId'>;
  boardCursors!: EntityTable<BoardCursor, 'boardId'>;
  settings!: EntityTable<SettingRow, 'key'>;
  readMarks!: EntityTable<ReadMarkRow, 'postId'>;
  bookmarks!: EntityTable<BookmarkRow, 'id'>;
  highlights!: EntityTable<HighlightRow, 'id'>;
  drafts!: EntityTable<DraftRow, 'id'>;
  outbox!: EntityTable<OutboxRow, 'id'>;
  syncLog!: EntityTable<SyncLogRow, 'id'>;
  searchSegments!: EntityTable<SearchSegmentRow, 'id'>;
  searchQueue!: EntityTable<SearchQueueRow, 'postId'>;
  images!: EntityTable<ImageRow, 'hash'>;
  imageUses!: Table<ImageUseRow, [string, string]>;

  constructor(name = 'forum-reader', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      forums: 'id',
      boards: 'id, forumId',
      // [boardId+bumpedAt]: a board's threads by activity, newest first.
      threads: 'id, forumId, [boardId+bumpedAt]',
      // [threadId+postNumber]: a thread's posts in order, and any window of them.
      posts: 'id, forumId, [threadId+postNumber]',
      threadCursors: 'threadId',
      boardCursors: 'boardId',
      settings: 'key',
      readMarks: 'postId, threadId',
      bookmarks: 'id, &postId, threadId, forumId, createdAt, *tags',
      highlights: 'id, postId, threadId, forumId, createdAt, *tags',
      drafts: 'id, threadId, updatedAt',
      outbox: 'id, state, threadId, forumId',
      syncLog: '++id, forumId, startedAt',
    });
    // Version 2: the search index. Posts stored before it existed are queued, and the indexer
    // catches up with them in the background.
    this.version(2)
      .stores({
        searchSegments: '++id',
        searchQueue: 'postId',
      })
      .upgrade(async (tx) => {
        const postIds = (await tx.table('posts').toCollection().primaryKeys()) as string[];
        await tx.table('searchQueue').bulkPut(postIds.map((postId) => ({ postId, mark: Math.random() })));
      });
    // Version 3: pictures kept offline (issue 19). *forumIds: a forum's pictures (its storage, its
    // removal). imageUses' url: one fetch per address; hash: whether a picture is still shown;
    // threadId: a thread's pictures (eviction by the least recently read). Threads gain
    // *alsoInBoardIds: a board's list also shows the newsgroup threads crossposted into it (issue
    // 18; no stored thread has any, so nothing is rewritten). Pictures' lightbox captions left the
    // searchable text (features/search/post-text.ts): posts that show one are indexed again.
    this.version(3)
      .stores({
        threads: 'id, forumId, [boardId+bumpedAt], *alsoInBoardIds',
        images: 'hash, *forumIds',
        imageUses: '[postId+url], postId, url, hash, forumId, threadId',
      })
      .upgrade(async (tx) => {
        const postIds: string[] = [];
        await tx.table<PostRow, string>('posts').each((post) => {
          if (post.html.includes('class="lightbox"')) postIds.push(post.id);
        });
        await tx.table('searchQueue').bulkAdd(searchQueueRows(postIds));
      });
  }
}
