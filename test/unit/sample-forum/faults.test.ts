import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFaults, FaultDice } from '../../../main/sample-forum/faults';
import { startSampleForum, type SampleForum } from '../../../main/sample-forum/server';
import { authHeaders, getJson } from './forum-http';

describe('fault injection', () => {
  // A fresh forum per test (unlike the read-only suites, which share one): these tests switch faults on.
  let forum: SampleForum;
  beforeEach(async () => {
    forum = await startSampleForum({ dataDir: null });
  });
  afterEach(() => forum.close());

  it('is off by default', async () => {
    const statuses = await Promise.all(Array.from({ length: 20 }, async () => (await fetch(`${forum.url}/latest.json`)).status));
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(forum.requestLog.every((r) => r.fault === undefined)).toBe(true);
  });

  it('delays responses by latencyMs', async () => {
    forum.faults.latencyMs = 40;
    const started = performance.now();
    await fetch(`${forum.url}/latest.json`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('answers 500, 502 or 503 at serverErrorRate', async () => {
    forum.faults.serverErrorRate = 1;
    const statuses = new Set<number>();
    for (let i = 0; i < 30; i += 1) statuses.add((await fetch(`${forum.url}/latest.json`)).status);
    expect([...statuses].sort()).toEqual([500, 502, 503]);
    expect(forum.requestLog.every((r) => r.fault === 'server-error')).toBe(true);
  });

  it('rate limits both ways: the global limiter in text with Retry-After, the controller limiter in JSON without', async () => {
    Object.assign(forum.faults, { rateLimitRate: 1, retryAfterSeconds: 7 });
    const responses = await Promise.all(Array.from({ length: 16 }, () => fetch(`${forum.url}/latest.json`)));
    const global = responses.filter((r) => r.headers.get('content-type')?.startsWith('text/plain'));
    const controller = responses.filter((r) => r.headers.get('content-type')?.startsWith('application/json'));
    expect(global.length).toBeGreaterThan(0);
    expect(controller.length).toBeGreaterThan(0);
    expect(responses.every((r) => r.status === 429)).toBe(true);

    const text = global[0]!;
    expect(text.headers.get('retry-after')).toBe('7');
    expect(text.headers.get('discourse-rate-limit-error-code')).toBe('ip_10_secs_limit');
    expect(await text.text()).toBe(
      "Slow down, you're making too many requests.\nPlease retry again in 7 seconds.\nError code: ip_10_secs_limit.",
    );
    const json = controller[0]!;
    expect(json.headers.get('retry-after')).toBeNull();
    expect(await json.json()).toMatchObject({ error_type: 'rate_limit', extras: { wait_seconds: 7, time_left: '7 seconds' } });
    await Promise.all(responses.slice(1).map((r) => r.arrayBuffer().catch(() => undefined)));
  });

  it('drops connections without an answer at dropRate', async () => {
    forum.faults.dropRate = 1;
    await expect(fetch(`${forum.url}/latest.json`)).rejects.toThrow();
    expect(forum.requestLog.at(-1)).toMatchObject({ status: 0, fault: 'drop' });
  });

  it('cuts responses off after the headers and half the body at truncateRate', async () => {
    forum.faults.truncateRate = 1;
    const response = await fetch(`${forum.url}/t/1377.json`);
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(1000);
    await expect(response.text()).rejects.toThrow();
    expect(forum.requestLog.at(-1)).toMatchObject({ status: 200, fault: 'truncate' });
  });

  it('commits a reply and then loses the response at loseReplyResponseRate', async () => {
    forum.faults.loseReplyResponseRate = 1;
    const raw = 'This reply is saved even though its answer is lost.';
    await expect(
      fetch(`${forum.url}/posts.json`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...authHeaders(forum) },
        body: JSON.stringify({ topic_id: 1377, raw }),
      }),
    ).rejects.toThrow();
    expect(forum.requestLog.at(-1)).toMatchObject({ method: 'POST', status: 0, fault: 'lose-reply-response' });
    // Reads are not affected by this fault, and show the committed reply.
    const { status, body } = await getJson(forum, '/t/1377.json');
    expect(status).toBe(200);
    expect(body.post_stream.stream.at(-1)).toBe(forum.store.topics.get(1377)!.posts.at(-1)!.id);
    expect(forum.store.topics.get(1377)!.posts.at(-1)!.raw).toBe(raw);
  });

  it('can be switched on and off while the server runs', async () => {
    forum.faults.serverErrorRate = 1;
    expect((await fetch(`${forum.url}/latest.json`)).status).toBeGreaterThanOrEqual(500);
    forum.faults.serverErrorRate = 0;
    expect((await fetch(`${forum.url}/latest.json`)).status).toBe(200);
  });

  it('starts with faults given as options', async () => {
    const faulty = await startSampleForum({ dataDir: null, faults: { serverErrorRate: 1 } });
    try {
      expect((await fetch(`${faulty.url}/latest.json`)).status).toBeGreaterThanOrEqual(500);
    } finally {
      await faulty.close();
    }
  });
});

describe('the fault schedule', () => {
  it('replays identically for the same seed and differs for another', () => {
    const schedule = (seed: number) => {
      const dice = new FaultDice(createFaults({ serverErrorRate: 0.3, rateLimitRate: 0.2, dropRate: 0.1, seed }));
      return Array.from({ length: 200 }, () => JSON.stringify(dice.early()));
    };
    expect(schedule(42)).toEqual(schedule(42));
    expect(schedule(42)).not.toEqual(schedule(43));
  });

  it('restarts from the new seed when the seed is changed', () => {
    const faults = createFaults({ serverErrorRate: 0.5, seed: 1 });
    const dice = new FaultDice(faults);
    Array.from({ length: 10 }, () => dice.early());
    faults.seed = 9;
    const after = Array.from({ length: 50 }, () => JSON.stringify(dice.early()));
    const fresh = new FaultDice(createFaults({ serverErrorRate: 0.5, seed: 9 }));
    expect(after).toEqual(Array.from({ length: 50 }, () => JSON.stringify(fresh.early())));
  });
});
