import { describe, expect, it } from 'vitest';
import type { Credentials } from '../../../../main/accounts/account-store';
import { BODY_LIMITS } from '../../../../main/sources/body-limits';
import { authHeaders, verifyCredentials } from '../../../../main/sources/discourse/discourse-accounts';
import type { FetchInit } from '../../../../main/sources/fetch-following';
import { createPoliteHttp } from '../../../../main/sources/polite-http';

const KEY = 'f3a9c2d1e0b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2';
const credentials: Credentials = { kind: 'api-key', username: 'sample_reader', key: KEY, clientId: null, baseUrl: 'https://forum.example.org' };

describe('the headers Discourse authenticates by', () => {
  it('sends Api-Key with Api-Username, or User-Api-Key with its client id', () => {
    expect(authHeaders(credentials)).toEqual({ 'Api-Key': KEY, 'Api-Username': 'sample_reader' });
    expect(authHeaders({ ...credentials, username: '' })).toEqual({ 'Api-Key': KEY });
    expect(authHeaders({ ...credentials, kind: 'user-api-key', clientId: 'forum-reader-1' })).toEqual({ 'User-Api-Key': KEY, 'User-Api-Client-Id': 'forum-reader-1' });
  });
});

describe('asking the forum whose key it is', () => {
  it('reads the answer under the site-info cap, not the general one', async () => {
    const asked: FetchInit[] = [];
    const http = createPoliteHttp({
      userAgent: 'ForumReader/test',
      fetch: async (url, init) => {
        asked.push(init);
        return { url, status: 200, headers: new Headers({ 'x-discourse-username': 'sample_reader' }), text: async () => '{}' };
      },
    });
    await expect(verifyCredentials(http, credentials, null)).resolves.toEqual({ username: 'sample_reader', verified: true });
    expect(asked.map((init) => init.maxBodyBytes)).toEqual([BODY_LIMITS.siteInfo]);
  });
});
