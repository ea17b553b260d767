// ForumSource for Discourse's JSON API. Endpoints and shapes follow Discourse's own sources
// (see the README's "Discourse API" notes); every response is validated before it is mapped.
import * as v from 'valibot';
import { AppError } from '../../../shared/api';
import { boardIdFor, postIdFor, threadIdFor, type Board, type Post, type Thread } from '../../../shared/model';
import type { AskOptions, ForumSource, LatestPostsPage, ThreadPage, ThreadWithPostIds } from '../forum-source';
import { BODY_LIMITS } from '../body-limits';
import type { PoliteHttp, RequestBudget, RequestStats } from '../polite-http';
import {
  LatestPostSchema,
  LatestPostsSchema,
  ListedTopicSchema,
  PostIdsSchema,
  SiteSchema,
  TopicListSchema,
  TopicPostsSchema,
  TopicSchema,
  type DiscoursePost,
  type TopicFields,
} from './discourse-schemas';

export interface DiscourseSourceOptions {
  http: PoliteHttp;
  baseUrl: string;
  forumId: string;
  budget: RequestBudget | null;
  signal?: AbortSignal;
  stats?: RequestStats;
  /** Fewer retries than the HTTP layer's default, for callers a person is waiting on. */
  retries?: number;
  /** What this forum taught about request length; kept by the caller from run to run. */
  idsPerRequest?: IdsPerRequest;
}

/**
 * Post ids per /t/{id}/posts.json request. Discourse itself sets no cap (TopicView's
 * filter_posts_by_ids is `Post.where(id: post_ids, topic_id: …)`); the request line is the limit,
 * and nginx's default 8 KB header buffer answers 414 beyond it. 200 ids of ten digits make a
 * line of about 4.6 KB. A forum that refuses (414, or 400 from a stricter proxy) gets half as
 * many, down to Discourse's own chunk of 20, and is remembered at that size.
 */
export interface IdsPerRequest {
  value: number;
}
export const FIRST_IDS_PER_REQUEST = 200;
// Discourse's chunk size for /t/{id}/posts.json (lib/topic_view.rb: chunk_size 20).
export const MIN_IDS_PER_REQUEST = 20;

export function createDiscourseSource(options: DiscourseSourceOptions): ForumSource {
  const { forumId } = options;
  const base = options.baseUrl.replace(/\/+$/, '');

  const getJson = <S extends v.GenericSchema>(path: string, schema: S, what: string, maxBodyBytes: number, ask: AskOptions = {}) =>
    fetchDiscourseJson({ ...options, ...ask }, `${base}${path}`, schema, what, maxBodyBytes);
  const idsPerRequest = options.idsPerRequest ?? { value: FIRST_IDS_PER_REQUEST };
  const listPage = async (path: string, what: string, boardId: string): Promise<ThreadPage> => {
    const list = await getJson(jsonPath(path), TopicListSchema, what, BODY_LIMITS.topicList);
    const usernames = new Map((list.users ?? []).map((user) => [user.id, user.username]));
    const threads = list.topic_list.topics.map((topic) => mapListedTopic(forumId, topic, usernames, boardId));
    return { threads, nextPage: list.topic_list.more_topics_url ?? null };
  };
  const postsByIdOnce = async (threadRemoteId: number, postIds: number[], ask: AskOptions) => {
    const query = postIds.map((id) => `post_ids[]=${id}`).join('&');
    const url = `${base}/t/${threadRemoteId}/posts.json?${query}`;
    const answer = await fetchDiscourseJson({ ...options, ...ask }, url, TopicPostsSchema, `topic ${threadRemoteId}`, BODY_LIMITS.postsByIds, { tooLongStatuses: true });
    const threadId = threadIdFor(forumId, threadRemoteId);
    return answer.post_stream.posts.map((post) => mapPost(forumId, threadId, base, post));
  };

  const mapFeedPost = (post: v.InferOutput<typeof LatestPostSchema>): Post | null => {
    try {
      return mapPost(forumId, threadIdFor(forumId, post.topic_id), base, post);
    } catch {
      return null; // A date that does not parse: the thread's own pass reports it.
    }
  };

  return {
    async listBoards() {
      const site = await getJson('/site.json', SiteSchema, 'site', BODY_LIMITS.site);
      return site.categories.map((category, index): Board => ({
        id: boardIdFor(forumId, category.id),
        forumId,
        remoteId: category.id,
        name: category.name,
        slug: category.slug,
        description: category.description_text ?? stripTags(category.description ?? ''),
        position: category.position ?? index,
        parentId: category.parent_category_id == null ? null : boardIdFor(forumId, category.parent_category_id),
        threadCount: category.topic_count ?? 0,
      }));
    },

    listThreads(board, page) {
      return listPage(page ?? `/c/${encodeURIComponent(board.slug)}/${board.remoteId}.json`, `category ${board.slug}`, board.boardId);
    },

    // core:list_controller#latest, TopicQuery: 30 a page, bumped_at descending, pinned first on page 0.
    listLatest(page) {
      return listPage(page ?? '/latest.json', 'the latest topics', boardIdFor(forumId, 0));
    },

    // core:topics_controller#show with a post number: TopicView#filter_posts_near, the chunk from a
    // quarter of it before that post; the stream is the same.
    async getThread(remoteId, ask, near): Promise<ThreadWithPostIds> {
      const path = near === undefined ? `/t/${remoteId}.json` : `/t/${remoteId}/${near}.json`;
      const topic = await getJson(path, TopicSchema, `topic ${remoteId}`, BODY_LIMITS.topicPage, ask);
      // Its stream decides which stored posts are gone: another topic's would delete them all.
      if (topic.id !== remoteId) throw new AppError('bad_response', `topic ${remoteId}: the forum answered with topic ${topic.id} (${path}); nothing of it was stored.`);
      const threadId = threadIdFor(forumId, topic.id);
      const firstPost = topic.post_stream.posts.find((post) => post.post_number === 1);
      const thread = mapTopic(forumId, topic, boardIdFor(forumId, topic.category_id ?? 0), topic.details?.created_by?.username ?? firstPost?.username ?? '');
      return {
        thread,
        postIds: topic.post_stream.stream ?? null,
        posts: topic.post_stream.posts.map((post) => mapPost(forumId, threadId, base, post)),
      };
    },

    idsPerRequest: () => idsPerRequest.value,

    async getPostsById(threadRemoteId, postIds, ask = {}) {
      const posts: Post[] = [];
      for (let i = 0; i < postIds.length; ) {
        const ids = postIds.slice(i, i + idsPerRequest.value);
        try {
          posts.push(...(await postsByIdOnce(threadRemoteId, ids, ask)));
          i += ids.length;
        } catch (error) {
          if (!(error instanceof RequestTooLongError) || ids.length <= MIN_IDS_PER_REQUEST) throw error;
          idsPerRequest.value = Math.max(MIN_IDS_PER_REQUEST, Math.floor(ids.length / 2));
        }
      }
      return posts;
    },

    async getPostsAfter(threadRemoteId, postNumber, ask) {
      const path = `/t/${threadRemoteId}/posts.json?post_number=${postNumber}&asc=true`;
      const answer = await getJson(path, TopicPostsSchema, `topic ${threadRemoteId}`, BODY_LIMITS.topicPage, ask);
      const threadId = threadIdFor(forumId, threadRemoteId);
      return answer.post_stream.posts
        .filter((post) => post.post_number > postNumber)
        .map((post) => mapPost(forumId, threadId, base, post));
    },

    // core:posts_controller#latest, LatestPostsQuery#public_posts: 50 public, visible, regular
    // posts a page, newest id first, below `before`.
    latestPosts: {
      pageSize: 50,
      async page(before) {
        const answer = await getJson(before === null ? '/posts.json' : `/posts.json?before=${before}`, LatestPostsSchema, 'the latest posts', BODY_LIMITS.latestPosts);
        // Servers before LatestPostsQuery took `before` inclusively (`posts.id <= ?`): the post at
        // the boundary comes again and is dropped, so the walk goes down on either kind.
        const page: LatestPostsPage = { posts: [], unreadable: [], before: null };
        for (const [index, item] of answer.latest_posts.entries()) {
          const ids = v.safeParse(PostIdsSchema, item);
          if (!ids.success) throw new AppError('bad_response', `the latest posts: latest_posts[${index}]: ${describeIssue(ids.issues[0])}`);
          const { id, topic_id: topicId } = ids.output;
          if (before !== null && id >= before) continue;
          page.before = Math.min(page.before ?? id, id);
          const post = v.safeParse(LatestPostSchema, item);
          const mapped = post.success ? mapFeedPost(post.output) : null;
          if (mapped) page.posts.push({ threadRemoteId: topicId, post: mapped });
          else page.unreadable.push(topicId);
        }
        return page;
      },
    },
  };
}

type JsonFetchOptions = Pick<DiscourseSourceOptions, 'http' | 'budget' | 'signal' | 'stats' | 'retries'> & AskOptions;

/** The forum (or a proxy before it) refused a request line as too long: ask for less. */
class RequestTooLongError extends AppError {
  constructor(what: string, status: number) {
    super('invalid_request', `The forum refused the request for ${what} as too long (${status}), even at ${MIN_IDS_PER_REQUEST} posts a request.`);
  }
}

/** GETs a Discourse URL and validates its JSON, turning every way it can go wrong into an AppError. */
export async function fetchDiscourseJson<S extends v.GenericSchema>(
  options: JsonFetchOptions,
  url: string,
  schema: S,
  what: string,
  maxBodyBytes: number,
  refusals: { tooLongStatuses?: boolean } = {},
): Promise<v.InferOutput<S>> {
  return (await fetchDiscourseAnswer(options, url, schema, what, maxBodyBytes, refusals)).value;
}

/** fetchDiscourseJson, with the address the answer came from after redirects. */
export async function fetchDiscourseAnswer<S extends v.GenericSchema>(
  options: JsonFetchOptions,
  url: string,
  schema: S,
  what: string,
  maxBodyBytes: number,
  refusals: { tooLongStatuses?: boolean } = {},
): Promise<{ value: v.InferOutput<S>; url: string }> {
  const { http, ...get } = options;
  const response = await http.get(url, { ...get, maxBodyBytes });
  // nginx answers 414 past its header buffer; some proxies and Rails answer 400 instead.
  if (refusals.tooLongStatuses && (response.status === 414 || response.status === 400)) throw new RequestTooLongError(what, response.status);
  if (response.status === 404) throw new AppError('not_found', `${what} was not found on the forum.`);
  if (response.status === 403 || response.status === 401) {
    throw new AppError('login_required', `The forum wants a login to show ${what}.`);
  }
  if (response.status !== 200) throw new AppError('server_error', `The forum answered ${response.status} for ${what}.`);
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch {
    throw new AppError('bad_response', `${what}: the forum's answer is not JSON (${response.text.length} bytes, starting "${response.text.slice(0, 40)}").`);
  }
  const parsed = v.safeParse(schema, json);
  if (!parsed.success) throw new AppError('bad_response', `${what}: ${describeIssue(parsed.issues[0])}`);
  return { value: parsed.output, url: response.url };
}

function describeIssue(issue: v.BaseIssue<unknown> | undefined): string {
  if (!issue) return 'unexpected shape';
  const path = (issue.path ?? []).map((item) => (typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`)).join('').replace(/^\./, '');
  return `${path || 'response'}: expected ${issue.expected ?? 'something else'}, got ${issue.received}`;
}

/** Pagination URLs come back without `.json`; the JSON variant of the same path is asked for. */
export function jsonPath(path: string): string {
  const [pathname = '', query] = path.split('?', 2);
  const withJson = pathname.endsWith('.json') ? pathname : `${pathname}.json`;
  return query === undefined ? withJson : `${withJson}?${query}`;
}

function mapListedTopic(
  forumId: string,
  topic: v.InferOutput<typeof ListedTopicSchema>,
  usernames: Map<number, string>,
  boardId: string,
): Thread {
  const original = topic.posters?.find((poster) => poster.description?.includes('Original Poster')) ?? topic.posters?.[0];
  return mapTopic(forumId, topic, topic.category_id == null ? boardId : boardIdFor(forumId, topic.category_id), (original && usernames.get(original.user_id)) ?? '');
}

/** A topic as a thread, from the fields a list entry and a topic's own page share. */
function mapTopic(forumId: string, topic: TopicFields, boardId: string, authorUsername: string): Thread {
  return {
    id: threadIdFor(forumId, topic.id),
    forumId,
    boardId,
    remoteId: topic.id,
    title: topic.title,
    slug: topic.slug,
    authorUsername,
    createdAt: isoDate(topic.created_at),
    lastPostedAt: isoDate(topic.last_posted_at ?? topic.created_at),
    bumpedAt: isoDate(topic.bumped_at ?? topic.last_posted_at ?? topic.created_at),
    postsCount: topic.posts_count,
    highestPostNumber: topic.highest_post_number,
    pinned: topic.pinned ?? false,
    closed: topic.closed ?? false,
  };
}

export function mapPost(forumId: string, threadId: string, base: string, post: DiscoursePost): Post {
  return {
    id: postIdFor(forumId, post.id),
    forumId,
    threadId,
    remoteId: post.id,
    postNumber: post.post_number,
    username: post.username,
    displayName: post.name || post.username,
    avatarUrl: post.avatar_template ? resolveAvatar(base, post.avatar_template) : null,
    createdAt: isoDate(post.created_at),
    updatedAt: isoDate(post.updated_at ?? post.created_at),
    version: post.version ?? 1,
    html: post.cooked,
    bodyFormat: 'html',
    replyToPostNumber: post.reply_to_post_number ?? null,
    hidden: post.hidden ?? false,
    deleted: post.deleted_at != null || (post.user_deleted ?? false),
  };
}

/** Avatar templates may be site-relative, protocol-relative or absolute, and contain `{size}`. */
export function resolveAvatar(base: string, template: string): string {
  const sized = template.replace('{size}', '96');
  return new URL(sized, `${base}/`).href;
}

function isoDate(value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new AppError('bad_response', `"${value}" is not a date.`);
  return new Date(time).toISOString();
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, '').trim();
}

