import { describe, expect, it } from 'vitest';
import { checkIdentity, newsAccountRequest } from '../../../renderer/ui/news-identity';

describe('the identity replies go out under', () => {
  it('is none when both boxes are empty and none is needed', () => {
    expect(checkIdentity('  ', '', false)).toEqual({ ok: true, identity: null });
  });

  it('is trimmed and kept when both are valid', () => {
    expect(checkIdentity(' Jane Doe ', ' jane@example.org ', false)).toEqual({ ok: true, identity: { displayName: 'Jane Doe', email: 'jane@example.org' } });
  });

  it('says which box is wrong and what to type', () => {
    expect(checkIdentity('Jane', 'jane at example', false)).toEqual({ ok: false, problems: { email: 'Type an email address, such as name@example.org.' } });
    const missingName = checkIdentity('', 'jane@example.org', false);
    expect(missingName.ok).toBe(false);
    expect(!missingName.ok && Object.keys(missingName.problems)).toEqual(['displayName']);
    const required = checkIdentity('', '', true);
    expect(!required.ok && Object.keys(required.problems)).toEqual(['displayName', 'email']);
    expect(checkIdentity('x'.repeat(101), 'jane@example.org', false).ok).toBe(false);
  });
});

describe('the account saved for a news server', () => {
  const forum = { forumId: 'news', baseUrl: 'nntp://127.0.0.1:119' };
  const identity = { displayName: 'Jane', email: 'jane@example.org' };

  it('has the login only when a user name was typed', () => {
    expect(newsAccountRequest(forum, identity, { username: '  ', password: 'stray' })).toEqual({ ...forum, identity });
    expect(newsAccountRequest(forum, identity, { username: ' jane ', password: ' secret ' })).toEqual({ ...forum, identity, username: 'jane', password: ' secret ' });
  });
});
