import { describe, expect, it } from 'vitest';
import { AppError, DEFAULT_REQUESTS_PER_MINUTE } from '../../../shared/api';
import type { FetchedResponse, FetchInit } from '../../../main/sources/fetch-following';
import { assetBudgetPerMinute, budgetPerMinute, createPoliteHttp, DEFAULT_BUDGET, type HttpOptions } from '../../../main/sources/polite-http';

const URL_A = 'https://forum.example.org/latest.json';

function answer(status: number, body = '{}', headers: Record<string, string> = {}): FetchedResponse {
  return { url: URL_A, status, headers: new Headers(headers), text: async () => body };
}

/** A PoliteHttp whose clock only moves when it sleeps, and whose server answers from a script. */
function scripted(replies: Array<FetchedResponse | Error>, overrides: Partial<HttpOptions> = {}) {
  let clock = 1_000_000;
  const sleeps: number[] = [];
  const requests: Array<{ url: string; init: FetchInit }> = [];
  const http = createPoliteHttp({
    userAgent: 'ForumReader/1.2.3 (offline reader; +https://github.com/forum-reader)',
    fetch: async (url, init) => {
      requests.push({ url, init });
      const next = replies.shift();
      if (!next) throw new Error('the script ran out of replies');
      if (next instanceof Error) throw next;
      return next;
    },
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
      sleeps.push(ms);
      clock += ms;
    },
    now: () => clock,
    random: () => 0.5,
    ...overrides,
  });
  return { http, sleeps, requests, elapsed: () => clock - 1_000_000 };
}

const refused = () => new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });

describe('polite-http', () => {
  it('waits as long as a plain-text 429 says in Retry-After, then asks again', async () => {
    const limiter = answer(429, "Slow down, you're making too many requests.\nPlease retry again in 7 seconds.", {
      'content-type': 'text/plain',
      'retry-after': '7',
      'discourse-rate-limit-error-code': 'ip_10_secs_limit',
    });
    const { http, elapsed, requests } = scripted([limiter, answer(200, '{"ok":true}')]);
    const stats = { requests: 0, serverWaitMs: 0 };
    const response = await http.get(URL_A, { budget: null, stats });
    expect(response.text).toBe('{"ok":true}');
    expect(requests).toHaveLength(2);
    expect(elapsed()).toBe(7_000);
    expect(stats).toEqual({ requests: 2, serverWaitMs: 7_000 });
  });

  it('falls back to the JSON body’s extras.wait_seconds when a 429 has no Retry-After', async () => {
    const body = JSON.stringify({ errors: ['You’ve performed this action too many times.'], error_type: 'rate_limit', extras: { wait_seconds: 12, time_left: '12 seconds' } });
    const { http, elapsed } = scripted([answer(429, body, { 'content-type': 'application/json' }), answer(200)]);
    const stats = { requests: 0, serverWaitMs: 0 };
    await http.get(URL_A, { budget: null, stats });
    expect(elapsed()).toBe(12_000);
    expect(stats.serverWaitMs).toBe(12_000);
  });

  it('gives up with rate_limited when the forum asks for a longer wait than it will honour', async () => {
    const { http, requests } = scripted([answer(429, '', { 'retry-after': '3600' })], { maxRetryAfterMs: 600_000 });
    await expect(http.get(URL_A, { budget: null })).rejects.toMatchObject({ code: 'rate_limited', message: expect.stringContaining('3600 s') });
    expect(requests).toHaveLength(1);
  });

  it('retries 5xx with jittered exponential backoff and returns the answer that came', async () => {
    const { http, sleeps } = scripted([answer(502, '<html>'), answer(503, '<html>'), answer(500), answer(200, 'fine')], {
      backoffBaseMs: 100,
      backoffMaxMs: 10_000,
      random: () => 1,
    });
    expect((await http.get(URL_A, { budget: null })).text).toBe('fine');
    // The ceiling doubles each time; the wait is jittered between half of it and all of it.
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it('jitters each backoff between half the ceiling and the ceiling', async () => {
    const { http, sleeps } = scripted([answer(500), answer(500), answer(200)], { backoffBaseMs: 100, random: () => 0 });
    await http.get(URL_A, { budget: null });
    expect(sleeps).toEqual([50, 100]);
  });

  it('reports a server error after the last retry, naming the host and status', async () => {
    const { http, requests } = scripted([answer(503), answer(503), answer(503)], { retries: 2 });
    await expect(http.get(URL_A, { budget: null })).rejects.toMatchObject({ code: 'server_error', message: expect.stringContaining('forum.example.org answered 503') });
    expect(requests).toHaveLength(3);
  });

  it('retries network errors and names them when they persist', async () => {
    const { http } = scripted([refused(), refused()], { retries: 1 });
    await expect(http.get(URL_A, { budget: null })).rejects.toMatchObject({ code: 'unreachable', message: 'Could not reach forum.example.org (connection refused).' });
  });

  it('a request that does not answer in time fails as a timeout', async () => {
    const http = createPoliteHttp({
      userAgent: 'test',
      timeoutMs: 30,
      retries: 0,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    });
    await expect(http.get(URL_A, { budget: null })).rejects.toMatchObject({ code: 'timeout', message: 'forum.example.org did not answer within 0.03 s.' });
  });

  it('sends a User-Agent that names the program and does not look like a crawler', async () => {
    const { http, requests } = scripted([answer(200)]);
    await http.get(URL_A, { budget: null });
    const agent = requests[0]?.init.headers?.['User-Agent'] ?? '';
    expect(agent).toMatch(/^ForumReader\/\d/);
    expect(agent).not.toMatch(/bot|crawl|spider|slurp/i);
    expect(requests[0]?.init.headers?.['Accept']).toBe('application/json');
  });

  it('keeps to the request budget, spread evenly over its window: 3 per 10 s go 3.3 s apart', async () => {
    const replies = Array.from({ length: 4 }, () => answer(200));
    const { http, sleeps, elapsed } = scripted(replies);
    const budget = { requests: 3, perMs: 10_000 };
    for (let i = 0; i < 4; i++) await http.get(URL_A, { budget });
    expect(sleeps).toHaveLength(3);
    for (const ms of sleeps) expect(ms).toBeCloseTo(10_000 / 3, 3);
    // The fourth goes 10 s after the first: never more than 3 in any 10 s.
    expect(elapsed()).toBeCloseTo(10_000, 3);
  });

  it('the default budget stays inside Discourse’s anonymous limits of 50 per 10 s and 200 per minute with a margin, and uses most of the minute’s', () => {
    expect(DEFAULT_BUDGET.requests * (10_000 / DEFAULT_BUDGET.perMs)).toBeLessThanOrEqual(40);
    expect(DEFAULT_BUDGET.requests * (60_000 / DEFAULT_BUDGET.perMs)).toBeLessThanOrEqual(180);
    expect(DEFAULT_BUDGET.requests * (60_000 / DEFAULT_BUDGET.perMs)).toBeGreaterThanOrEqual(150);
    expect(budgetPerMinute(180)).toEqual({ requests: 30, perMs: 10_000 });
  });

  it('an urgent request takes the budget’s next slot ahead of requests that waited longer', async () => {
    // A clock that moves only when the test says; sleepers wake in the order they slept.
    let clock = 0;
    const sleepers: Array<{ until: number; wake: () => void }> = [];
    const order: string[] = [];
    const http = createPoliteHttp({
      userAgent: 'ForumReader/1.2.3',
      fetch: async (url) => {
        order.push(new URL(url).pathname);
        return answer(200);
      },
      now: () => clock,
      sleep: (ms) => new Promise<void>((wake) => sleepers.push({ until: clock + ms, wake })),
    });
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    const advance = async (to: number) => {
      clock = to;
      const due = sleepers.filter((sleeper) => sleeper.until <= to);
      sleepers.splice(0, sleepers.length, ...sleepers.filter((sleeper) => sleeper.until > to));
      for (const sleeper of due) sleeper.wake();
      for (let i = 0; i < 5; i++) await settle();
    };
    const budget = { requests: 1, perMs: 300 };
    await http.get('https://forum.example.org/first.json', { budget });
    // Both wait for the one slot; the plain one asked first and wakes first.
    const plain = http.get('https://forum.example.org/plain.json', { budget });
    await settle();
    await advance(100);
    const urgent = http.get('https://forum.example.org/urgent.json', { budget, urgent: true });
    await settle();
    await advance(300);
    await advance(350);
    await advance(600);
    await advance(650);
    await Promise.all([plain, urgent]);
    expect(order).toEqual(['/first.json', '/urgent.json', '/plain.json']);
  });

  it('pictures keep a window of their own, as Discourse counts assets apart: neither budget uses up the other', async () => {
    const { http, sleeps, requests } = scripted([answer(200), answer(200)], {
      fetchBytes: async (url) => ({ url, status: 200, headers: new Headers(), text: async () => '', bytes: async () => Buffer.from('GIF89a') }),
    });
    const text = { requests: 1, perMs: 10_000 };
    const assets = assetBudgetPerMinute(DEFAULT_REQUESTS_PER_MINUTE);
    expect(assets).toEqual({ requests: 100, perMs: 10_000, counter: 'assets' });
    await http.get(URL_A, { budget: text });
    // The text's window is full; a picture goes at once.
    await http.fetchBytes('https://forum.example.org/uploads/default/original/1X/a.gif', {}, { budget: assets });
    expect(sleeps).toEqual([]);
    await http.get(URL_A, { budget: text });
    expect(sleeps).toEqual([10_000]);
    expect(requests).toHaveLength(2);
    // A forum asked to go slower fetches its pictures slower too.
    expect(assetBudgetPerMinute(18)).toEqual({ requests: 10, perMs: 10_000, counter: 'assets' });
  });

  it('a picture (background) waits behind every other request queued for the host’s slots', async () => {
    const order: string[] = [];
    const release: Array<() => void> = [];
    const held = async (url: string) => {
      order.push(new URL(url).pathname);
      await new Promise<void>((resolve) => release.push(resolve));
    };
    const http = createPoliteHttp({
      userAgent: 'test',
      concurrency: 1,
      fetch: async (url) => (await held(url), answer(200)),
      fetchBytes: async (url) => (await held(url), { url, status: 200, headers: new Headers(), text: async () => '', bytes: async () => Buffer.alloc(0) }),
    });
    const first = http.get('https://forum.example.org/first.json', { budget: null });
    await new Promise((resolve) => setImmediate(resolve));
    const picture = http.fetchBytes('https://forum.example.org/uploads/a.png', {}, { budget: null, background: true });
    const text = http.get('https://forum.example.org/t/1.json', { budget: null });
    while (order.length < 3) {
      await new Promise((resolve) => setImmediate(resolve));
      release.splice(0).forEach((go) => go());
    }
    release.splice(0).forEach((go) => go());
    await Promise.all([first, picture, text]);
    expect(order).toEqual(['/first.json', '/t/1.json', '/uploads/a.png']);
  });

  it('has at most four requests in flight to one host, and more to another at the same time', async () => {
    let inFlight = 0;
    let most = 0;
    const release: Array<() => void> = [];
    const http = createPoliteHttp({
      userAgent: 'test',
      fetch: async (url) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise<void>((resolve) => release.push(resolve));
        inFlight--;
        return answer(200, url);
      },
    });
    const all = [
      ...Array.from({ length: 10 }, (_, i) => http.get(`https://a.example.org/t/${i}.json`, { budget: null })),
      http.get('https://b.example.org/latest.json', { budget: null }),
    ];
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(most).toBe(5);
    while (release.length > 0) {
      release.splice(0).forEach((go) => go());
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect((await Promise.all(all)).map((response) => response.text).at(-1)).toBe('https://b.example.org/latest.json');
    expect(most).toBeLessThanOrEqual(5);
  });

  it('stops waiting at once when cancelled during a server-imposed pause', async () => {
    const controller = new AbortController();
    const http = createPoliteHttp({
      userAgent: 'test',
      fetch: async () => answer(429, '', { 'retry-after': '30' }),
    });
    const started = Date.now();
    const pending = http.get(URL_A, { budget: null, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
