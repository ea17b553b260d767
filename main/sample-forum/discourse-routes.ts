// Maps Discourse API requests onto the store. Each answer names its Discourse controller/action
// because real servers send that in X-Discourse-Route, which the reader may use to recognise them.
import { createHash } from 'node:crypto';
import {
  aboutJson,
  basicInfoJson,
  CHUNK_SIZE,
  categoriesJson,
  latestPostsJson,
  PER_PAGE,
  pendingPostJson,
  postJson,
  siteJson,
  topicListJson,
  topicPostsJson,
  topicViewJson,
  type Viewer,
} from './discourse-json';
import type { ForumCategory, ForumPost, ForumTopic, ForumUser } from './forum-records';
import type { ForumStore } from './forum-store';
import { createReply, createTopic, TITLE_TOO_SHORT } from './posting-rules';
import { parseRequestBody, type Params } from './request-body';
import type { ApiKey } from './sample-account';

export interface ApiRequest {
  method: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface ApiResponse {
  status: number;
  route: string;
  contentType: string;
  body: string | Buffer;
  headers?: Record<string, string>;
  /** Authenticated username, echoed in X-Discourse-Username as Discourse does. */
  username?: string;
}

export interface RouteContext {
  store: ForumStore;
  apiKey: ApiKey;
  baseUrl: string;
  /** Results of API-key POSTs by request signature (see createPost). */
  postMemo: Map<string, { expiresAt: number; response: ApiResponse }>;
}

export const NOT_FOUND_BODY = {
  errors: ['The requested URL or resource could not be found.'],
  error_type: 'not_found',
};

/** The answer for any request; POST /posts.json also commits the reply before answering. */
export function handleApiRequest(ctx: RouteContext, request: ApiRequest): ApiResponse {
  const auth = authenticate(ctx, request);
  if ('response' in auth) return auth.response;
  const viewer: Viewer = { user: auth.user };
  const withUser = (response: ApiResponse): ApiResponse =>
    auth.user ? { ...response, username: auth.user.username } : response;

  const { pathname } = request.url;
  if (request.method === 'GET' || request.method === 'HEAD') {
    const image = imageRoute(ctx.store, pathname);
    if (image) return image;
  }
  const wantsJson = pathname.endsWith('.json') || String(request.headers['accept'] ?? '').includes('application/json');
  const path = pathname.replace(/\.json$/, '').replace(/\/+$/, '') || '/';

  const match = matchRoute(ctx, request.method, path, request.url.searchParams);
  if (!match) return withUser(notFound());
  if (!wantsJson && request.method !== 'POST') return withUser(htmlShell(ctx.store, match.route));
  return withUser(match.run(viewer, request));
}

interface RouteMatch {
  route: string;
  run: (viewer: Viewer, request: ApiRequest) => ApiResponse;
}

function matchRoute(ctx: RouteContext, method: string, path: string, query: URLSearchParams): RouteMatch | null {
  const { store } = ctx;
  const get = method === 'GET' || method === 'HEAD';
  const route = (name: string, run: RouteMatch['run']): RouteMatch => ({ route: name, run });
  const ok = (name: string, body: unknown): RouteMatch => route(name, () => json(200, name, body));

  if (get && path === '/site/basic-info') return ok('site/basic_info', basicInfoJson(store, ctx.baseUrl));
  if (get && path === '/site') return ok('site/site', siteJson(store));
  if (get && path === '/about') return ok('about/index', aboutJson(store));
  if (get && path === '/categories') return route('categories/index', (viewer) => json(200, 'categories/index', categoriesJson(store, viewer)));
  if (get && (path === '/latest' || path === '/')) {
    return route('list/latest', (viewer) => topicList(store, viewer, null, '/latest', query, 'list/latest'));
  }
  if (get && path.startsWith('/c/')) return categoryRoute(store, path, query);

  let m: RegExpExecArray | null;
  if (get && (m = /^\/t\/(\d+)\/posts$/.exec(path))) {
    const topic = store.liveTopic(Number(m[1]));
    return topic ? route('topics/posts', (viewer) => topicPosts(store, topic, viewer, query)) : null;
  }
  if (get && (m = /^\/t\/([^/]+)(?:\/([^/]+))?(?:\/(\d+))?$/.exec(path))) {
    const found = findTopic(store, m[1] as string, m[2], m[3]);
    if (!found) return null;
    return route('topics/show', (viewer) => {
      return json(200, 'topics/show', topicViewJson(store, found.topic, { viewer, start: pageStart(found.topic, found.postNumber, query) }));
    });
  }
  if (get && (m = /^\/posts\/(\d+)$/.exec(path))) {
    const post = store.livePost(Number(m[1]));
    return post ? route('posts/show', (viewer) => json(200, 'posts/show', postJson(store, post, { viewer, includeRaw: true }))) : null;
  }
  if (get && path === '/posts') {
    const before = Number.parseInt(query.get('before') ?? '', 10);
    return route('posts/latest', (viewer) => json(200, 'posts/latest', latestPostsJson(store, Number.isFinite(before) ? before : null, viewer)));
  }
  if (method === 'POST' && path === '/posts') return route('posts/create', (viewer, request) => createPost(ctx, viewer, request));
  return null;
}

// ---- auth ----

function authenticate(ctx: RouteContext, request: ApiRequest): { user: ForumUser | null } | { response: ApiResponse } {
  const header = (name: string): string | undefined => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const apiKey = header('api-key');
  const apiUsername = header('api-username');
  const userApiKey = header('user-api-key');
  if (apiKey === undefined && userApiKey === undefined) return { user: null };

  // The sample key is a single-user key: Api-Username may be omitted but must not name anyone else.
  const valid =
    apiKey !== undefined
      ? apiKey === ctx.apiKey.key && (apiUsername === undefined || apiUsername.toLowerCase() === ctx.apiKey.username.toLowerCase())
      : userApiKey === ctx.apiKey.key;
  const user = valid ? ctx.store.userByUsername(ctx.apiKey.username) : undefined;
  if (!user) {
    return {
      response: json(403, 'exceptions/invalid_access', {
        errors: ['You are not permitted to view the requested resource. The API username or key is invalid.'],
        error_type: 'invalid_access',
      }),
    };
  }
  return { user };
}

// ---- lists ----

function categoryRoute(store: ForumStore, path: string, query: URLSearchParams): RouteMatch | null {
  // /c/{slug}/{id}, /c/{parent}/{child}/{id}, /c/{id}, each optionally + /l/latest; also /c/{slug}/l/latest.
  const m = /^\/c\/(.+?)(\/l\/latest)?$/.exec(path);
  if (!m) return null;
  const segments = (m[1] as string).split('/');
  const last = segments[segments.length - 1] as string;
  let category: ForumCategory | undefined;
  if (/^\d+$/.test(last)) category = store.categories.get(Number(last));
  else category = [...store.categories.values()].find((c) => c.slug === last);
  if (!category) return null;
  const viaLatest = m[2] !== undefined;
  const name = viaLatest ? 'list/category_latest' : 'list/category_default';
  const base = `${categoryPath(store, category)}${viaLatest ? '/l/latest' : ''}`;
  const found = category;
  return { route: name, run: (viewer) => topicList(store, viewer, found.id, base, query, name) };
}

function categoryPath(store: ForumStore, category: ForumCategory): string {
  const parent = category.parentCategoryId === null ? undefined : store.categories.get(category.parentCategoryId);
  return parent ? `/c/${parent.slug}/${category.slug}/${category.id}` : `/c/${category.slug}/${category.id}`;
}

function topicList(
  store: ForumStore,
  viewer: Viewer,
  categoryId: number | null,
  basePath: string,
  query: URLSearchParams,
  route: string,
): ApiResponse {
  const page = Math.max(0, Number.parseInt(query.get('page') ?? '0', 10) || 0);
  const requestedPerPage = Number.parseInt(query.get('per_page') ?? '', 10);
  const perPage = requestedPerPage >= 1 && requestedPerPage <= 100 ? requestedPerPage : PER_PAGE;
  const topics = store.listTopics(categoryId).slice(page * perPage, (page + 1) * perPage);
  // Modern Discourse links the next page without .json; clients must add it or send Accept.
  const next = new URLSearchParams({ page: String(page + 1) });
  if (perPage !== PER_PAGE) next.set('per_page', String(perPage));
  return json(200, route, topicListJson(store, topics, { viewer, perPage, moreTopicsUrl: `${basePath}?${next}` }));
}

// ---- topics ----

function findTopic(
  store: ForumStore,
  first: string,
  second: string | undefined,
  third: string | undefined,
): { topic: ForumTopic; postNumber: number | null } | null {
  const isNumber = (s: string | undefined): s is string => s !== undefined && /^\d+$/.test(s);
  // /t/{slug}/{id}[/{post_number}]: the slug is decoration, the id decides.
  if (isNumber(second)) {
    const topic = store.liveTopic(Number(second));
    if (topic) return { topic, postNumber: isNumber(third) ? Number(third) : null };
  }
  // /t/{id}[/{post_number}]
  if (isNumber(first) && third === undefined) {
    const topic = store.liveTopic(Number(first));
    if (topic) return { topic, postNumber: isNumber(second) ? Number(second) : null };
  }
  return null;
}

/** ?page=N selects chunk N; a post number in the path selects the chunk around that post. */
function pageStart(topic: ForumTopic, postNumber: number | null, query: URLSearchParams): number {
  if (postNumber !== null) {
    const index = topic.posts.findIndex((p) => p.postNumber >= postNumber);
    // core:topic_view.rb filter_posts_near keeps a quarter of a chunk before the target.
    return Math.max(0, (index === -1 ? topic.posts.length - 1 : index) - Math.floor(CHUNK_SIZE / 4));
  }
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  return (page - 1) * CHUNK_SIZE;
}

function topicPosts(store: ForumStore, topic: ForumTopic, viewer: Viewer, query: URLSearchParams): ApiResponse {
  const includeRaw = query.get('include_raw') === 'true';
  const ids = [...query.getAll('post_ids[]'), ...query.getAll('post_ids')].map(Number).filter(Number.isInteger);
  let posts: ForumPost[];
  if (ids.length > 0) {
    const wanted = new Set(ids);
    posts = topic.posts.filter((p) => wanted.has(p.id));
  } else if (query.has('post_number')) {
    const postNumber = Number(query.get('post_number'));
    const asc = query.get('asc');
    if (asc === 'true') {
      posts = topic.posts.filter((p) => p.postNumber > postNumber).slice(0, CHUNK_SIZE);
    } else if (asc === 'false') {
      posts = topic.posts.filter((p) => p.postNumber < postNumber).slice(-CHUNK_SIZE);
    } else {
      const index = Math.max(0, topic.posts.findIndex((p) => p.postNumber >= postNumber));
      const start = Math.max(0, index - Math.floor(CHUNK_SIZE / 4));
      posts = topic.posts.slice(start, start + CHUNK_SIZE);
    }
  } else {
    posts = topic.posts.slice(0, CHUNK_SIZE);
  }
  return json(200, 'topics/posts', topicPostsJson(store, topic, posts, { viewer, includeRaw }));
}

// ---- posting ----

const MEMO_MS = 120_000;

function createPost(ctx: RouteContext, viewer: Viewer, request: ApiRequest): ApiResponse {
  const route = 'posts/create';
  const user = viewer.user;
  if (!user) {
    return json(403, route, { errors: ['You need to be logged in to do that.'], error_type: 'not_logged_in' });
  }
  const params = parseRequestBody(headerValue(request.headers['content-type']), request.body);
  if (!params) {
    return json(400, route, { errors: ['The request body could not be parsed.'], error_type: 'invalid_parameters' });
  }
  if (params['raw'] === undefined) {
    return json(400, route, { errors: ['param is missing or the value is empty: raw'], error_type: 'invalid_parameters' });
  }

  // core:posts_controller#create memoizes API-key posts for 120 s by their parameters, so a
  // retried request returns the first result instead of posting twice. User API keys are not
  // memoized.
  if (request.headers['api-key'] === undefined) return performCreate(ctx, user, params);
  const signature = createHash('sha1')
    .update(JSON.stringify([...Object.entries(params)].sort(([a], [b]) => a.localeCompare(b)).concat([['user', String(user.id)]])))
    .digest('hex');
  const now = ctx.store.now().getTime();
  for (const [key, entry] of ctx.postMemo) if (entry.expiresAt <= now) ctx.postMemo.delete(key);
  const memoized = ctx.postMemo.get(signature);
  if (memoized) return memoized.response;
  const response = performCreate(ctx, user, params);
  ctx.postMemo.set(signature, { expiresAt: now + MEMO_MS, response });
  return response;
}

function performCreate(ctx: RouteContext, user: ForumUser, params: Params): ApiResponse {
  const { store } = ctx;
  const route = 'posts/create';
  const viewer: Viewer = { user };
  const raw = params['raw'] ?? '';
  const nested = params['nested_post'] === 'true';
  const created = (post: ForumPost): ApiResponse => {
    const body = { ...postJson(store, post, { viewer, includeRaw: true }), draft_sequence: 0 };
    return json(200, route, nested ? { action: 'create_post', post: body, success: true } : body);
  };
  const rejected = (status: number, errors: string[]): ApiResponse =>
    status === 404 ? json(404, route, NOT_FOUND_BODY) : json(status, route, { action: 'create_post', errors });

  const topicId = params['topic_id'];
  if (topicId === undefined || topicId === '') {
    const title = params['title'];
    if (title === undefined) return rejected(422, [TITLE_TOO_SHORT]);
    const outcome = createTopic(store, {
      title,
      categoryId: Number(params['category'] ?? params['category_id']),
      username: user.username,
      raw,
    });
    return outcome.kind === 'created' ? created(outcome.post) : rejected(outcome.status, outcome.errors);
  }

  const replyTo = Number.parseInt(params['reply_to_post_number'] ?? '', 10);
  const outcome = createReply(store, {
    topicId: Number(topicId),
    username: user.username,
    raw,
    replyToPostNumber: Number.isInteger(replyTo) ? replyTo : null,
  });
  switch (outcome.kind) {
    case 'created':
      return created(outcome.post);
    case 'rejected':
      return rejected(outcome.status, outcome.errors);
    case 'enqueued':
      return json(200, route, {
        action: 'enqueued',
        pending_post: pendingPostJson(store, outcome.pending),
        pending_count: store.pendingPosts.filter((p) => p.userId === user.id).length,
        success: true,
      });
  }
}

// ---- plumbing ----

function json(status: number, route: string, body: unknown): ApiResponse {
  return { status, route, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
}

export function notFound(): ApiResponse {
  return json(404, 'exceptions/not_found', NOT_FOUND_BODY);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

// What a browser gets from the same URL: Discourse's Ember shell. The reader should never need it.
function htmlShell(store: ForumStore, route: string): ApiResponse {
  const title = store.site.title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return {
    status: 200,
    route,
    contentType: 'text/html; charset=utf-8',
    body:
      `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
      `<meta name="generator" content="Discourse 3.4.0 - https://github.com/discourse/discourse"></head>` +
      `<body><noscript>This sample forum speaks the Discourse JSON API; add .json to the URL.</noscript></body></html>\n`,
  };
}

// A 1×1 grey PNG for every avatar and site image, so image caching has something to fetch.
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==',
  'base64',
);
/** UploadsController sends a year's public, immutable caching: an upload's address names its bytes. */
const ASSET_CACHING = 'max-age=31556952, public, immutable';

/** Discourse's asset paths (ApplicationController#is_asset_path): counted by their own rate limit. */
export function isAssetPath(pathname: string): boolean {
  return /^\/(user_avatar|letter_avatar_proxy|images|uploads)\//.test(pathname);
}

function imageRoute(store: ForumStore, pathname: string): ApiResponse | null {
  if (pathname.startsWith('/uploads/')) return uploadRoute(store, pathname);
  if (!isAssetPath(pathname) || !pathname.endsWith('.png')) return null;
  const route = pathname.startsWith('/user_avatar/') ? 'user_avatars/show' : pathname.startsWith('/letter_avatar_proxy/') ? 'user_avatars/show_proxy_letter' : 'static/show';
  return { status: 200, route, contentType: 'image/png', body: PIXEL, headers: { 'cache-control': ASSET_CACHING } };
}

function uploadRoute(store: ForumStore, pathname: string): ApiResponse {
  const target = store.uploads.shortUrlTarget(pathname);
  if (target) {
    return { status: 302, route: 'uploads/show_short', contentType: 'text/html; charset=utf-8', body: `<html><body>You are being <a href="${target}">redirected</a>.</body></html>`, headers: { location: target } };
  }
  const file = store.uploads.file(pathname);
  if (!file) {
    return { status: 404, route: 'uploads/show', contentType: 'text/html; charset=utf-8', body: '<!DOCTYPE html><html><body><h1>Oops! That page doesn’t exist or is private.</h1></body></html>\n' };
  }
  const disposition = file.attachmentName ? `attachment; filename="${file.attachmentName}"` : 'inline';
  return {
    status: 200,
    route: 'uploads/show',
    contentType: file.contentType,
    body: file.bytes,
    headers: { 'cache-control': ASSET_CACHING, 'last-modified': file.lastModified, 'content-disposition': disposition },
  };
}
