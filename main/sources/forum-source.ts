// What the reader needs from a forum engine, whatever protocol it speaks: sync first, then the
// rest. Adapters validate and map every response before it leaves them, so callers see only
// shared/model types.
import type { AppErrorInfo, ForumProbe, SyncRequest, SyncSummary } from '../../shared/api';
import type { Board, ForumProtocol, Post, SyncBatch, Thread } from '../../shared/model';
import type { SendReplyOutcome, SendReplyRequest } from '../../shared/replies';
import type { Credentials } from '../accounts/account-store';
import type { RequestBudget, RequestStats } from './polite-http';

export interface ThreadPage {
  threads: Thread[];
  /** Absent when the forum has no further page. */
  nextPage: string | null;
}

export interface ThreadWithPostIds {
  thread: Thread;
  /** Every post id in display order, or null for a mega topic, which must be paged by number. */
  postIds: number[] | null;
  /** The posts the thread request already carried (its first chunk). */
  posts: Post[];
}

/** One page of a forum's latest posts, whatever their thread, newest first. */
export interface LatestPostsPage {
  posts: Array<{ threadRemoteId: number; post: Post }>;
  /** Threads with a post on the page that could not be read: only their own pass can tell. */
  unreadable: number[];
  /** Where the next, older page starts; null once there are no older posts. */
  before: number | null;
}

/**
 * A forum-wide feed of the latest posts (Discourse's /posts.json). It leaves out posts a thread's
 * own page shows (small actions, whispers, hidden posts), so the engine trusts it for a thread
 * only when the thread's counts say nothing is missing.
 */
export interface LatestPostsFeed {
  /** Posts a full page carries. */
  pageSize: number;
  page(before: number | null): Promise<LatestPostsPage>;
}

/** For a thread a person opened and waits on: its requests go ahead of the others. */
export interface AskOptions {
  urgent?: boolean;
}

export interface ForumSource {
  listBoards(): Promise<Board[]>;
  /** Threads of a board, most recently active first (pinned ones first, whatever their date). */
  listThreads(board: { boardId: string; remoteId: number; slug: string }, page: string | null): Promise<ThreadPage>;
  /** Threads of every category the visitor may see, most recently bumped first (pinned ones first). */
  listLatest(page: string | null): Promise<ThreadPage>;
  /**
   * The thread's state and first chunk of posts; with `near`, the chunk around that post number
   * instead (a thread with new posts after the stored ones gets them in the same request).
   */
  getThread(remoteId: number, ask?: AskOptions, near?: number): Promise<ThreadWithPostIds>;
  /**
   * Ids asked for in one request at most, as learnt for this forum so far. The engine asks for no
   * more at once; getPostsById splits further by itself when the forum refuses a request as too long.
   */
  idsPerRequest(): number;
  getPostsById(threadRemoteId: number, postIds: number[], ask?: AskOptions): Promise<Post[]>;
  /** Posts after `postNumber`, in order; an empty array means the end. */
  getPostsAfter(threadRemoteId: number, postNumber: number, ask?: AskOptions): Promise<Post[]>;
  /** Absent where the engine has no forum-wide feed of posts. */
  latestPosts?: LatestPostsFeed;
}

// Everything else an engine does. The outbox and the account handlers hold only these types, and
// get an engine from main/sources/forum-sources.ts, the one place that knows which engine and
// which address serve a forum. The exactly-once rules (when to look before posting again) are
// the outbox's; how to post and how to look are the engine's.

/** A server-imposed wait longer than this is shown to the person rather than waited out silently. */
export const LONGEST_AUTOMATIC_WAIT_MS = 15 * 60_000;

export interface Politeness {
  /** Requests per minute the forum is asked; null for the bundled forum on this computer. */
  budget: RequestBudget | null;
}

/** One attempt to post one reply, as the engine saw it. */
export type ReplyAttempt =
  | { kind: 'posted'; post: Post }
  | Extract<SendReplyOutcome, { kind: 'enqueued' }>
  /** Nothing definite happened; `maybeSent`: the server may have acted on it, so look before posting again. */
  | Omit<Extract<SendReplyOutcome, { kind: 'retry' }>, 'afterPostNumber'>
  /** The forum said no, and the reply is certainly not on it. */
  | Omit<Extract<SendReplyOutcome, { kind: 'refused' }>, 'maybeSent'>;

export interface SentReplySearch {
  /** The reply, when an earlier attempt posted it. */
  post: Post | null;
  /** The thread's highest post number when looked at: a later attempt's post will be above it. */
  highestPostNumber: number;
}

/** The forum's address and engine, resolved once (the sample forum's live address, its budget). */
export interface ForumConnection {
  readonly kind: ForumKind;
  readonly forumId: string;
  readonly baseUrl: string;
  readonly politeness: Politeness;
  /** One attempt to post; throws only errors `describeError` turns into AppErrorInfo. */
  postReply(request: SendReplyRequest, account: Credentials): Promise<ReplyAttempt>;
  /** Looks in the thread for a reply an earlier attempt may have posted, above post number `floor`. */
  findSentReply(request: SendReplyRequest, account: Credentials, floor: number): Promise<SentReplySearch>;
  /** Asks the forum whose credentials these are. A refusal throws; an unreachable forum answers `verified: false`. */
  verifyAccount(account: Credentials): Promise<{ username: string; verified: boolean }>;
  /** Present where the engine can ask the person's browser for a key (Discourse's User API Key). */
  readonly keyRequest: KeyRequest | null;
  /** What a failure of this engine means to a person; null for a fault of the reader itself. */
  describeError(error: unknown): AppErrorInfo | null;
}

/** A key asked for in the person's browser and pasted back; the means to open the answer stay in main. */
export interface KeyRequest {
  start(): { url: string; pending: PendingKeyRequest };
}

export interface PendingKeyRequest {
  baseUrl: string;
  clientId: string;
  startedAt: number;
  /** Opens the pasted answer and returns the key; a wrong answer throws an AppError saying what to do. */
  open(payload: string): string;
}

export interface SyncProgressCounts {
  threadsDone: number;
  threadsTotal: number;
  postsFetched: number;
  currentThread: string | null;
}

export type SyncOutcome = Pick<SyncSummary, 'threadsChanged' | 'postsFetched' | 'threadErrors' | 'boardErrors'>;

/** What a sync run gives an engine that runs its own sync: where batches go, and the same rules. */
export interface OwnSyncDeps {
  request: SyncRequest;
  runId: string;
  /** Resolves when the batch may be followed by another (back-pressure). */
  emitBatch(batch: SyncBatch): Promise<void>;
  progress(counts: SyncProgressCounts): void;
  signal: AbortSignal;
  postsPerBatch?: number;
}

/**
 * How a run syncs a forum: a thread-shaped source that main/sync/sync-engine.ts plans and fetches
 * (Discourse: listings by activity, posts by id), or the engine's own run (a news server: groups
 * by article number), which emits batches through the same BatchWriter and cursor rules.
 */
export type EngineSync =
  | { kind: 'threads'; source: ForumSource }
  | { kind: 'own'; run(deps: OwnSyncDeps): Promise<SyncOutcome> };

/** A forum as a sync run is given it: its address and budget. */
export interface SyncForum {
  forumId: string;
  baseUrl: string;
  politeness: Politeness;
}

export interface ForumEngine {
  readonly kind: ForumKind;
  /** Checks that an address a person typed is a forum of this engine, and reads its name and boards. */
  probe(address: string): Promise<ForumProbe>;
  connect(forum: { forumId: string; baseUrl: string; politeness: Politeness }): ForumConnection;
  /** What one sync run reads; the engine keeps what a forum taught it (request sizes) from run to run. */
  syncSource(forum: SyncForum, run: { signal: AbortSignal; stats: RequestStats }): EngineSync;
  describeError(error: unknown): AppErrorInfo | null;
}

export type ForumKind = ForumProtocol;
