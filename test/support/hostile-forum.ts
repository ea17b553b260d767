// A Discourse-shaped forum that attacks its reader: gzip bombs, endless bodies, redirects to
// another origin, a topic claiming ten million posts, odd post numbers. A real node:http server on
// 127.0.0.1 (port 0); it records every request it gets, headers and body, so tests can see what
// reached it. It speaks only as much of the API as the reader asks for.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export type HostileTopic =
  | { kind: 'plain'; id: number; posts: number }
  /** /t/{id}.json is a gzip body of about `inflatedMb` KB that inflates to `inflatedMb` MB of zeros. */
  | { kind: 'gzip-bomb'; id: number; inflatedMb: number }
  /** /t/{id}.json never ends. */
  | { kind: 'endless'; id: number }
  /** A mega topic (no stream of ids) that claims `claimed` posts and makes up any page asked for. */
  | { kind: 'claims-millions'; id: number; claimed: number }
  /** One page of posts numbered as given, ids 1000, 1001, … */
  | { kind: 'numbered'; id: number; numbers: number[] };

export interface HostileForumOptions {
  topics?: HostileTopic[];
  /** `endless`: /site.json never ends (a 50 MB site.json and worse). */
  site?: 'plain' | 'endless';
  /** Every request whose path starts with one of these answers 307 to the same path on `redirectTo`. */
  redirect?: { paths: string[]; to: string };
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface HostileForum {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const CREATED_AT = '2026-01-02T03:04:05.000Z';
const CHUNK = 20;
/** One gzip member of 1 MB of zeros (about 1 KB); members back to back are one valid gzip body. */
const ZEROS_MEMBER = gzipSync(Buffer.alloc(1024 * 1024));

export async function startHostileForum(options: HostileForumOptions = {}): Promise<HostileForum> {
  const topics = new Map((options.topics ?? []).map((topic) => [topic.id, topic]));
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const redirect = options.redirect;
      if (redirect && redirect.paths.some((prefix) => path.startsWith(prefix))) {
        res.writeHead(307, { location: `${redirect.to}${path}` });
        res.end();
        return;
      }
      route(req.method ?? 'GET', new URL(path, 'http://forum'), res);
    });
  });

  const route = (method: string, url: URL, res: ServerResponse) => {
    const path = url.pathname;
    if (path === '/site/basic-info.json') return json(res, { title: 'Hostile Forum', description: 'Sends what a forum should not.', login_required: false });
    if (path === '/site.json') {
      if (options.site === 'endless') return endless(res, '{"categories":[', '{"id":1,"name":"General","slug":"general"},');
      return json(res, { categories: [{ id: 1, name: 'General', slug: 'general', position: 0, topic_count: topics.size }] });
    }
    if (path === '/posts.json' && method === 'POST') return json(res, postJson(1, 9999, 2));
    // /t/{id}.json, /t/{id}/{post_number}.json (answered with the same first chunk) and /t/{id}/posts.json.
    const topicMatch = /^\/t\/(\d+)(\/posts|\/\d+)?\.json$/.exec(path);
    const topic = topicMatch ? topics.get(Number(topicMatch[1])) : undefined;
    if (!topicMatch || !topic) return json(res, { errors: ['Not found'] }, 404);
    if (topicMatch[2] === '/posts') return json(res, { post_stream: { posts: postsPage(topic, url.searchParams) } });
    switch (topic.kind) {
      case 'gzip-bomb':
        return gzipBomb(res, topic.inflatedMb);
      case 'endless':
        return endless(res, '{"id":1,"title":"', 'A'.repeat(64 * 1024));
      default:
        return json(res, topicJson(topic));
    }
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function json(res: ServerResponse, body: unknown, status = 200) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function gzipBomb(res: ServerResponse, inflatedMb: number) {
  res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': ZEROS_MEMBER.length * inflatedMb });
  let sent = 0;
  const more = () => {
    while (sent < inflatedMb && !res.destroyed) {
      sent++;
      if (!res.write(ZEROS_MEMBER)) return void res.once('drain', more);
    }
    if (!res.destroyed) res.end();
  };
  more();
}

/** Writes `head`, then `item` over and over until the reader hangs up. */
function endless(res: ServerResponse, head: string, item: string) {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write(head);
  const more = () => {
    while (!res.destroyed) {
      if (!res.write(item)) return void res.once('drain', more);
    }
  };
  res.on('close', () => res.removeAllListeners('drain'));
  more();
}

function postJson(postNumber: number, id: number, topicId: number) {
  return {
    id,
    post_number: postNumber,
    username: `poster${postNumber % 7}`,
    name: null,
    avatar_template: null,
    created_at: CREATED_AT,
    updated_at: CREATED_AT,
    cooked: `<p>Post ${postNumber} of topic ${topicId}.</p>`,
    topic_id: topicId,
  };
}

/** Post ids of a plain topic: topic 7's posts are 7001, 7002, … */
const plainPostId = (topicId: number, postNumber: number) => topicId * 1000 + postNumber;
/** Post ids of a mega topic leave room for its claimed millions. */
const megaPostId = (topicId: number, postNumber: number) => topicId * 100_000_000 + postNumber;

function topicJson(topic: Extract<HostileTopic, { kind: 'plain' | 'claims-millions' | 'numbered' }>) {
  const common = { id: topic.id, title: `Topic ${topic.id} (${topic.kind})`, slug: `topic-${topic.id}`, created_at: CREATED_AT, last_posted_at: CREATED_AT, bumped_at: CREATED_AT, category_id: 1 };
  if (topic.kind === 'plain') {
    const numbers = Array.from({ length: topic.posts }, (_, i) => i + 1);
    return {
      ...common,
      posts_count: topic.posts,
      highest_post_number: topic.posts,
      post_stream: { posts: numbers.slice(0, CHUNK).map((n) => postJson(n, plainPostId(topic.id, n), topic.id)), stream: numbers.map((n) => plainPostId(topic.id, n)) },
    };
  }
  if (topic.kind === 'claims-millions') {
    // Discourse sends no stream for a mega topic; the reader pages by post number.
    const first = Array.from({ length: CHUNK }, (_, i) => postJson(i + 1, megaPostId(topic.id, i + 1), topic.id));
    return { ...common, posts_count: topic.claimed, highest_post_number: topic.claimed, post_stream: { posts: first } };
  }
  const posts = topic.numbers.map((n, i) => postJson(n, 1000 + i, topic.id));
  return { ...common, posts_count: posts.length, highest_post_number: Math.max(...topic.numbers), post_stream: { posts, stream: posts.map((post) => post.id) } };
}

function postsPage(topic: HostileTopic, query: URLSearchParams) {
  if (topic.kind === 'plain') {
    return query.getAll('post_ids[]').map((id) => postJson(Number(id) - topic.id * 1000, Number(id), topic.id));
  }
  if (topic.kind === 'claims-millions') {
    const after = Number(query.get('post_number') ?? 0);
    const count = Math.max(0, Math.min(CHUNK, topic.claimed - after));
    return Array.from({ length: count }, (_, i) => postJson(after + i + 1, megaPostId(topic.id, after + i + 1), topic.id));
  }
  return [];
}
