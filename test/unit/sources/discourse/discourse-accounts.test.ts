import { describe, expect, it } from 'vitest';
import type { Credentials } from '../../../../main/accounts/account-store';
import { authHeaders } from '../../../../main/sources/discourse/discourse-accounts';

const KEY = 'f3a9c2d1e0b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2';
const credentials: Credentials = { kind: 'api-key', username: 'sample_reader', key: KEY, clientId: null, baseUrl: 'https://forum.example.org' };

describe('the headers Discourse authenticates by', () => {
  it('sends Api-Key with Api-Username, or User-Api-Key with its client id', () => {
    expect(authHeaders(credentials)).toEqual({ 'Api-Key': KEY, 'Api-Username': 'sample_reader' });
    expect(authHeaders({ ...credentials, username: '' })).toEqual({ 'Api-Key': KEY });
    expect(authHeaders({ ...credentials, kind: 'user-api-key', clientId: 'forum-reader-1' })).toEqual({ 'User-Api-Key': KEY, 'User-Api-Client-Id': 'forum-reader-1' });
  });
});
