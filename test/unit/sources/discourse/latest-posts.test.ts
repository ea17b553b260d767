import { describe, expect, it } from 'vitest';
import { createDiscourseSource } from '../../../../main/sources/discourse/discourse-source';
import type { LatestPostsFeed } from '../../../../main/sources/forum-source';
import type { PoliteHttp } from '../../../../main/sources/polite-http';

const BASE = 'https://forum.example.org';

function feedPost(id: number, extra: Record<string, unknown> = {}) {
  return { id, topic_id: 1000 + (id % 7), post_number: id, username: 'ada', created_at: '2024-01-01T00:00:00.000Z', cooked: `<p>${id}</p>`, post_type: 1, ...extra };
}

/** A forum whose /posts.json serves `ids` 50 a page, newest first, below `before` or (older servers) up to it. */
function forumWithFeed(ids: number[], inclusive: boolean, broken: Record<number, Record<string, unknown>> = {}) {
  const asked: string[] = [];
  const http: PoliteHttp = {
    async get(url) {
      asked.push(url.slice(BASE.length));
      const before = Number(new URL(url).searchParams.get('before') ?? Infinity);
      const page = ids
        .filter((id) => (inclusive ? id <= before : id < before))
        .sort((a, b) => b - a)
        .slice(0, 50)
        .map((id) => feedPost(id, broken[id]));
      return { url, status: 200, headers: new Headers(), text: JSON.stringify({ latest_posts: page }) };
    },
    send: () => Promise.reject(new Error('no posting here')),
    fetchBytes: () => Promise.reject(new Error('no pictures here')),
  };
  const source = createDiscourseSource({ http, baseUrl: BASE, forumId: 'forum.example.org', budget: null });
  return { feed: source.latestPosts as LatestPostsFeed, asked };
}

async function walkAll(feed: LatestPostsFeed) {
  const seen: number[] = [];
  for (let before: number | null = null, pages = 0; pages < 100; pages++) {
    const page = await feed.page(before);
    seen.push(...page.posts.map(({ post }) => post.remoteId));
    if (page.before === null) break;
    before = page.before;
  }
  return seen;
}

describe("Discourse's feed of latest posts", () => {
  // Ids with gaps, as deleted posts and private messages leave them.
  const ids = Array.from({ length: 130 }, (_, i) => 5 + i * 3);

  it('walks every post once where `before` is exclusive (LatestPostsQuery)', async () => {
    const { feed, asked } = forumWithFeed(ids, false);
    expect((await walkAll(feed)).sort((a, b) => a - b)).toEqual(ids);
    expect(asked[0]).toBe('/posts.json');
    expect(asked[1]).toBe(`/posts.json?before=${ids.at(-50)}`);
  });

  it('walks every post once where `before` is inclusive (servers before LatestPostsQuery)', async () => {
    const { feed } = forumWithFeed(ids, true);
    const seen = await walkAll(feed);
    expect(seen.sort((a, b) => a - b)).toEqual(ids);
  });

  it('names the thread of a post that does not fit, and goes on with the others', async () => {
    const { feed } = forumWithFeed(ids, false, { [ids.at(-3)!]: { cooked: 42 }, [ids.at(-4)!]: { created_at: 'yesterday' } });
    const page = await feed.page(null);
    expect(page.posts).toHaveLength(48);
    expect(page.unreadable.sort()).toEqual([1000 + (ids.at(-3)! % 7), 1000 + (ids.at(-4)! % 7)].sort());
    expect(page.posts[0]?.post).toMatchObject({ remoteId: ids.at(-1), threadId: `forum.example.org/t/${1000 + (ids.at(-1)! % 7)}` });
  });

  it('refuses a page whose post has no id or topic, saying where', async () => {
    const { feed } = forumWithFeed(ids, false, { [ids.at(-2)!]: { topic_id: 'x' } });
    await expect(feed.page(null)).rejects.toThrow('the latest posts: latest_posts[1]: topic_id: expected number, got "x"');
  });
});
