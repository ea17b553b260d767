// The contract for posting replies and for the accounts that post them. Secrets travel one way
// only, renderer -> main, when a person enters them; nothing here ever carries one back.
import * as v from 'valibot';
import { PostSchema } from './model';

/** A reply's client id: given when it is queued, kept through every attempt to send it. */
export const ClientIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected a client id of 8 to 64 letters, digits, - or _'));

export const SendReplyRequestSchema = v.object({
  clientId: ClientIdSchema,
  forumId: v.pipe(v.string(), v.minLength(1), v.maxLength(512)),
  topicId: v.pipe(v.number(), v.integer(), v.minValue(1)),
  replyToPostNumber: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1))),
  raw: v.pipe(v.string(), v.maxLength(65_536)),
  /** When the first attempt for this client id started: a post created well before it is not this reply. */
  firstAttemptAt: v.pipe(v.string(), v.isoTimestamp()),
  /** An earlier attempt may have reached the server: main looks for the reply in the thread before posting again. */
  maybeSent: v.boolean(),
  /** Every post numbered up to this existed before the first attempt, so none of them is this reply. */
  afterPostNumber: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Server ids of this person's other replies in the thread, already matched to other client ids. */
  claimedPostIds: v.pipe(v.array(v.number()), v.maxLength(2000)),
  /**
   * The answered post's `remoteKey` (a newsgroup article's Message-ID): post `replyToPostNumber`'s,
   * or the thread's first post's when that is null. A news server's reply is built from it.
   */
  replyToKey: v.optional(v.pipe(v.string(), v.maxLength(250))),
});
export type SendReplyRequest = v.InferOutput<typeof SendReplyRequestSchema>;

export const REFUSAL_CAUSES = ['rejected', 'not_found', 'forbidden', 'no_account', 'rate_limited'] as const;
export type RefusalCause = (typeof REFUSAL_CAUSES)[number];

/**
 * What became of one sendReply call. These are expected outcomes, not errors: every one of them is
 * recorded on the outbox item and shown to the person.
 */
export const SendReplyOutcomeSchema = v.variant('kind', [
  /** The server has the post. `foundInThread`: an earlier attempt had posted it; this call only found it. */
  v.object({ kind: v.literal('sent'), post: PostSchema, foundInThread: v.boolean() }),
  /** Discourse's `action: "enqueued"`: the post waits in the forum's review queue. Never sent again. */
  v.object({ kind: v.literal('enqueued'), pendingPostId: v.nullable(v.number()) }),
  /** Nothing definite happened; try again after `waitMs` (the server's wish) or the caller's backoff. */
  v.object({
    kind: v.literal('retry'),
    reason: v.string(),
    waitMs: v.nullable(v.number()),
    /** This attempt may have reached the server; the next one must look in the thread first. */
    maybeSent: v.boolean(),
    /** The forum could not be reached at all. */
    offline: v.boolean(),
    /** A tighter `afterPostNumber` learnt by main, to pass on the next attempt. */
    afterPostNumber: v.number(),
  }),
  /** The forum said no. `reason` is the forum's own words where it gave any. */
  v.object({
    kind: v.literal('refused'),
    cause: v.picklist(REFUSAL_CAUSES),
    reason: v.string(),
    /** The refusal came while looking for an earlier attempt, which may still have posted it. */
    maybeSent: v.boolean(),
  }),
]);
export type SendReplyOutcome = v.InferOutput<typeof SendReplyOutcomeSchema>;

/** 'news': a news server's identity (From of replies), with a user name and password where the server asks for one. */
export const ACCOUNT_KINDS = ['api-key', 'user-api-key', 'news'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

const NoLineBreak = v.regex(/^[^\r\n]*$/, 'may not contain a line break');

/** Who replies to a news server are from (their From: "Display name <email>"). Not a secret. */
export const NewsIdentitySchema = v.object({
  displayName: v.pipe(v.string(), v.trim(), v.minLength(1, 'the display name is empty'), v.maxLength(100), NoLineBreak),
  email: v.pipe(v.string(), v.trim(), v.maxLength(254), v.email('expected an email address')),
});
export type NewsIdentity = v.InferOutput<typeof NewsIdentitySchema>;

/** What the renderer may know of an account: who it posts as, never its key or password. */
export const ForumAccountSchema = v.object({
  forumId: v.string(),
  kind: v.picklist(ACCOUNT_KINDS),
  /** Discourse: the user name. A news server: the login name, or the email address when it has none. */
  username: v.string(),
  savedAt: v.string(),
  /** The forum accepted the key when it was saved (false when it could not be reached then). */
  verified: v.boolean(),
  /** A news account's identity. */
  identity: v.optional(NewsIdentitySchema),
});
export type ForumAccount = v.InferOutput<typeof ForumAccountSchema>;

const ForumRef = { forumId: v.pipe(v.string(), v.minLength(1), v.maxLength(512)) };
const BaseUrl = v.pipe(v.string(), v.maxLength(2048));
const Username = v.pipe(v.string(), v.trim(), v.maxLength(60));

export const SetForumAccountSchema = v.object({
  ...ForumRef,
  baseUrl: BaseUrl,
  kind: v.picklist(ACCOUNT_KINDS),
  username: Username,
  key: v.pipe(v.string(), v.trim(), v.minLength(1, 'the key is empty'), v.maxLength(512)),
});
export type SetForumAccount = v.InferOutput<typeof SetForumAccountSchema>;

/**
 * A news server's account from the Add forum dialog: the identity, and a user name and password
 * for servers that ask (480). The password stays in main, sealed like API keys.
 */
export const SetNewsAccountSchema = v.object({
  ...ForumRef,
  baseUrl: BaseUrl,
  identity: NewsIdentitySchema,
  username: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(256), NoLineBreak)),
  password: v.optional(v.pipe(v.string(), v.maxLength(256), NoLineBreak)),
});
export type SetNewsAccount = v.InferOutput<typeof SetNewsAccountSchema>;

export const ForumRefSchema = v.object(ForumRef);
export const BeginUserApiKeySchema = v.object({ ...ForumRef, baseUrl: BaseUrl });
export const CompleteUserApiKeySchema = v.object({ ...ForumRef, payload: v.pipe(v.string(), v.maxLength(8192)), username: Username });
