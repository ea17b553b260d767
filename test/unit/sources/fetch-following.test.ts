// The redirect rules themselves, over a scripted transport: which hop gets which headers and body.
import { describe, expect, it } from 'vitest';
import { followingRedirects, RedirectRefusedError, type FetchInit, type SingleHop } from '../../../main/sources/fetch-following';

/** A transport that answers each URL as scripted and notes what each hop carried. */
function scripted(answers: Record<string, { status: number; location?: string }>) {
  const hops: { url: string; init: FetchInit }[] = [];
  const fetch = followingRedirects(async (url, init): Promise<SingleHop> => {
    hops.push({ url, init });
    const answer = answers[url] ?? { status: 404 };
    const headers = new Headers(answer.location ? { location: answer.location } : {});
    return { status: answer.status, headers, bytes: async () => Buffer.from('{}'), discard: () => {} };
  });
  return { fetch, hops };
}

const CREDENTIALS = { 'Api-Key': 'secret', 'Api-Username': 'me', 'User-Api-Key': 'u', Accept: 'application/json' };

describe('following redirects', () => {
  it('from https to http on the same host drops the credentials: a downgrade is another origin', async () => {
    const { fetch, hops } = scripted({
      'https://forum.example.org/latest.json': { status: 301, location: 'http://forum.example.org/latest.json' },
      'http://forum.example.org/latest.json': { status: 200 },
    });
    const response = await fetch('https://forum.example.org/latest.json', { headers: CREDENTIALS });
    expect(response.url).toBe('http://forum.example.org/latest.json');
    expect(hops.map((hop) => hop.init.headers)).toEqual([CREDENTIALS, { Accept: 'application/json' }]);
  });

  it('a reply (a body) redirected from https to http is refused, and nothing is sent there', async () => {
    const { fetch, hops } = scripted({ 'https://forum.example.org/posts.json': { status: 308, location: 'http://forum.example.org/posts.json' } });
    await expect(fetch('https://forum.example.org/posts.json', { method: 'POST', headers: CREDENTIALS, body: 'raw=hi' })).rejects.toThrow(RedirectRefusedError);
    expect(hops.map((hop) => hop.url)).toEqual(['https://forum.example.org/posts.json']);
  });

  it('drops the credentials for good: a redirect back to the first origin does not restore them', async () => {
    const { fetch, hops } = scripted({
      'https://forum.example.org/t/1.json': { status: 302, location: 'https://cdn.example.net/t/1.json' },
      'https://cdn.example.net/t/1.json': { status: 302, location: 'https://forum.example.org/t/1.json?again' },
      'https://forum.example.org/t/1.json?again': { status: 200 },
    });
    await fetch('https://forum.example.org/t/1.json', { headers: CREDENTIALS });
    expect(hops.map((hop) => Object.keys(hop.init.headers ?? {}))).toEqual([Object.keys(CREDENTIALS), ['Accept'], ['Accept']]);
  });
});
