import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccountHandlers } from '../../../main/accounts/account-handlers';
import { AccountStore, type Credentials } from '../../../main/accounts/account-store';
import { createKeyFileCipher } from '../../../main/accounts/secret-cipher';
import type { ForumConnection } from '../../../main/sources/forum-source';
import type { ForumSources } from '../../../main/sources/forum-sources';

const FORUM = { forumId: 'news.example.org:119', baseUrl: 'nntp://news.example.org:119' };
const identity = { displayName: 'Ann Reader', email: 'ann@example.org' };

describe('a news server account', () => {
  let dir: string;
  let accounts: AccountStore;
  /** The logins the server was asked to check, as the engine's verifyAccount saw them. */
  let checked: Credentials[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'news-account-test-'));
    accounts = new AccountStore({ dir, cipher: createKeyFileCipher(dir), warn: () => {} });
    checked = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const handlers = () => {
    const connection = {
      ...FORUM,
      kind: 'nntp',
      verifyAccount: async (account: Credentials) => (checked.push(account), { username: account.username, verified: true }),
    } as unknown as ForumConnection;
    const forums = { claimedForum: () => connection } as unknown as ForumSources;
    return createAccountHandlers({ forums, accounts });
  };

  it('keeps its saved password when only the name replies come from changes', async () => {
    await handlers().setNewsAccount({ ...FORUM, identity, username: 'ann', password: 's3cret' });
    await handlers().setNewsAccount({ ...FORUM, identity: { ...identity, displayName: 'Ann R.' }, username: 'ann', password: '' });
    expect(checked.at(-1)).toMatchObject({ username: 'ann', key: 's3cret' });
    expect(await accounts.credentialsFor(FORUM.forumId)).toMatchObject({ username: 'ann', key: 's3cret', identity: { displayName: 'Ann R.' } });
  });

  it('does not hand a saved password to another login, and drops it when the user name is cleared', async () => {
    await handlers().setNewsAccount({ ...FORUM, identity, username: 'ann', password: 's3cret' });
    await handlers().setNewsAccount({ ...FORUM, identity, username: 'bob' });
    expect(await accounts.credentialsFor(FORUM.forumId)).toMatchObject({ username: 'bob', key: '' });
    await handlers().setNewsAccount({ ...FORUM, identity, username: 'ann', password: 's3cret' });
    await handlers().setNewsAccount({ ...FORUM, identity });
    expect(await accounts.credentialsFor(FORUM.forumId)).toMatchObject({ username: identity.email, key: '' });
  });
});
