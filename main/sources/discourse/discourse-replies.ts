// Posting a reply to Discourse and looking for one an earlier attempt may have posted, answered in
// the engine-neutral terms of forum-source.ts; the outbox decides what to do with them.
import * as v from 'valibot';
import { threadIdFor, type Post } from '../../../shared/model';
import type { SendReplyRequest } from '../../../shared/replies';
import type { Credentials } from '../../accounts/account-store';
import { LONGEST_AUTOMATIC_WAIT_MS, type ReplyAttempt, type SentReplySearch } from '../forum-source';
import { retryAfterMs, type HttpResponse, type PoliteHttp, type RequestBudget } from '../polite-http';
import { authHeaders } from './discourse-accounts';
import { discourseErrors } from './discourse-errors';
import { DiscoursePostSchema, type DiscoursePost } from './discourse-schemas';
import { mapPost } from './discourse-source';
import { findSentReply } from './find-sent-reply';

export interface ReplyTarget {
  http: PoliteHttp;
  forumId: string;
  /** Without a trailing slash. */
  baseUrl: string;
  budget: RequestBudget | null;
}

// POST /posts.json answers 200 with the post at the root, or with `{ action, post }` when
// nested_post is set, or `{ action: "enqueued", pending_post }` (core: posts_controller#create).
const CreatedSchema = v.union([
  v.looseObject({ action: v.literal('enqueued'), pending_post: v.nullish(v.looseObject({ id: v.number() })) }),
  v.looseObject({ post: DiscoursePostSchema }),
  DiscoursePostSchema,
]);

/** One POST. A failure of the request itself throws (it may have gone out: the caller looks first). */
export async function postDiscourseReply(target: ReplyTarget, request: SendReplyRequest, account: Credentials): Promise<ReplyAttempt> {
  const response = await target.http.send(
    `${target.baseUrl}/posts.json`,
    {
      method: 'POST',
      headers: { ...authHeaders(account), 'Content-Type': 'application/json' },
      body: JSON.stringify({ topic_id: request.topicId, raw: request.raw, ...(request.replyToPostNumber !== null && { reply_to_post_number: request.replyToPostNumber }) }),
    },
    { budget: target.budget },
  );
  return classify(target, request, account, response);
}

function classify(target: ReplyTarget, request: SendReplyRequest, account: Credentials, response: HttpResponse): ReplyAttempt {
  const { status } = response;
  const host = new URL(target.baseUrl).host;
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
      return { kind: 'retry', reason: `${host} answered, but not in a way the reader understands; it will look in the thread before trying again.`, waitMs: null, maybeSent: true, offline: false };
    }
    if ('action' in body && body.action === 'enqueued') {
      const pending = body.pending_post as { id: number } | null | undefined;
      return { kind: 'enqueued', pendingPostId: pending?.id ?? null };
    }
    const post = 'post' in body ? (body.post as DiscoursePost) : (body as DiscoursePost);
    return { kind: 'posted', post: mapReply(target, request, post) };
  }
  if (status === 429) {
    const waitMs = retryAfterMs(response);
    if (waitMs > LONGEST_AUTOMATIC_WAIT_MS) {
      return { kind: 'refused', cause: 'rate_limited', reason: said ?? `${host} asks for a pause of ${Math.round(waitMs / 60_000)} minutes before the next post.` };
    }
    return { kind: 'retry', reason: said ?? `${host} asked the reader to slow down.`, waitMs, maybeSent: false, offline: false };
  }
  if (status >= 500) {
    // A proxy's 502 can come after the forum has acted on the request: look before trying again.
    const waitMs = response.headers.has('retry-after') ? retryAfterMs(response) : null;
    return { kind: 'retry', reason: `${host} had a problem (${status}${said ? `: ${said}` : ''}).`, waitMs, maybeSent: true, offline: false };
  }
  if (status === 401 || status === 403) {
    return { kind: 'refused', cause: 'forbidden', reason: `${host} did not let ${account.username} post: ${said ?? `it answered ${status}`}` };
  }
  if (status === 404) {
    return { kind: 'refused', cause: 'not_found', reason: `The thread is not on ${host} any more (deleted, or moved where this account cannot see it).` };
  }
  if (status >= 400) return { kind: 'refused', cause: 'rejected', reason: said ?? `${host} refused the reply (${status}).` };
  return { kind: 'retry', reason: `${host} answered ${status}, which the reader does not expect.`, waitMs: null, maybeSent: true, offline: false };
}

export async function findDiscourseReply(target: ReplyTarget, request: SendReplyRequest, account: Credentials, floor: number): Promise<SentReplySearch> {
  const lookup = { http: target.http, baseUrl: target.baseUrl, headers: authHeaders(account), budget: target.budget };
  const search = await findSentReply(lookup, request, account.username, floor);
  return { post: search.post && mapReply(target, request, search.post), highestPostNumber: search.highestPostNumber };
}

function mapReply(target: ReplyTarget, request: SendReplyRequest, post: DiscoursePost): Post {
  return mapPost(target.forumId, threadIdFor(target.forumId, request.topicId), target.baseUrl, post);
}
