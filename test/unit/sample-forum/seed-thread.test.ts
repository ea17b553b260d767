import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSeedDir, loadSeedForum, parseSeedThread } from '../../../main/sample-forum/seed-thread';
import { startSampleForum, type SampleForum } from '../../../main/sample-forum/server';
import { getJson } from './forum-http';

const seedText = readFileSync(join(defaultSeedDir(), 'the-red-shoes-favourite-scenes.txt'), 'utf8');
const SIGNATURE = 'It is my business to protect your majesty.... against all things.';

describe('the seed thread', () => {
  const thread = parseSeedThread(seedText);

  it('parses into a breadcrumb, a title and 18 posts', () => {
    expect(thread.breadcrumb).toEqual(['MovieChat Forums', 'The Red Shoes (1948) Discussion', 'What are your favourite scenes?']);
    expect(thread.title).toBe('What are your favourite scenes?');
    expect(thread.posts).toHaveLength(18);
  });

  it('keeps the exact text: breadcrumb, title and posts reassemble into the file with only blank lines between', () => {
    let cursor = 0;
    const expectNext = (piece: string): void => {
      const at = seedText.indexOf(piece, cursor);
      expect(at).toBeGreaterThanOrEqual(cursor);
      expect(seedText.slice(cursor, at)).toMatch(/^\n*$/);
      cursor = at + piece.length;
    };
    expectNext(thread.breadcrumb.join(' > '));
    expectNext(thread.title);
    for (const post of thread.posts) expectNext(post);
    expect(seedText.slice(cursor)).toMatch(/^\n*$/);
  });

  it('gives the original poster every post that ends with their signature, and post 4 to Steve C', () => {
    const store = loadSeedForum();
    const topic = store.topics.get(1377)!;
    const authorOf = (n: number) => store.users.get(topic.posts[n - 1]!.userId)!;
    const signed = topic.posts.filter((p) => p.raw.trimEnd().replace(/"$/, '').endsWith(SIGNATURE.replace(/"$/, '')));
    expect(signed.map((p) => p.postNumber)).toEqual([1, 5, 8, 11, 15]);
    expect(new Set(signed.map((p) => p.userId)).size).toBe(1);
    expect(signed[0]!.userId).toBe(topic.userId);
    expect(authorOf(4)).toMatchObject({ username: 'steve_c', name: 'Steve C' });
    for (const n of [9, 10, 12]) expect(authorOf(n).id).not.toBe(topic.userId);
  });

  it('dates the posts in ascending order between 2015 and 2019', () => {
    const dates = loadSeedForum().topics.get(1377)!.posts.map((p) => p.createdAt);
    expect([...dates].sort()).toEqual(dates);
    expect(dates[0]! >= '2015').toBe(true);
    expect(dates[17]! < '2020').toBe(true);
  });
});

describe('the seed forum over HTTP', () => {
  // Started here like every sample-forum suite's: each suite picks its own lifecycle and options.
  let forum: SampleForum;
  beforeAll(async () => {
    forum = await startSampleForum({ dataDir: null });
  });
  afterAll(() => forum.close());

  it('serves one category with the one thread', async () => {
    const { body } = await getJson(forum, '/categories.json');
    expect(body.category_list.categories).toHaveLength(1);
    expect(body.category_list.categories[0]).toMatchObject({ name: 'The Red Shoes (1948)', slug: 'the-red-shoes-1948', topic_count: 1, post_count: 18 });
    const list = await getJson(forum, `/c/the-red-shoes-1948/${body.category_list.categories[0].id}.json`);
    expect(list.body.topic_list.topics.map((t: { title: string }) => t.title)).toEqual(['What are your favourite scenes?']);
  });

  it('returns every post raw exactly as in the seed file, plus the pictures posted in it as paragraphs of their own', async () => {
    const thread = parseSeedThread(seedText);
    const topic = await getJson(forum, '/t/1377.json');
    const raws = await Promise.all(
      (topic.body.post_stream.stream as number[]).map(async (id) => (await getJson(forum, `/posts/${id}.json`)).body.raw as string),
    );
    const picture = /\n\n!\[[^\]\n]*\]\(upload:\/\/[0-9A-Za-z]+\.(?:jpeg|png|gif)\)/g;
    expect(raws.map((raw) => raw.replace(picture, ''))).toEqual(thread.posts);
    expect(raws.map((raw) => raw.match(picture)?.length ?? 0)).toEqual([1, 0, 1, 0, 0, 0, 2, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0]);
  });

  it('keeps every word of every post in the cooked HTML, typeset as Discourse does', async () => {
    const { body } = await getJson(forum, '/t/1377.json');
    const decode = (html: string) =>
      html.replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    // Discourse's typographer: three dots or more make an ellipsis, quotation marks curl.
    const straighten = (text: string) => text.replace(/\.{3,}/g, '…').replace(/[“”]/g, '"').replace(/[‘’]/g, "'");
    parseSeedThread(seedText).posts.forEach((raw, index) => {
      const text = straighten(decode(body.post_stream.posts[index].cooked as string));
      for (const word of raw.split(/\s+/).filter(Boolean)) expect(text).toContain(straighten(word));
    });
  });

  it('cooks the ASCII art of post 12 as preformatted text and its << >> as text', async () => {
    const { body } = await getJson(forum, '/t/1377.json');
    const cooked = body.post_stream.posts[11].cooked as string;
    expect(cooked).toContain('<p>&lt;&lt; The Red Shoes ballet sequence &gt;&gt; is impressive');
    expect(cooked).toContain('<pre><code>------- __@\n----- _`\\&lt;,_\n---- (*)/ (*)------- ----__@');
    expect(cooked).toMatch(/nec spe,nec metu<\/code><\/pre>$/);
  });
});
