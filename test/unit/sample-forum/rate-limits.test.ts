import { afterEach, describe, expect, it } from 'vitest';
import { DISCOURSE_DEFAULT_RATE_LIMITS, IpRateLimiter } from '../../../main/sample-forum/rate-limits';
import { startSampleForum, type SampleForum } from '../../../main/sample-forum/server';

describe('the sample forum’s copy of Discourse’s per-IP limits', () => {
  it('admits 50 in 10 s, refuses the 51st until the first is 10 s old, and does not count refusals', () => {
    let now = 0;
    const limiter = new IpRateLimiter(DISCOURSE_DEFAULT_RATE_LIMITS, () => now);
    for (let i = 0; i < 50; i++, now += 100) expect(limiter.admit('203.0.113.5')).toBeNull();
    const refused = limiter.admit('203.0.113.5');
    expect(refused).toMatchObject({ status: 429, headers: { 'retry-after': '5', 'discourse-rate-limit-error-code': 'ip_10_secs_limit' } });
    expect(refused?.body).toBe("Slow down, you're making too many requests.\nPlease retry again in 5 seconds.\nError code: ip_10_secs_limit.\n");
    // Another address has its own windows.
    expect(limiter.admit('203.0.113.6')).toBeNull();
    now = 10_000;
    expect(limiter.admit('203.0.113.5')).toBeNull();
  });

  it('admits 200 in a minute however they are spread, then answers with the minute’s error code', () => {
    let now = 0;
    const limiter = new IpRateLimiter(DISCOURSE_DEFAULT_RATE_LIMITS, () => now);
    // 40 every 10 s stays under the 10-second limit; the minute's runs out after five rounds.
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 40; i++) expect(limiter.admit('198.51.100.1')).toBeNull();
      now += 10_000;
    }
    expect(limiter.admit('198.51.100.1')).toMatchObject({ status: 429, headers: { 'retry-after': '10', 'discourse-rate-limit-error-code': 'ip_60_secs_limit' } });
  });

  describe('over HTTP', () => {
    let forum: SampleForum;
    afterEach(async () => {
      await forum.close();
    });

    it('answers 429 with Retry-After once switched on, and nothing else changes when it is off', async () => {
      forum = await startSampleForum({ dataDir: null, rateLimits: { perMinute: 200, per10Seconds: 3 } });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${forum.url}/latest.json`)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await fetch(`${forum.url}/latest.json`);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(refused.headers.get('content-type')).toBe('text/plain');
      await forum.close();
      forum = await startSampleForum({ dataDir: null });
      for (let i = 0; i < 60; i++) expect((await fetch(`${forum.url}/latest.json`)).status).toBe(200);
    });

    it('answers 414 to a request line past 8 KB, as nginx does with its default buffers', async () => {
      forum = await startSampleForum({ dataDir: null });
      const ids = (count: number) => Array.from({ length: count }, (_, i) => `post_ids[]=${1_000_000 + i}`).join('&');
      expect((await fetch(`${forum.url}/t/1377/posts.json?${ids(400)}`)).status).toBe(200);
      expect((await fetch(`${forum.url}/t/1377/posts.json?${ids(500)}`)).status).toBe(414);
    });
  });
});
