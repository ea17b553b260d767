import { describe, expect, it } from 'vitest';
import { cookMarkdown } from '../../../shared/cook-markdown';
import type { ForumStore } from '../../../main/sample-forum/forum-store';
import { generateForum } from '../../../main/sample-forum/generate-forum';
import { readImageHeader } from '../../../shared/images/image-header';

function fingerprint(store: ForumStore): string {
  const topics = [...store.topics.values()].map((t) => [t.id, t.title, t.createdAt, t.pinned, t.closed, t.posts.map((p) => [p.id, p.postNumber, p.userId, p.createdAt, p.raw])]);
  return JSON.stringify([store.site, [...store.users.values()], [...store.categories.values()], topics]);
}

describe('generateForum', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const options = { boards: 3, threadsPerBoard: 8, postsPerThread: 12 };
    expect(fingerprint(generateForum({ ...options, seed: 4 }))).toBe(fingerprint(generateForum({ ...options, seed: 4 })));
    expect(fingerprint(generateForum({ ...options, seed: 4 }))).not.toBe(fingerprint(generateForum({ ...options, seed: 5 })));
  });

  it('builds the requested shape, with postsPerThread as a function of the thread index', () => {
    const store = generateForum({ boards: 2, threadsPerBoard: 3, postsPerThread: (i) => i + 1, seed: 1 });
    expect(store.categories.size).toBe(2);
    expect([...store.topics.values()].map((t) => t.posts.length).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('interleaves post ids across topics in creation order and leaves gaps', () => {
    const store = generateForum({ boards: 2, threadsPerBoard: 10, postsPerThread: 30, seed: 2 });
    const all = [...store.posts.values()].sort((a, b) => a.id - b.id);
    const dates = all.map((p) => p.createdAt);
    expect(dates).toEqual([...dates].sort());
    const topicRuns = all.filter((p, i) => i > 0 && p.topicId !== all[i - 1]!.topicId).length;
    expect(topicRuns).toBeGreaterThan(store.topics.size);
    expect(all.some((p, i) => i > 0 && p.id - all[i - 1]!.id > 1)).toBe(true);
    for (const topic of store.topics.values()) {
      const numbers = topic.posts.map((p) => p.postNumber);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(topic.highestPostNumber).toBe(numbers.at(-1));
    }
  });

  it('writes realistic cooked HTML that matches its raw', () => {
    const store = generateForum({ boards: 2, threadsPerBoard: 20, postsPerThread: 40, seed: 3 });
    const posts = [...store.posts.values()];
    const share = (pattern: RegExp) => posts.filter((p) => pattern.test(p.cooked)).length;
    expect(share(/<aside class="quote no-group" data-username="[^"]+" data-post="\d+" data-topic="\d+">/)).toBeGreaterThan(0);
    expect(share(/<img src="https:\/\/images\.example\.invalid\/[^"]+" alt="[^"]*">/)).toBeGreaterThan(0);
    expect(share(/<a class="mention" href="\/u\/[^"]+">@/)).toBeGreaterThan(0);
    expect(share(/<pre><code class="lang-auto">/)).toBeGreaterThan(0);
    expect(share(/<a href="https:/)).toBeGreaterThan(0);
    for (const post of posts.slice(0, 500)) expect(post.cooked).toBe(cookMarkdown(post.raw));
    const quoting = posts.find((p) => p.raw.startsWith('[quote='))!;
    const [, name, number, topic] = /\[quote="([^,]+), post:(\d+), topic:(\d+)"\]/.exec(quoting.raw)!;
    const quoted = store.topics.get(Number(topic))!.posts.find((p) => p.postNumber === Number(number))!;
    expect(store.users.get(quoted.userId)!.username).toBe(name);
    expect(quoting.replyToPostNumber).toBe(Number(number));
  });

  it('with pictureEvery, shows an uploaded picture of its own in one post of every so many, and no hotlinked ones', () => {
    const store = generateForum({ boards: 2, threadsPerBoard: 5, postsPerThread: 20, seed: 3, pictureEvery: 20 });
    const posts = [...store.posts.values()];
    const showing = posts.filter((post) => post.cooked.includes('<div class="lightbox-wrapper">'));
    expect(showing).toHaveLength(posts.length / 20);
    expect(posts.some((post) => post.cooked.includes('images.example.invalid'))).toBe(false);
    expect(store.uploads.size).toBe(posts.length / 20);
    for (const post of showing) {
      const path = /href="(\/uploads\/default\/original\/1X\/[0-9a-f]{40}\.png)"/.exec(post.cooked)![1]!;
      const file = store.uploads.file(path);
      expect(readImageHeader(file!.bytes)).toMatchObject({ ok: true, header: { type: 'png', width: 480, height: 270 } });
      expect(post.raw).toMatch(/!\[[^\]]+\|480x270\]\(upload:\/\/\w+\.png\)$/);
    }
  });

  it('supports one very long thread among ordinary ones', () => {
    const store = generateForum({ boards: 1, threadsPerBoard: 3, postsPerThread: (i) => (i === 0 ? 10_000 : 5), seed: 9 });
    const lengths = [...store.topics.values()].map((t) => t.posts.length).sort((a, b) => b - a);
    expect(lengths).toEqual([10_000, 5, 5]);
  });

  it('generates 100,000 posts over 2,000 threads', () => {
    const store = generateForum({ boards: 20, threadsPerBoard: 100, postsPerThread: 50, seed: 1 });
    expect(store.topics.size).toBe(2000);
    expect(store.posts.size).toBe(100_000);
  });
});
