// The one contract between main and the renderer. Both transports (Electron IPC and the web
// host's HTTP) are generated from these tables; both ends validate with these schemas. Schemas
// that read alike stay apart: each declares its own message.
import * as v from 'valibot';
import { BoardSchema, FORUM_PROTOCOLS, MAX_BOARDS_OF_THREAD, SyncBatchSchema } from './model';
import { MenuCommandSchema, NotificationRequestSchema, OpenThreadRequestSchema } from './desktop';
import {
  BeginUserApiKeySchema,
  CompleteUserApiKeySchema,
  ForumAccountSchema,
  ForumRefSchema,
  SendReplyOutcomeSchema,
  SendReplyRequestSchema,
  SetForumAccountSchema,
  SetNewsAccountSchema,
} from './replies';

type Schema = v.GenericSchema;
export interface CallSpec<I extends Schema, O extends Schema> {
  readonly input: I;
  readonly output: O;
}
const call = <I extends Schema, O extends Schema>(input: I, output: O): CallSpec<I, O> => ({ input, output });

/** Closed set of failure codes; the renderer maps each to words a person can act on. */
export const ERROR_CODES = [
  'invalid_request',
  'invalid_address',
  'unreachable',
  'timeout',
  'not_discourse',
  'login_required',
  'forbidden',
  'not_found',
  'rate_limited',
  'bad_response',
  'server_error',
  /** An answer past the reader's size limit, or a thread past its post limit. */
  'too_large',
  'cancelled',
  'offline',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export const AppErrorSchema = v.object({ code: v.picklist(ERROR_CODES), message: v.string() });
export type AppErrorInfo = v.InferOutput<typeof AppErrorSchema>;

/** Thrown inside main; crosses the boundary only as a `{ ok: false, error }` value. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorInfo };
export const resultSchema = <O extends Schema>(value: O) =>
  v.variant('ok', [
    v.object({ ok: v.literal(true), value }),
    v.object({ ok: v.literal(false), error: AppErrorSchema }),
  ]);

const Empty = v.object({});

export const AppInfoSchema = v.object({
  version: v.string(),
  host: v.picklist(['electron', 'web']),
  sampleForumUrl: v.string(),
});

/** Boards a probe lists at most: a news server may carry 100,000 groups (then `totalBoards` says how many). */
export const MAX_PROBED_BOARDS = 5000;

export const ForumProbeSchema = v.object({
  /** Which engine serves the address (nntp://, nntps://, news:// are news servers). */
  protocol: v.picklist(FORUM_PROTOCOLS),
  forumId: v.string(),
  baseUrl: v.string(),
  /** The address typed, when it redirected to `baseUrl` on another origin: the dialog says so. */
  redirectedFrom: v.optional(v.string()),
  title: v.string(),
  description: v.string(),
  loginRequired: v.boolean(),
  /**
   * Set for plain-http addresses that are not loopback: the UI must warn before following. A news
   * server: plain nntp:// that is not loopback and did not switch to TLS (STARTTLS).
   */
  insecure: v.boolean(),
  /** Discourse categories, or a news server's groups (LIST ACTIVE) by name, at most MAX_PROBED_BOARDS. */
  boards: v.pipe(v.array(BoardSchema), v.maxLength(MAX_PROBED_BOARDS)),
  /** How many boards the forum has, when that is more than `boards` holds. */
  totalBoards: v.optional(v.number()),
  /** A news server that says it takes no posts (greeting 201): reading only. Absent: posting allowed. */
  postingAllowed: v.optional(v.boolean()),
});
export type ForumProbe = v.InferOutput<typeof ForumProbeSchema>;

/**
 * Discourse lets an anonymous reader make 200 requests a minute and 50 in 10 s per IP
 * (max_reqs_per_ip_per_minute, max_reqs_per_ip_per_10_seconds); a budget stays under both. The
 * default is the most allowed: 90% of the minute's limit, spread as 30 in any 10 s (60% of that
 * limit), since a first sync is bounded by requests, not by CPU.
 */
export const MAX_REQUESTS_PER_MINUTE = 180;
export const DEFAULT_REQUESTS_PER_MINUTE = MAX_REQUESTS_PER_MINUTE;

/**
 * Ceilings on what one sync keeps, so a forum claiming a 10-million-post topic cannot page for days
 * or fill the disk: 20,000 posts of one thread are 100 requests by id, or 1,000 pages of a mega topic
 * with no stream of ids, under 6 minutes at the default budget.
 */
export const DEFAULT_MAX_POSTS_PER_THREAD = 20_000;
export const DEFAULT_MAX_POSTS_PER_RUN = 100_000;
const PostCeiling = v.pipe(v.number(), v.integer(), v.minValue(1));

/** A newsgroup's first sync takes its newest articles, this many by default (slrnpull takes 50, leafnode 1,000). */
export const DEFAULT_FIRST_SYNC_ARTICLES = 1000;
export const MAX_FIRST_SYNC_ARTICLES = 100_000;
/** Connections a sync opens to one news server: news servers count them per user, many allow few. */
export const DEFAULT_NEWS_CONNECTIONS = 1;
export const MAX_NEWS_CONNECTIONS = 4;
/**
 * Stored posts a sync request carries for their pictures (tried again, or never tried); the rest
 * wait for the next run. Each carries its HTML (a few KB on a typical forum), so a request stays
 * well under a megabyte, and 200 posts' pictures take about a minute of a forum's asset budget
 * (100 per 10 s) behind the text, the tail of one run rather than a run of its own.
 */
export const MAX_IMAGE_RETRY_POSTS = 200;
/** The longest post HTML a sync request carries for its pictures. */
export const MAX_IMAGE_RETRY_HTML = 1_000_000;
/**
 * The most HTML, in all, a sync request carries for pictures: a forum of long posts sends fewer
 * than 200, and the request stays far below what a transport takes (the web host's 32 MB).
 */
export const MAX_IMAGE_RETRY_HTML_TOTAL = 4_000_000;
/** Why a picture was not kept, when trying again may go better. */
export const RETRYABLE_IMAGE_FAILURES: readonly string[] = ['timeout', 'unreachable', 'server_error', 'rate_limited', 'lost'];

export const SyncRequestSchema = v.object({
  forumId: v.string(),
  baseUrl: v.string(),
  /** Followed boards: at most `threadLimit` most recently active threads each. */
  boards: v.array(
    v.object({
      boardId: v.string(),
      remoteId: v.number(),
      slug: v.string(),
      threadLimit: v.pipe(v.number(), v.integer(), v.minValue(1)),
      watermark: v.nullable(v.string()),
      /** Subcategories, whose topics the category's own listing includes (Discourse's default). */
      childRemoteIds: v.optional(v.array(v.number())),
    }),
  ),
  /** Followed single threads, by topic id. */
  threads: v.array(v.object({ boardId: v.nullable(v.string()), remoteId: v.number() })),
  /** What is stored of each thread whose last pass completed. */
  known: v.array(
    v.object({
      remoteId: v.number(),
      highestPostNumber: v.number(),
      postsCount: v.number(),
      lastPostedAt: v.string(),
      postIds: v.array(v.number()),
      /**
       * The highest post number stored of a thread whose last pass did not complete: a mega topic
       * (no stream of ids) resumes paging after it instead of from its first post.
       */
      storedThrough: v.optional(v.number()),
      /**
       * The stored thread's own fields, sent for news servers only: a run that adds articles to a
       * thread writes its row whole, and cannot read these back from the server (the root may
       * have expired).
       */
      thread: v.optional(
        v.object({
          boardId: v.string(),
          title: v.string(),
          authorUsername: v.string(),
          createdAt: v.string(),
          alsoInBoardIds: v.optional(v.pipe(v.array(v.string()), v.maxLength(MAX_BOARDS_OF_THREAD))),
        }),
      ),
    }),
  ),
  /** Topic ids to pass in full even when they look unchanged (edits, deletions). */
  refresh: v.array(v.number()),
  /** The forum's request budget; absent means the default. The bundled sample forum has none. */
  requestsPerMinute: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_REQUESTS_PER_MINUTE))),
  /** Most posts kept of one thread; absent means DEFAULT_MAX_POSTS_PER_THREAD. */
  maxPostsPerThread: v.optional(PostCeiling),
  /** Most posts fetched in one run; absent means DEFAULT_MAX_POSTS_PER_RUN. The next run goes on. */
  maxPostsPerRun: v.optional(PostCeiling),
  /** A news server: articles a group's first sync takes, newest first; absent means DEFAULT_FIRST_SYNC_ARTICLES. */
  firstSyncArticles: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_FIRST_SYNC_ARTICLES))),
  /** A news server: connections at once; absent means DEFAULT_NEWS_CONNECTIONS. */
  newsConnections: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_NEWS_CONNECTIONS))),
  /** Fetch the pictures of the posts committed in this run, after their text ("Keep images offline"). */
  keepImages: v.optional(v.boolean()),
  /**
   * Stored posts whose pictures are fetched in this run, behind the text: those with pictures
   * (`srcs`) whose fetch may go better now (a timeout, a server error, a 429), and, without
   * `srcs`, posts stored before "Keep images offline" was on, whose pictures were never tried.
   */
  retryImagesOf: v.optional(
    v.pipe(
      v.array(
        v.object({
          id: v.string(),
          threadId: v.string(),
          html: v.pipe(v.string(), v.maxLength(MAX_IMAGE_RETRY_HTML)),
          srcs: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(4096))), v.maxLength(100))),
        }),
      ),
      v.maxLength(MAX_IMAGE_RETRY_POSTS),
    ),
  ),
});
export type SyncRequest = v.InferOutput<typeof SyncRequestSchema>;

/** The most bytes of one picture main keeps and hands to the renderer; both sides check it. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Posts one picture event names; a picture shown by more is announced again for the rest. */
export const MAX_IMAGE_USES_PER_EVENT = 1000;

/**
 * A picture the run's committed posts show, at the address written in their HTML (`src`, the key
 * the page looks it up by): kept (its bytes wait in main for takeSyncImage when `held`), or why not.
 */
export const SyncImageSchema = v.object({
  runId: v.string(),
  forumId: v.string(),
  src: v.pipe(v.string(), v.maxLength(4096)),
  shownBy: v.pipe(v.array(v.object({ postId: v.string(), threadId: v.string() })), v.maxLength(MAX_IMAGE_USES_PER_EVENT)),
  outcome: v.variant('kept', [
    v.object({
      kept: v.literal(true),
      hash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
      mime: v.picklist(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']),
      width: v.number(),
      height: v.number(),
      byteLength: v.pipe(v.number(), v.maxValue(MAX_IMAGE_BYTES)),
      /** False when this run handed the same bytes over already (another address, same picture). */
      held: v.boolean(),
    }),
    v.object({ kept: v.literal(false), code: v.string(), message: v.pipe(v.string(), v.maxLength(1000)) }),
  ]),
});
export type SyncImage = v.InferOutput<typeof SyncImageSchema>;

/** A picture's bytes, as binary on both transports (IPC's structured clone, the web host's octet-stream). */
export const ImageBytesSchema = v.pipe(v.instance(Uint8Array), v.maxLength(MAX_IMAGE_BYTES));

export const SyncProgressSchema = v.object({
  runId: v.string(),
  forumId: v.string(),
  threadsDone: v.number(),
  threadsTotal: v.number(),
  postsFetched: v.number(),
  currentThread: v.nullable(v.string()),
});
export type SyncProgress = v.InferOutput<typeof SyncProgressSchema>;

export const SyncSummarySchema = v.object({
  runId: v.string(),
  forumId: v.string(),
  status: v.picklist(['completed', 'cancelled', 'failed']),
  startedAt: v.string(),
  finishedAt: v.string(),
  threadsChanged: v.number(),
  postsFetched: v.number(),
  requests: v.number(),
  serverWaitMs: v.number(),
  error: v.nullable(AppErrorSchema),
  threadErrors: v.array(v.object({ threadId: v.string(), title: v.string(), error: AppErrorSchema })),
  /** Categories whose listing failed; their threads are tried again next run. */
  boardErrors: v.optional(v.array(v.object({ boardId: v.string(), title: v.string(), error: AppErrorSchema })), []),
  /** Pictures of a run that keeps them: kept, not kept, and the requests made for them (not in `requests`). */
  images: v.optional(v.object({ kept: v.number(), failed: v.number(), requests: v.number() })),
});
export type SyncSummary = v.InferOutput<typeof SyncSummarySchema>;

export const api = {
  getAppInfo: call(Empty, AppInfoSchema),
  probeForum: call(v.object({ address: v.pipe(v.string(), v.maxLength(2048)) }), ForumProbeSchema),
  startSync: call(SyncRequestSchema, v.object({ runId: v.string() })),
  ackSyncBatch: call(v.object({ runId: v.string(), seq: v.number() }), Empty),
  cancelSync: call(v.object({ runId: v.string() }), Empty),
  /**
   * The bytes of a picture a syncImage event announced as held; main lets go of them either way.
   * `want: false` when the renderer stores that picture already. Null when the run no longer holds it.
   */
  takeSyncImage: call(v.object({ runId: v.string(), hash: v.string(), want: v.boolean() }), v.nullable(ImageBytesSchema)),
  /**
   * A thread was opened whose posts are not stored: the forum's run in flight passes it next and
   * hands its posts over at once. `queued` is false when no run will (none is running, or it is
   * past its last thread); the renderer then runs a pass of that thread itself.
   */
  fetchThreadFirst: call(v.object({ forumId: v.string(), remoteId: v.number() }), v.object({ queued: v.boolean() })),
  /** `opened: false` when the host has no system browser to hand it to (the web host): the page opens it. */
  openExternal: call(v.object({ url: v.pipe(v.string(), v.maxLength(4096)) }), v.object({ opened: v.boolean() })),
  /** Posts one queued reply; safe to repeat for the same client id (see main/outbox/reply-sender.ts). */
  sendReply: call(SendReplyRequestSchema, SendReplyOutcomeSchema),
  /** Who replies to a forum are posted as; never the key. */
  getForumAccount: call(ForumRefSchema, v.nullable(ForumAccountSchema)),
  setForumAccount: call(SetForumAccountSchema, ForumAccountSchema),
  /** A news server's identity (and login, where it asks for one), checked with AUTHINFO when a login is given. */
  setNewsAccount: call(SetNewsAccountSchema, ForumAccountSchema),
  removeForumAccount: call(ForumRefSchema, Empty),
  /** Discourse's user-api-key flow: the page to approve the key on, whose answer completeUserApiKey takes. */
  beginUserApiKey: call(BeginUserApiKeySchema, v.object({ url: v.string() })),
  completeUserApiKey: call(CompleteUserApiKeySchema, ForumAccountSchema),
  /** A system notification; `shown: false` where the host has none (the web host: the page may show one). */
  showNotification: call(NotificationRequestSchema, v.object({ shown: v.boolean() })),
  /** Threads asked for before the page listened (a link that started the app); empties the queue. */
  takeOpenRequests: call(Empty, v.array(OpenThreadRequestSchema)),
} as const;

export const events = {
  syncBatch: SyncBatchSchema,
  syncProgress: SyncProgressSchema,
  syncDone: SyncSummarySchema,
  syncImage: SyncImageSchema,
  /** An application-menu item was chosen (desktop host only). */
  menuCommand: MenuCommandSchema,
  /** A forum-reader:// link or a notification asks for a thread (desktop host only). */
  openThread: OpenThreadRequestSchema,
} as const;

export type ApiTable = typeof api;
export type CallName = keyof ApiTable;
export type EventName = keyof typeof events;
export type CallInput<K extends CallName> = v.InferOutput<ApiTable[K]['input']>;
export type CallOutput<K extends CallName> = v.InferOutput<ApiTable[K]['output']>;
export type EventPayload<K extends EventName> = v.InferOutput<(typeof events)[K]>;

/** What main implements: one function per call, throwing AppError for expected failures. */
export type Handlers = { [K in CallName]: (input: CallInput<K>) => Promise<CallOutput<K>> };

/** How main sends an event to the renderer; each host supplies one. */
export type EmitEvent = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

/** What the renderer holds: the same calls, returning Results, plus event subscription. */
export type ForumApi = {
  [K in CallName]: (input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
} & {
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
};

/** The web host's transport carries the per-launch token in this header (never a cookie: see web-host.ts). */
export const WEB_TOKEN_HEADER = 'x-reader-token';

export const callNames = Object.keys(api) as CallName[];
export const eventNames = Object.keys(events) as EventName[];
export const isCallName = (name: string): name is CallName => Object.hasOwn(api, name);
export const isEventName = (name: string): name is EventName => Object.hasOwn(events, name);

/** Validates a payload against a call's input or output schema, naming the field that failed. */
export const parseWith = <S extends Schema>(schema: S, value: unknown, what: string): v.InferOutput<S> => {
  const parsed = v.safeParse(schema, value);
  if (parsed.success) return parsed.output;
  const issue = parsed.issues[0];
  const path = issue ? v.getDotPath(issue) : null;
  throw new AppError('invalid_request', `${what}${path ? `: ${path}` : ''}: ${issue?.message ?? 'invalid'}`);
};
