// Looks in a thread for a reply an earlier attempt may have posted. Discourse posts carry no client
// id, so a reply is recognised by what only it has: this account's username, its exact raw text
// (whitespace-normalised, as Discourse's PostCreator normalises it), a post number above every
// post that existed before the first attempt, a creation time after that attempt (allowing for
// clock skew), and a post id no other outbox item has already claimed. Discourse itself refuses
// the same body from the same user within minutes (unique_posts_mins), so two live posts that
// match all of these do not happen by accident. An invisible marker in the text was the other
// choice; it was not taken because it is not invisible everywhere (raw view, edit history,
// quotes, other cookers) and it would change what the person wrote.
import * as v from 'valibot';
import { AppError } from '../../../shared/api';
import type { SendReplyRequest } from '../../../shared/replies';
import { DiscoursePostSchema, TopicPostsSchema, TopicSchema } from './discourse-schemas';
import type { PoliteHttp, RequestBudget } from '../polite-http';
import { discourseErrors } from './discourse-errors';
import { BODY_LIMITS } from '../body-limits';

/** How far the forum's clock may run behind ours before a matching post is wrongly ruled out. */
export const CLOCK_SKEW_MS = 10 * 60_000;
/** Discourse's chunk size for /t/{id}/posts.json (lib/topic_view.rb). */
const CHUNK = 20;
/** A check gives up (and is retried later) rather than walk a very busy thread for ever. */
const MAX_CHECK_REQUESTS = 60;

const PostWithRawSchema = v.looseObject({ ...DiscoursePostSchema.entries, raw: v.nullish(v.string()) });
export type PostWithRaw = v.InferOutput<typeof PostWithRawSchema>;
const PostsWithRawSchema = v.looseObject({
  ...TopicPostsSchema.entries,
  post_stream: v.looseObject({ posts: v.array(PostWithRawSchema) }),
});

export interface ThreadLookup {
  http: PoliteHttp;
  baseUrl: string;
  headers: Record<string, string>;
  budget: RequestBudget | null;
}

export interface DiscourseReplySearch {
  /** The reply, when an earlier attempt posted it. */
  post: PostWithRaw | null;
  /** The thread's highest post number when looked at: a later attempt's post will be above it. */
  highestPostNumber: number;
}

export async function findSentReply(lookup: ThreadLookup, request: SendReplyRequest, username: string, floor: number): Promise<DiscourseReplySearch> {
  const topic = await getJson(lookup, `/t/${request.topicId}.json`, TopicSchema, `topic ${request.topicId}`);
  const highestPostNumber = topic.highest_post_number;
  if (highestPostNumber <= floor) return { post: null, highestPostNumber };

  const cutoff = Date.parse(request.firstAttemptAt) - CLOCK_SKEW_MS;
  const wanted = normaliseRaw(request.raw);
  const claimed = new Set(request.claimedPostIds);
  const isOurs = (post: PostWithRaw) =>
    post.post_number > floor &&
    !claimed.has(post.id) &&
    post.username.toLowerCase() === username.toLowerCase() &&
    Date.parse(post.created_at) >= cutoff &&
    post.deleted_at == null &&
    typeof post.raw === 'string' &&
    normaliseRaw(post.raw) === wanted;
  // Older than the first attempt, by number or by time: nothing further back can be ours.
  const isBefore = (post: PostWithRaw) => post.post_number <= floor || Date.parse(post.created_at) < cutoff;

  const matches: PostWithRaw[] = [];
  const stream = topic.post_stream.stream;
  let requests = 0;
  if (stream) {
    for (let end = stream.length; end > 0; end -= CHUNK) {
      if (++requests > MAX_CHECK_REQUESTS) throw tooLong(request.topicId);
      const ids = stream.slice(Math.max(0, end - CHUNK), end);
      const posts = await postsWithRaw(lookup, request.topicId, ids.map((id) => `post_ids[]=${id}`).join('&'));
      matches.push(...posts.filter(isOurs));
      if (posts.length === 0 || posts.some(isBefore)) break;
    }
  } else {
    // A mega topic has no stream: page backwards by post number (post_number + asc=false).
    for (let before = highestPostNumber + 1; before > floor + 1; ) {
      if (++requests > MAX_CHECK_REQUESTS) throw tooLong(request.topicId);
      const posts = await postsWithRaw(lookup, request.topicId, `post_number=${before}&asc=false`);
      matches.push(...posts.filter(isOurs));
      if (posts.length === 0 || posts.some(isBefore)) break;
      before = Math.min(...posts.map((post) => post.post_number));
    }
  }
  matches.sort((a, b) => a.post_number - b.post_number);
  return { post: matches[0] ?? null, highestPostNumber };
}

/** Discourse strips trailing whitespace and normalises odd spaces when it saves raw (PostCreator). */
export function normaliseRaw(raw: string): string {
  return raw.replace(/\s+/gu, ' ').trim();
}

async function postsWithRaw(lookup: ThreadLookup, topicId: number, query: string): Promise<PostWithRaw[]> {
  const answer = await getJson(lookup, `/t/${topicId}/posts.json?include_raw=true&${query}`, PostsWithRawSchema, `topic ${topicId}`);
  return answer.post_stream.posts;
}

function tooLong(topicId: number): AppError {
  return new AppError('server_error', `Topic ${topicId} has too many new posts to look through now; the reader will look again later.`);
}

/** An authenticated GET: a logged-in request also skips Discourse's anonymous cache, which can be a minute stale. */
async function getJson<S extends v.GenericSchema>(lookup: ThreadLookup, path: string, schema: S, what: string): Promise<v.InferOutput<S>> {
  // Both lookups read topic pages.
  const response = await lookup.http.get(`${lookup.baseUrl}${path}`, { budget: lookup.budget, headers: lookup.headers, maxBodyBytes: BODY_LIMITS.topicPage });
  if (response.status === 404) throw new AppError('not_found', `${what} is not on the forum any more (deleted, or where this account cannot see it).`);
  if (response.status === 401 || response.status === 403) {
    throw new AppError('forbidden', `The forum refused this account for ${what}: ${discourseErrors(response.text) ?? `it answered ${response.status}`}.`);
  }
  if (response.status === 429) throw new AppError('rate_limited', `The forum asked the reader to slow down while it looked at ${what}.`);
  if (response.status !== 200) throw new AppError('server_error', `The forum answered ${response.status} for ${what}.`);
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch {
    throw new AppError('bad_response', `${what}: the forum's answer is not JSON.`);
  }
  const parsed = v.safeParse(schema, json);
  if (!parsed.success) throw new AppError('bad_response', `${what}: ${parsed.issues[0]?.message ?? 'unexpected shape'}`);
  return parsed.output;
}
