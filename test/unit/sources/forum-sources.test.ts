import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api';
import { SAMPLE_FORUM_ID } from '../../../shared/model';
import { createForumSources } from '../../../main/sources/forum-sources';
import { createPoliteHttp, DEFAULT_BUDGET } from '../../../main/sources/polite-http';

const forums = createForumSources({ http: createPoliteHttp({ userAgent: 'test' }), sampleForumUrl: 'http://127.0.0.1:4123' });

describe('which address and budget serve a forum', () => {
  it('sends the sample forum to this launch’s address, without a budget, whatever address was saved', () => {
    const sample = forums.forum(SAMPLE_FORUM_ID, 'http://127.0.0.1:9999');
    expect(sample.baseUrl).toBe('http://127.0.0.1:4123');
    expect(sample.politeness.budget).toBeNull();
    expect(forums.claimedForum(SAMPLE_FORUM_ID, 'https://elsewhere.example').baseUrl).toBe('http://127.0.0.1:4123');
  });

  it('asks any other forum at its own address, with the default budget', () => {
    const forum = forums.forum('forum.example.org/sub', 'https://forum.example.org/sub/');
    expect(forum.baseUrl).toBe('https://forum.example.org/sub');
    expect(forum.politeness.budget).toBe(DEFAULT_BUDGET);
    expect(forum.keyRequest).not.toBeNull();
  });

  it('takes an address from the renderer only when it is that forum’s own web address', () => {
    expect(forums.claimedForum('forum.example.org', 'https://forum.example.org/').baseUrl).toBe('https://forum.example.org');
    expect(() => forums.claimedForum('forum.example.org', 'https://attacker.example')).toThrow(/is not the address of forum forum.example.org/);
    expect(() => forums.claimedForum('forum.example.org', 'ftp://forum.example.org')).toThrow(/is not the address/);
    expect(() => forums.claimedForum('forum.example.org', 'not a url')).toThrow(/is not a web address/);
  });

  it('gives a sync run the source at the forum’s own address, the sample forum’s at this launch’s, with more threads at once on this computer', async () => {
    const asked: string[] = [];
    const http = createPoliteHttp({
      userAgent: 'test',
      fetch: async (url) => {
        asked.push(url);
        return { url, status: 200, headers: new Headers(), text: async () => JSON.stringify({ topic_list: { topics: [] } }) };
      },
    });
    const sources = createForumSources({ http, sampleForumUrl: 'http://127.0.0.1:4123' });
    const run = { signal: new AbortController().signal, stats: { requests: 0, serverWaitMs: 0 } };
    const sample = sources.syncSource({ forumId: SAMPLE_FORUM_ID, baseUrl: 'http://127.0.0.1:9999' }, run);
    const real = sources.syncSource({ forumId: 'forum.example.org', baseUrl: 'https://forum.example.org/', requestsPerMinute: 30 }, run);
    if (sample.sync.kind !== 'threads' || real.sync.kind !== 'threads') throw new Error('a Discourse forum syncs by threads');
    await sample.sync.source.listLatest(null);
    await real.sync.source.listLatest(null);
    expect(asked).toEqual(['http://127.0.0.1:4123/latest.json', 'https://forum.example.org/latest.json']);
    expect([sample.threadConcurrency, real.threadConcurrency]).toEqual([8, 4]);
    expect(run.stats.requests).toBe(2);
  });

  it('picks the news engine by the address’s scheme: nntp:, nntps: and news: sync by their own run', () => {
    const run = { signal: new AbortController().signal, stats: { requests: 0, serverWaitMs: 0 } };
    for (const baseUrl of ['nntp://news.example.org:119', 'nntps://news.example.org:563', 'news://news.example.org']) {
      expect(forums.syncSource({ forumId: 'news.example.org:119', baseUrl }, run).sync.kind).toBe('own');
      expect(forums.forum('news.example.org:119', baseUrl).kind).toBe('nntp');
    }
    expect(forums.forum('forum.example.org', 'https://forum.example.org').kind).toBe('discourse');
  });

  it('binds a news account to the server’s own address, written with its port', () => {
    expect(forums.claimedForum('news.example.org:119', 'news://News.Example.org').baseUrl).toBe('nntp://news.example.org:119');
    expect(forums.claimedForum('news.example.org:563', 'nntps://news.example.org').baseUrl).toBe('nntps://news.example.org:563');
    expect(() => forums.claimedForum('news.example.org:119', 'nntp://elsewhere.example.org')).toThrow(/not the address of forum/);
    expect(() => forums.claimedForum('x', 'nntp://user:pw@news.example.org')).toThrow(/user name or password belongs in its own fields/);
  });

  it('tells an engine failure a person can act on from a fault of the reader itself', () => {
    expect(forums.describeError(new AppError('rate_limited', 'The forum asked the reader to slow down.'))).toEqual({ code: 'rate_limited', message: 'The forum asked the reader to slow down.' });
    expect(forums.describeError(new TypeError('a bug'))).toBeNull();
  });
});
