import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForumStore } from '../../../main/sample-forum/forum-store';
import { generateForum } from '../../../main/sample-forum/generate-forum';
import { startSampleForum, type SampleForum } from '../../../main/sample-forum/server';
import { authHeaders, getJson, postReply } from './forum-http';
import { sendRawRequest } from '../../support/raw-request';

const ISO_MS_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('site endpoints', () => {
  // Started here like every sample-forum suite's: each suite picks its own lifecycle and options.
  let forum: SampleForum;
  beforeAll(async () => {
    forum = await startSampleForum({ dataDir: null });
  });
  afterAll(() => forum.close());

  it('basic-info has every field of the real schema', async () => {
    const { body } = await getJson(forum, '/site/basic-info.json');
    expect(Object.keys(body).sort()).toEqual(
      [
        'apple_touch_icon_url', 'description', 'favicon_url', 'header_background_color', 'header_primary_color',
        'include_in_discourse_discover', 'locale', 'login_required', 'logo_small_url', 'logo_url', 'mobile_logo_url', 'title',
      ].sort(),
    );
    expect(body).toMatchObject({ title: 'MovieChat Forums', login_required: false });
  });

  it('site.json lists categories flat with parent_category_id, and post_types', async () => {
    const { body } = await getJson(forum, '/site.json');
    expect(body.post_types).toEqual({ regular: 1, moderator_action: 2, small_action: 3, whisper: 4 });
    expect(body.categories[0]).toMatchObject({ slug: 'the-red-shoes-1948', parent_category_id: null });
  });

  it('about.json wraps its fields in "about" and reports a version', async () => {
    const { body } = await getJson(forum, '/about.json');
    expect(body.about).toMatchObject({ title: 'MovieChat Forums', version: expect.any(String) });
  });

  it('answers the .json-less path when asked for JSON, and sends X-Discourse-Route on every response', async () => {
    const viaAccept = await getJson(forum, '/latest', { Accept: 'application/json' });
    expect(viaAccept.body.topic_list.topics).toHaveLength(1);
    expect(viaAccept.headers.get('x-discourse-route')).toBe('list/latest');
    const missing = await getJson(forum, '/no/such/thing.json');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ errors: ['The requested URL or resource could not be found.'], error_type: 'not_found' });
    expect(missing.headers.get('x-discourse-route')).toBeTruthy();
    expect(missing.headers.get('etag')).toBeNull();
  });

  it('serves posts with the real field set and ISO timestamps with milliseconds', async () => {
    const { body } = await getJson(forum, '/t/the-slug-does-not-matter/1377.json');
    const post = body.post_stream.posts[4];
    for (const field of [
      'id', 'name', 'username', 'avatar_template', 'created_at', 'cooked', 'post_number', 'post_type', 'updated_at',
      'reply_count', 'reply_to_post_number', 'quote_count', 'reads', 'score', 'topic_id', 'topic_slug', 'version',
      'hidden', 'deleted_at', 'user_deleted', 'user_id', 'trust_level', 'display_username', 'actions_summary',
    ]) {
      expect(post).toHaveProperty(field);
    }
    expect(post).toMatchObject({ post_number: 5, reply_to_post_number: 4, topic_id: 1377, version: 1, deleted_at: null });
    expect(post.created_at).toMatch(ISO_MS_Z);
    expect(post.avatar_template).toMatch(/^\/.*\{size\}/);
    expect(post).not.toHaveProperty('raw');
  });
});

describe('topic list paging', () => {
  let forum: SampleForum;
  let categoryId: number;
  let pinnedId: number;
  beforeAll(async () => {
    const store = generateForum({ boards: 1, threadsPerBoard: 59, postsPerThread: 2, seed: 11 });
    categoryId = [...store.categories.keys()][0]!;
    // A pinned topic bumped long ago still comes first.
    const old = store.addTopic({
      title: 'An old but pinned topic',
      categoryId,
      username: [...store.users.values()][0]!.username,
      raw: 'pinned since forever',
      createdAt: '2010-01-01T00:00:00.000Z',
      pinned: true,
    });
    pinnedId = old.id;
    forum = await startSampleForum({ dataDir: null, forum: store });
  });
  afterAll(() => forum.close());

  it('puts pinned topics first, then orders by bumped_at descending', async () => {
    const { body } = await getJson(forum, `/c/x/${categoryId}.json`);
    const topics = body.topic_list.topics as { id: number; pinned: boolean; bumped_at: string }[];
    const pinned = topics.filter((t) => t.pinned);
    expect(topics.slice(0, pinned.length)).toEqual(pinned);
    expect(pinned.map((t) => t.id)).toContain(pinnedId);
    const rest = topics.slice(pinned.length).map((t) => t.bumped_at);
    expect(rest).toEqual([...rest].sort().reverse());
  });

  it('sends more_topics_url without .json only on full pages, and following it reaches every topic once', async () => {
    const slug = forum.store.categories.get(categoryId)!.slug;
    const seen: number[] = [];
    const urls: (string | undefined)[] = [];
    let next: string | undefined = `/c/${slug}/${categoryId}`;
    while (next) {
      const { body } = await getJson(forum, next, { Accept: 'application/json' });
      seen.push(...body.topic_list.topics.map((t: { id: number }) => t.id));
      next = body.topic_list.more_topics_url;
      urls.push(next);
      expect(body.topic_list.per_page).toBe(30);
    }
    expect(urls).toEqual([`/c/${slug}/${categoryId}?page=1`, `/c/${slug}/${categoryId}?page=2`, undefined]);
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
  });

  it('stops sending more_topics_url on a short page', async () => {
    forum.store.deletePost(forum.store.topics.get(pinnedId)!.posts[0]!.id);
    const { body } = await getJson(forum, `/c/x/${categoryId}/l/latest.json?page=1`);
    expect(body.topic_list.topics).toHaveLength(29);
    expect(body.topic_list).not.toHaveProperty('more_topics_url');
  });

  it('joins posters to users by user_id', async () => {
    const { body } = await getJson(forum, '/latest.json');
    const userIds = new Set(body.users.map((u: { id: number }) => u.id));
    for (const topic of body.topic_list.topics) {
      for (const poster of topic.posters) expect(userIds.has(poster.user_id)).toBe(true);
    }
  });
});

describe('topics and their post streams', () => {
  let forum: SampleForum;
  let bigTopicId: number;
  let megaTopicId: number;
  beforeAll(async () => {
    const store = generateForum({ boards: 2, threadsPerBoard: 3, postsPerThread: (i) => (i === 0 ? 10_000 : i === 1 ? 95 : 4), seed: 5 });
    const byCount = [...store.topics.values()].sort((a, b) => b.posts.length - a.posts.length);
    megaTopicId = byCount[0]!.id;
    bigTopicId = byCount[1]!.id;
    forum = await startSampleForum({ dataDir: null, forum: store });
  });
  afterAll(() => forum.close());

  it('sends the first chunk of 20 posts and every post id in the stream', async () => {
    const { body } = await getJson(forum, `/t/${bigTopicId}.json`);
    const topic = forum.store.topics.get(bigTopicId)!;
    expect(body.chunk_size).toBe(20);
    expect(body.post_stream.posts).toHaveLength(20);
    expect(body.post_stream.stream).toEqual(topic.posts.map((p) => p.id));
    expect(body.posts_count).toBe(95);
    expect(body.highest_post_number).toBe(topic.highestPostNumber);
  });

  it('fetches the rest by post_ids[] in batches of 20', async () => {
    const { body } = await getJson(forum, `/t/${bigTopicId}.json`);
    const stream = body.post_stream.stream as number[];
    const have = new Set(body.post_stream.posts.map((p: { id: number }) => p.id));
    const missing = stream.filter((id) => !have.has(id));
    for (let i = 0; i < missing.length; i += 20) {
      const batch = missing.slice(i, i + 20);
      const query = batch.map((id) => `post_ids[]=${id}`).join('&');
      const page = await getJson(forum, `/t/${bigTopicId}/posts.json?${query}`);
      expect(page.body.id).toBe(bigTopicId);
      for (const post of page.body.post_stream.posts) have.add(post.id);
    }
    expect(have.size).toBe(stream.length);
  });

  it('omits deleted posts from the stream and post_ids[] answers', async () => {
    const topic = forum.store.topics.get(bigTopicId)!;
    const victim = topic.posts[30]!;
    forum.store.deletePost(victim.id);
    const { body } = await getJson(forum, `/t/${bigTopicId}.json`);
    expect(body.post_stream.stream).not.toContain(victim.id);
    expect(body.posts_count).toBe(94);
    const page = await getJson(forum, `/t/${bigTopicId}/posts.json?post_ids[]=${victim.id}`);
    expect(page.body.post_stream.posts).toEqual([]);
    expect((await getJson(forum, `/posts/${victim.id}.json`)).status).toBe(404);
  });

  it('gives a mega topic no stream but isMegaTopic and lastId, and pages it by post_number', async () => {
    const { body } = await getJson(forum, `/t/${megaTopicId}.json`);
    const topic = forum.store.topics.get(megaTopicId)!;
    expect(body.post_stream).not.toHaveProperty('stream');
    expect(body).not.toHaveProperty('timeline_lookup');
    expect(body.post_stream).toMatchObject({ isMegaTopic: true, lastId: topic.posts.at(-1)!.id });
    expect(body.post_stream.posts).toHaveLength(20);

    const ids: number[] = body.post_stream.posts.map((p: { id: number }) => p.id);
    let after = body.post_stream.posts.at(-1).post_number as number;
    for (;;) {
      const page = await getJson(forum, `/t/${megaTopicId}/posts.json?post_number=${after}&asc=true`);
      const posts = page.body.post_stream.posts as { id: number; post_number: number }[];
      if (posts.length === 0) break;
      expect(posts.length).toBeLessThanOrEqual(20);
      ids.push(...posts.map((p) => p.id));
      after = posts.at(-1)!.post_number;
    }
    expect(ids).toEqual(topic.posts.map((p) => p.id));
    expect(ids.at(-1)).toBe(body.post_stream.lastId);
  });

  it('reads /t/{id}/{post_number}.json as that topic near that post even when the number is another topic id, as Discourse routes it', async () => {
    const topic = forum.store.topics.get(bigTopicId)!;
    const other = [...forum.store.topics.keys()].find((id) => id !== bigTopicId && id <= topic.highestPostNumber)!;
    const { body } = await getJson(forum, `/t/${bigTopicId}/${other}.json`);
    expect(body.id).toBe(bigTopicId);
    expect(body.post_stream.posts.map((p: { post_number: number }) => p.post_number)).toContain(other);
  });

  it('includes raw in /t/{id}/posts.json only when include_raw=true', async () => {
    const id = forum.store.topics.get(bigTopicId)!.posts[0]!.id;
    const without = await getJson(forum, `/t/${bigTopicId}/posts.json?post_ids[]=${id}`);
    const withRaw = await getJson(forum, `/t/${bigTopicId}/posts.json?post_ids[]=${id}&include_raw=true`);
    expect(without.body.post_stream.posts[0]).not.toHaveProperty('raw');
    expect(withRaw.body.post_stream.posts[0].raw).toBe(forum.store.posts.get(id)!.raw);
  });

  it('lists the newest posts forum-wide at /posts.json, 50 a page, below `before` (exclusive, as LatestPostsQuery)', async () => {
    const first = await getJson(forum, '/posts.json');
    const posts = first.body.latest_posts as { id: number }[];
    expect(posts).toHaveLength(50);
    expect(posts.map((p) => p.id)).toEqual([...posts.map((p) => p.id)].sort((a, b) => b - a));
    const before = posts[10]!.id;
    const next = await getJson(forum, `/posts.json?before=${before}`);
    expect(next.body.latest_posts.map((p: { id: number }) => p.id).slice(0, 39)).toEqual(posts.slice(11).map((p) => p.id));
    // The oldest post's page ends the feed.
    const all = [...forum.store.posts.values()].filter((p) => p.deletedAt === null).map((p) => p.id);
    const last = await getJson(forum, `/posts.json?before=${Math.min(...all)}`);
    expect(last.body.latest_posts).toEqual([]);
  });

  it('leaves small actions, hidden and deleted posts out of /posts.json, with the topic title and raw on each post', async () => {
    const topic = forum.store.topics.get(bigTopicId)!;
    const username = forum.store.users.get(topic.userId)!.username;
    const add = (raw: string, postType?: number) => forum.store.addPost({ topicId: topic.id, username, raw, ...(postType !== undefined && { postType }) });
    const regular = add('A regular post that the feed lists.');
    const small = add('closed this topic', 3);
    const hidden = forum.store.hidePost(add('A post hidden by flags.').id);
    const deleted = add('A post deleted soon after.');
    forum.store.deletePost(deleted.id);
    const { body } = await getJson(forum, '/posts.json');
    const ids = (body.latest_posts as Array<{ id: number }>).map((post) => post.id);
    expect(ids).toContain(regular.id);
    for (const left of [small, hidden, deleted]) expect(ids).not.toContain(left.id);
    for (const post of body.latest_posts as Array<Record<string, unknown>>) {
      const stored = forum.store.posts.get(post.id as number)!;
      expect(stored.deletedAt).toBeNull();
      expect(stored.hidden).toBe(false);
      expect(post.post_type).toBe(1);
      expect(post.raw).toBe(stored.raw);
      expect(post.topic_title).toBe(forum.store.topics.get(stored.topicId)!.title);
    }
  });
});

describe('posting replies', () => {
  let forum: SampleForum;
  beforeAll(async () => {
    forum = await startSampleForum({ dataDir: null });
  });
  afterAll(() => forum.close());
  const body = 'A reply long enough to be accepted by the forum.';

  it('creates a reply with Api-Key auth and answers with the post at the root', async () => {
    const { status, body: post } = await postReply(forum, { topic_id: 1377, raw: body, reply_to_post_number: 12 });
    expect(status).toBe(200);
    expect(post).toMatchObject({ topic_id: 1377, post_number: 19, reply_to_post_number: 12, username: forum.apiKey.username, cooked: `<p>${body}</p>` });
    const { body: topic } = await getJson(forum, '/t/1377.json');
    expect(topic.post_stream.stream.at(-1)).toBe(post.id);
  });

  it('accepts a form-encoded body and a User-Api-Key', async () => {
    const response = await fetch(`${forum.url}/posts.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Api-Key': forum.apiKey.key },
      body: new URLSearchParams({ topic_id: '1377', raw: `${body} (form)` }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { raw: string }).raw).toBe(`${body} (form)`);
  });

  it('returns the memoized result when the same Api-Key request is retried', async () => {
    const raw = `${body} (retried)`;
    const first = await postReply(forum, { topic_id: 1377, raw });
    const second = await postReply(forum, { topic_id: 1377, raw });
    expect(second.body.id).toBe(first.body.id);
    expect(forum.store.topics.get(1377)!.posts.filter((p) => p.raw === raw)).toHaveLength(1);
  });

  it('rejects short bodies with 422 and the create_post action', async () => {
    expect(await postReply(forum, { topic_id: 1377, raw: 'too short' })).toEqual({
      status: 422,
      body: { action: 'create_post', errors: ['Body is too short (minimum is 20 characters)'] },
    });
  });

  it('rejects replies to closed topics with 422 and to unknown topics with 404', async () => {
    forum.store.updateTopic(1377, { closed: true });
    const closed = await postReply(forum, { topic_id: 1377, raw: `${body} (closed)` });
    forum.store.updateTopic(1377, { closed: false });
    expect(closed.status).toBe(422);
    expect(closed.body.action).toBe('create_post');
    const unknown = await postReply(forum, { topic_id: 424242, raw: body });
    expect(unknown).toMatchObject({ status: 404, body: { error_type: 'not_found' } });
  });

  it('answers 403 invalid_access for bad credentials, on reads too', async () => {
    const bad = await postReply(forum, { topic_id: 1377, raw: body }, { 'Api-Key': 'nope', 'Api-Username': 'sample_reader' });
    expect(bad).toMatchObject({ status: 403, body: { error_type: 'invalid_access' } });
    const read = await getJson(forum, '/latest.json', { 'User-Api-Key': 'nope' });
    expect(read.status).toBe(403);
    const anonymous = await postReply(forum, { topic_id: 1377, raw: body }, {});
    expect(anonymous.status).toBe(403);
  });

  it('enqueues replies to topics that require approval', async () => {
    forum.store.updateTopic(1377, { requiresApproval: true });
    const before = forum.store.topics.get(1377)!.posts.length;
    const { status, body: result } = await postReply(forum, { topic_id: 1377, raw: `${body} (queued)` });
    forum.store.updateTopic(1377, { requiresApproval: false });
    expect(status).toBe(200);
    expect(result).toMatchObject({ action: 'enqueued', pending_count: 1, success: true, pending_post: { topic_id: 1377, raw_text: `${body} (queued)` } });
    expect(forum.store.topics.get(1377)!.posts).toHaveLength(before);
  });

  it('says who is authenticated in X-Discourse-Username', async () => {
    const { headers } = await getJson(forum, '/latest.json', authHeaders(forum));
    expect(headers.get('x-discourse-username')).toBe(forum.apiKey.username);
  });
});

describe('a custom store', () => {
  it('can be served instead of the seed', async () => {
    const store = new ForumStore({ site: { title: 'Empty', description: '' } });
    const forum = await startSampleForum({ dataDir: null, forum: store });
    try {
      const { body } = await getJson(forum, '/latest.json');
      expect(body.topic_list.topics).toEqual([]);
      expect(body.topic_list).not.toHaveProperty('more_topics_url');
    } finally {
      await forum.close();
    }
  });
});

describe('malformed requests', () => {
  it('answers a request target that is not a URL with 400 and logs no failure', async () => {
    const warnings: string[] = [];
    const forum = await startSampleForum({ dataDir: null, warn: (message) => warnings.push(message) });
    try {
      for (const target of ['//[::1', 'http://[']) expect(await sendRawRequest(forum.url, `GET ${target} HTTP/1.1`), target).toBe(400);
      expect(await sendRawRequest(forum.url, 'GET /t/%E0%A4%A.json HTTP/1.1')).toBe(404);
      expect(warnings).toEqual([]);
      expect(forum.requestLog.map((entry) => entry.status)).toEqual([400, 400, 404]);
    } finally {
      await forum.close();
    }
  });
});
