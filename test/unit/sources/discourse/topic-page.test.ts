import { describe, expect, it } from 'vitest';
import { createDiscourseSource } from '../../../../main/sources/discourse/discourse-source';
import type { PoliteHttp } from '../../../../main/sources/polite-http';

const BASE = 'https://forum.example.org';

function topicPage(id: number) {
  const post = { id: 900, post_number: 21, username: 'ada', created_at: '2024-01-01T00:00:00.000Z', cooked: '<p>hi</p>' };
  return { id, title: `Topic ${id}`, slug: `topic-${id}`, posts_count: 21, highest_post_number: 21, created_at: '2024-01-01T00:00:00.000Z', post_stream: { posts: [post], stream: [900] } };
}

function forumAnswering(id: number) {
  const asked: string[] = [];
  const http: PoliteHttp = {
    async get(url) {
      asked.push(url.slice(BASE.length));
      return { url, status: 200, headers: new Headers(), text: JSON.stringify(topicPage(id)) };
    },
    send: () => Promise.reject(new Error('no posting here')),
    fetchBytes: () => Promise.reject(new Error('no pictures here')),
  };
  return { source: createDiscourseSource({ http, baseUrl: BASE, forumId: 'forum.example.org', budget: null }), asked };
}

describe("Discourse's topic page", () => {
  it('asks for the chunk around a post number at /t/{id}/{post_number}.json', async () => {
    const { source, asked } = forumAnswering(82);
    const topic = await source.getThread(82, {}, 21);
    expect(asked).toEqual(['/t/82/21.json']);
    expect(topic.postIds).toEqual([900]);
  });

  it('refuses an answer about another topic, whose stream would delete the stored posts', async () => {
    const { source } = forumAnswering(32);
    await expect(source.getThread(82, {}, 32)).rejects.toMatchObject({ code: 'bad_response', message: 'topic 82: the forum answered with topic 32 (/t/82/32.json); nothing of it was stored.' });
  });
});
