// The Sender: one attempt to post one queued reply, made safe to repeat. The renderer owns the
// outbox and calls this for each due item; every call answers with an outcome the renderer
// records. A reply is posted at most once because no new POST goes out while an earlier one for
// the same client id may have reached the server: the thread is looked at first.
import * as v from 'valibot';
import { AppError } from '../../shared/api';
import { SAMPLE_FORUM_ID, threadIdFor, type Post } from '../../shared/model';
import type { SendReplyOutcome, SendReplyRequest } from '../../shared/replies';
import { authHeaders, type AccountStore, type Credentials } from '../accounts/account-store';
import type { Logger } from '../dispatch';
import { mapPost } from '../sources/discourse/discourse-source';
import { DiscoursePostSchema, type DiscoursePost } from '../sources/discourse/discourse-schemas';
import { DEFAULT_BUDGET, retryAfterMs, type HttpResponse, type PoliteHttp } from '../sources/polite-http';
import { discourseErrors } from './discourse-errors';
import { findSentReply, type ThreadLookup } from './find-sent-reply';

/** A server-imposed wait longer than this is shown to the person rather than waited out silently. */
export const LONGEST_AUTOMATIC_WAIT_MS = 15 * 60_000;
/** Delivered client ids remembered, so a repeated call answers without asking the forum. */
const REMEMBERED = 2000;

export interface ReplySenderDeps {
  http: PoliteHttp;
  accounts: AccountStore;
  /** Where the bundled sample forum listens in this launch (its port changes between launches). */
  sampleForumUrl: string;
  log: Logger;
}

// POST /posts.json answers 200 with the post at the root, or with `{ action, post }` when
// nested_post is set, or `{ action: "enqueued", pending_post }` (core: posts_controller#create).
const CreatedSchema = v.union([
  v.looseObject({ action: v.literal('enqueued'), pending_post: v.nullish(v.looseObject({ id: v.number() })) }),
  v.looseObject({ post: DiscoursePostSchema }),
  DiscoursePostSchema,
]);

export class ReplySender {
  private readonly inFlight = new Map<string, Promise<SendReplyOutcome>>();
  /** Client ids whose last attempt in this process may have reached the server. */
  private readonly suspect = new Set<string>();
  private readonly delivered = new Map<string, Post>();
  /** Per forum and topic, a post number known to exist: any later post is numbered above it. */
  private readonly seenPostNumber = new Map<string, number>();

  constructor(private readonly deps: ReplySenderDeps) {}

  /** A call for a client id already in flight shares that attempt instead of making a second one. */
  send(request: SendReplyRequest): Promise<SendReplyOutcome> {
    const running = this.inFlight.get(request.clientId);
    if (running) return running;
    const attempt = this.attempt(request).finally(() => this.inFlight.delete(request.clientId));
    this.inFlight.set(request.clientId, attempt);
    return attempt;
  }

  private async attempt(request: SendReplyRequest): Promise<SendReplyOutcome> {
    const known = this.delivered.get(request.clientId);
    if (known) return { kind: 'sent', post: known, foundInThread: true };
    const credentials = this.deps.accounts.credentialsFor(request.forumId);
    if (!credentials) {
      return { kind: 'refused', cause: 'no_account', reason: 'There is no account to post to this forum with. Add one under Accounts in the Outbox, then send again.', maybeSent: request.maybeSent || this.suspect.has(request.clientId) };
    }
    const isSample = request.forumId === SAMPLE_FORUM_ID;
    const baseUrl = (isSample ? this.deps.sampleForumUrl : credentials.baseUrl).replace(/\/+$/, '');
    const lookup: ThreadLookup = { http: this.deps.http, baseUrl, headers: authHeaders(credentials), budget: isSample ? null : DEFAULT_BUDGET };
    const topicKey = `${request.forumId}/${request.topicId}`;
    // Only what was known before the earlier attempts began bounds where they may have landed;
    // a post number seen since (another reply sent meanwhile) may be above this reply's.
    let floor = request.afterPostNumber;

    if (request.maybeSent || this.suspect.has(request.clientId)) {
      let search;
      try {
        search = await findSentReply(lookup, request, credentials.username, floor);
      } catch (error) {
        return this.failedBeforeSending(error, floor, true);
      }
      this.notePostNumber(topicKey, search.highestPostNumber);
      if (search.post) {
        this.deps.log.info(`outbox: reply ${request.clientId} was already on the forum (post ${search.post.id}); not posted again`);
        return this.sent(request, baseUrl, search.post, true);
      }
      // Not there: the earlier attempt did not post it, and anything new will be numbered above.
      floor = Math.max(floor, search.highestPostNumber);
      this.suspect.delete(request.clientId);
    }

    // Everything known to exist now was there before this attempt.
    floor = Math.max(floor, this.seenPostNumber.get(topicKey) ?? 0);
    this.suspect.add(request.clientId);
    let response: HttpResponse;
    try {
      response = await this.deps.http.send(
        `${baseUrl}/posts.json`,
        {
          method: 'POST',
          headers: { ...lookup.headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ topic_id: request.topicId, raw: request.raw, ...(request.replyToPostNumber !== null && { reply_to_post_number: request.replyToPostNumber }) }),
        },
        { budget: lookup.budget },
      );
    } catch (error) {
      // The request may have gone out and been acted on; only the thread can tell.
      return this.failedBeforeSending(error, floor, true);
    }
    return this.classify(request, baseUrl, credentials, response, floor, topicKey);
  }

  private classify(request: SendReplyRequest, baseUrl: string, credentials: Credentials, response: HttpResponse, floor: number, topicKey: string): SendReplyOutcome {
    const { status } = response;
    const host = new URL(baseUrl).host;
    const definitelyNotPosted = () => this.suspect.delete(request.clientId);
    const said = discourseErrors(response.text);

    if (status === 200) {
      let body: v.InferOutput<typeof CreatedSchema> | null = null;
      try {
        const parsed = v.safeParse(CreatedSchema, JSON.parse(response.text));
        if (parsed.success) body = parsed.output;
      } catch {
        body = null;
      }
      if (!body) {
        return { kind: 'retry', reason: `${host} answered, but not in a way the reader understands; it will look in the thread before trying again.`, waitMs: null, maybeSent: true, offline: false, afterPostNumber: floor };
      }
      if ('action' in body && body.action === 'enqueued') {
        definitelyNotPosted();
        const pending = body.pending_post as { id: number } | null | undefined;
        return { kind: 'enqueued', pendingPostId: pending?.id ?? null };
      }
      const post = 'post' in body ? (body.post as DiscoursePost) : (body as DiscoursePost);
      this.notePostNumber(topicKey, post.post_number);
      return this.sent(request, baseUrl, post, false);
    }
    if (status === 429) {
      definitelyNotPosted();
      const waitMs = retryAfterMs(response);
      if (waitMs > LONGEST_AUTOMATIC_WAIT_MS) {
        return { kind: 'refused', cause: 'rate_limited', reason: said ?? `${host} asks for a pause of ${Math.round(waitMs / 60_000)} minutes before the next post.`, maybeSent: false };
      }
      return { kind: 'retry', reason: said ?? `${host} asked the reader to slow down.`, waitMs, maybeSent: false, offline: false, afterPostNumber: floor };
    }
    if (status >= 500) {
      // A proxy's 502 can come after the forum has acted on the request: look before trying again.
      const waitMs = response.headers.has('retry-after') ? retryAfterMs(response) : null;
      return { kind: 'retry', reason: `${host} had a problem (${status}${said ? `: ${said}` : ''}).`, waitMs, maybeSent: true, offline: false, afterPostNumber: floor };
    }
    definitelyNotPosted();
    if (status === 401 || status === 403) {
      return { kind: 'refused', cause: 'forbidden', reason: `${host} did not let ${credentials.username} post: ${said ?? `it answered ${status}`}`, maybeSent: false };
    }
    if (status === 404) {
      return { kind: 'refused', cause: 'not_found', reason: `The thread is not on ${host} any more (deleted, or moved where this account cannot see it).`, maybeSent: false };
    }
    if (status >= 400) return { kind: 'refused', cause: 'rejected', reason: said ?? `${host} refused the reply (${status}).`, maybeSent: false };
    return { kind: 'retry', reason: `${host} answered ${status}, which the reader does not expect.`, waitMs: null, maybeSent: true, offline: false, afterPostNumber: floor };
  }

  private sent(request: SendReplyRequest, baseUrl: string, post: DiscoursePost, foundInThread: boolean): SendReplyOutcome {
    const mapped = mapPost(request.forumId, threadIdFor(request.forumId, request.topicId), baseUrl, post);
    this.suspect.delete(request.clientId);
    this.delivered.set(request.clientId, mapped);
    if (this.delivered.size > REMEMBERED) this.delivered.delete(this.delivered.keys().next().value as string);
    return { kind: 'sent', post: mapped, foundInThread };
  }

  /** Turns a failure of the request (or of the look in the thread) into an outcome. */
  private failedBeforeSending(error: unknown, floor: number, maybeSent: boolean): SendReplyOutcome {
    if (!(error instanceof AppError)) throw error;
    switch (error.code) {
      case 'not_found':
        return { kind: 'refused', cause: 'not_found', reason: error.message, maybeSent };
      case 'forbidden':
      case 'login_required':
        return { kind: 'refused', cause: 'forbidden', reason: error.message, maybeSent };
      default:
        return {
          kind: 'retry',
          reason: error.message,
          waitMs: null,
          maybeSent,
          offline: error.code === 'unreachable' || error.code === 'timeout',
          afterPostNumber: floor,
        };
    }
  }

  private notePostNumber(topicKey: string, postNumber: number): void {
    this.seenPostNumber.set(topicKey, Math.max(postNumber, this.seenPostNumber.get(topicKey) ?? 0));
  }
}
