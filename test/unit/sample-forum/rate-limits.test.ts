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

  it('counts assets in their own window of 200 per 10 s; every window is checked before the kind is known, as check_global_limits! does', () => {
    let now = 0;
    const limiter = new IpRateLimiter(DISCOURSE_DEFAULT_RATE_LIMITS, () => now);
    for (let i = 0; i < 200; i++) expect(limiter.admit('192.0.2.7', 'asset')).toBeNull();
    const assetCode = { status: 429, headers: { 'discourse-rate-limit-error-code': 'ip_assets_10_secs_limit' } };
    expect(limiter.admit('192.0.2.7', 'asset')).toMatchObject(assetCode);
    // A full asset window refuses an API request too: Discourse bumps it before routing.
    expect(limiter.admit('192.0.2.7')).toMatchObject(assetCode);
    now = 10_000;
    // The 200 assets took nothing from the app's 50 per 10 s ...
    for (let i = 0; i < 50; i++) expect(limiter.admit('192.0.2.7')).toBeNull();
    // ... and a full app window refuses an asset.
    expect(limiter.admit('192.0.2.7', 'asset')).toMatchObject({ headers: { 'discourse-rate-limit-error-code': 'ip_10_secs_limit' } });
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

    it('counts uploads as assets, apart from the API’s requests', async () => {
      forum = await startSampleForum({ dataDir: null, rateLimits: { perMinute: 200, per10Seconds: 3, assetsPer10Seconds: 5 } });
      const cooked = ((await (await fetch(`${forum.url}/t/1377.json`)).json()) as { post_stream: { posts: { cooked: string }[] } }).post_stream.posts[0]!.cooked;
      const upload = /src="(\/uploads\/[^"]+)"/.exec(cooked)![1];
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await fetch(`${forum.url}${upload}`)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const refused = await fetch(`${forum.url}${upload}`);
      expect(refused.headers.get('discourse-rate-limit-error-code')).toBe('ip_assets_10_secs_limit');
      await forum.close();
      forum = await startSampleForum({ dataDir: null, rateLimits: { perMinute: 200, per10Seconds: 3, assetsPer10Seconds: 5 } });
      // Two API requests and three uploads fit: the uploads are not in the API's window of 3.
      expect((await fetch(`${forum.url}/latest.json`)).status).toBe(200);
      for (let i = 0; i < 3; i++) expect((await fetch(`${forum.url}${upload}`)).status).toBe(200);
      expect((await fetch(`${forum.url}/latest.json`)).status).toBe(200);
    });

    it('answers 414 to a request line past 8 KB, as nginx does with its default buffers', async () => {
      forum = await startSampleForum({ dataDir: null });
      const ids = (count: number) => Array.from({ length: count }, (_, i) => `post_ids[]=${1_000_000 + i}`).join('&');
      expect((await fetch(`${forum.url}/t/1377/posts.json?${ids(400)}`)).status).toBe(200);
      expect((await fetch(`${forum.url}/t/1377/posts.json?${ids(500)}`)).status).toBe(414);
    });
  });
});
