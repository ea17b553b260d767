import { describe, expect, it } from 'vitest';
import { findThreadLinkArgument, parseThreadLink } from '../../../../main/hosts/electron/thread-link';

describe('parseThreadLink', () => {
  it.each([
    ['forum-reader://meta.discourse.org/t/12345', { threadId: 'meta.discourse.org/t/12345', postNumber: null }],
    ['forum-reader://meta.discourse.org/t/12345/7', { threadId: 'meta.discourse.org/t/12345', postNumber: 7 }],
    ['forum-reader://meta.discourse.org/t/12345/7/', { threadId: 'meta.discourse.org/t/12345', postNumber: 7 }],
    ['forum-reader://sample/t/1', { threadId: 'sample/t/1', postNumber: null }],
    ['forum-reader://example.org/forum/t/99', { threadId: 'example.org/forum/t/99', postNumber: null }],
    ['forum-reader://127.0.0.1:4321/t/5/2', { threadId: '127.0.0.1:4321/t/5', postNumber: 2 }],
    ['FORUM-READER://Meta.Discourse.ORG/t/3', { threadId: 'meta.discourse.org/t/3', postNumber: null }],
  ])('reads %s as the thread the reader stores under that id', (link, expected) => {
    expect(parseThreadLink(link)).toEqual(expected);
  });

  it.each([
    ['another scheme', 'https://meta.discourse.org/t/12345'],
    ['no thread', 'forum-reader://meta.discourse.org/'],
    ['a board, not a thread', 'forum-reader://meta.discourse.org/c/5'],
    ['no forum', 'forum-reader:///t/1'],
    ['a slug instead of an id', 'forum-reader://meta.discourse.org/t/some-topic'],
    ['a slug before the id', 'forum-reader://meta.discourse.org/t/some-topic/12'],
    ['a zero id', 'forum-reader://sample/t/0'],
    ['a leading zero', 'forum-reader://sample/t/01'],
    ['a negative post number', 'forum-reader://sample/t/1/-2'],
    ['an id beyond a Discourse integer', 'forum-reader://sample/t/99999999999'],
    ['a query string', 'forum-reader://sample/t/1?u=someone'],
    ['a fragment', 'forum-reader://sample/t/1#post_2'],
    ['credentials', 'forum-reader://user:secret@sample/t/1'],
    ['dot segments that would change the forum', 'forum-reader://sample/a/../t/1'],
    ['encoded dot segments', 'forum-reader://sample/%2e%2e/t/1'],
    ['a space', 'forum-reader://sample/t/1 2'],
    ['a newline', 'forum-reader://sample/t/1\n'],
    ['an IPv6 literal', 'forum-reader://[::1]/t/1'],
    ['a bad port', 'forum-reader://sample:99999/t/1'],
    ['an underscore host', 'forum-reader://bad_host/t/1'],
    ['something very long', `forum-reader://sample/${'a/'.repeat(1100)}t/1`],
  ])('refuses %s', (_why, link) => {
    expect(parseThreadLink(link)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(parseThreadLink(undefined)).toBeNull();
    expect(parseThreadLink({ toString: () => 'forum-reader://sample/t/1' })).toBeNull();
  });
});

describe('findThreadLinkArgument', () => {
  it('finds the link among the switches Windows and Linux pass', () => {
    expect(findThreadLinkArgument(['/opt/Forum Reader/forum-reader', '--no-sandbox', 'forum-reader://sample/t/1'])).toBe('forum-reader://sample/t/1');
  });

  it('finds nothing when no argument is a link', () => {
    expect(findThreadLinkArgument(['/usr/bin/electron', 'out/main/electron-main.js', '--enable-logging'])).toBeNull();
  });
});
