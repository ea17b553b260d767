// The pictures of one run, with a stand-in transport: how many bytes wait for the renderer, what
// happens when it takes none, a host that asks the reader to slow down and one that does not exist.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SyncImage } from '../../../shared/api';
import type { FetchedBytes } from '../../../main/sources/fetch-following';
import type { PoliteHttp } from '../../../main/sources/polite-http';
import { ImageKeeper } from '../../../main/sync/image-keeper';

const PNG = readFileSync(new URL('../../fixtures/images/red-shoes.png', import.meta.url));
const GIF = readFileSync(new URL('../../fixtures/images/red-shoes.gif', import.meta.url));
const FORUM = 'https://forum.example.org';

const answer = (url: string, status: number, body: Buffer): FetchedBytes => ({ url, status, headers: new Headers(), text: async () => '', bytes: async () => body });

function keeper(respond: (url: string) => FetchedBytes, options: { maxHeldBytes?: number; takeTimeoutMs?: number; concurrency?: number } = {}) {
  const fetched: string[] = [];
  const events: SyncImage[] = [];
  const http: PoliteHttp = {
    get: () => Promise.reject(new Error('not used')),
    send: () => Promise.reject(new Error('not used')),
    fetchBytes: async (url) => (fetched.push(url), respond(url)),
  };
  const images = new ImageKeeper({
    runId: 'run-1',
    forumId: 'forum.example.org',
    forumUrl: FORUM,
    http,
    budget: null,
    signal: new AbortController().signal,
    emit: (image) => events.push(image),
    userAgent: 'test',
    takeTimeoutMs: options.takeTimeoutMs ?? 60_000,
    ...(options.maxHeldBytes !== undefined && { maxHeldBytes: options.maxHeldBytes }),
    ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
  });
  return { images, fetched, events };
}

const post = (n: number, ...srcs: string[]) => ({ id: `p${n}`, threadId: 't1', html: srcs.map((src) => `<img src="${src}" alt="">`).join('') });
const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
};

describe('ImageKeeper', () => {
  it('fetches no more while the bytes held for the renderer are over the cap, and goes on once it takes them', async () => {
    const { images, fetched, events } = keeper((url) => answer(url, 200, url.endsWith('.png') ? PNG : GIF), { maxHeldBytes: 1, concurrency: 1 });
    images.postsCommitted([post(1, '/a.png'), post(2, '/b.gif')]);
    await until(() => events.length >= 1);
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(fetched).toHaveLength(1);
    const first = events[0]!.outcome;
    expect(first.kept && first.held).toBe(true);
    if (!first.kept) throw new Error('expected a kept picture');
    const drained = images.drain();
    expect(images.take(first.hash, true)?.equals(PNG)).toBe(true);
    await until(() => events.length === 2);
    const second = events[1]!.outcome;
    if (!second.kept) throw new Error('expected a kept picture');
    expect(images.take(second.hash, false)).toBeNull();
    expect(await drained).toEqual({ kept: 2, failed: 0, requests: 0 });
    expect(fetched).toHaveLength(2);
  });

  it('gives up on a renderer that takes nothing: the run ends and lets go of the bytes', async () => {
    const { images, events } = keeper((url) => answer(url, 200, PNG), { takeTimeoutMs: 20 });
    images.postsCommitted([post(1, '/a.png')]);
    expect(await images.drain()).toMatchObject({ kept: 1 });
    const outcome = events[0]!.outcome;
    if (!outcome.kept) throw new Error('expected a kept picture');
    expect(images.take(outcome.hash, true)).toBeNull();
  });

  it('asks a host that answered 429 for nothing more in this run, and says why', async () => {
    const { images, fetched, events } = keeper((url) => answer(url, 429, Buffer.from('Slow down')));
    images.postsCommitted([post(1, '/a.png', '/b.png', '/c.png', 'https://cdn.example.net/d.png')]);
    await images.drain();
    // The two workers asked the forum once each at most before the first 429 came back.
    expect(fetched.filter((url) => url.startsWith(FORUM)).length).toBeLessThanOrEqual(2);
    expect(fetched).toContain('https://cdn.example.net/d.png');
    expect(events.map((event) => (event.outcome.kept ? 'kept' : event.outcome.code))).toEqual(['rate_limited', 'rate_limited', 'rate_limited', 'rate_limited']);
    expect(events.some((event) => !event.outcome.kept && /asked the reader to slow down; it will be tried again on the next sync/.test(event.outcome.message))).toBe(true);
  });

  it('asks a host the name server does not know for nothing more in this run', async () => {
    const { images, fetched, events } = keeper((url) => {
      // What main/sources/node-fetch.ts rejects with when Node's lookup answers ENOTFOUND.
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND images.example.invalid'), { code: 'ENOTFOUND' }) });
    });
    const gone = (name: string) => `https://images.example.invalid/${name}.jpg`;
    images.postsCommitted([post(1, gone('a'), gone('b'), gone('c'), gone('d'), gone('e'))]);
    await images.drain();
    // The two workers asked it once each at most before the first answer came back.
    expect(fetched.length).toBeLessThanOrEqual(2);
    expect(events.map((event) => (event.outcome.kept ? 'kept' : event.outcome.code))).toEqual(Array(5).fill('no_such_host'));
  });
});
