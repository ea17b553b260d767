import { describe, expect, it } from 'vitest';
import { readArticle } from '../../../../main/sources/nntp/read-article';
import { buildReplyArticle, newMessageId, ReplyArticleError, type ReplyDraft } from '../../../../main/sources/nntp/reply-article';

const DRAFT: ReplyDraft = {
  identity: { displayName: 'Zoë Writer', email: 'zoe@example.org' },
  answered: { messageId: '<q@x>', subject: 'Re: Grüße', newsgroups: ['de.test', 'alt.test'], references: ['<root@x>', '<mid@x>'] },
  messageId: '<fixed.1@example.org>',
  text: `> you wrote\n\nA reply long enough to be flowed across more than one line of text, as replies to newsgroups usually are.\n.dot line\nFrom the start\n  indented\n-- \nZoë`,
  date: new Date('2026-12-05T10:00:00Z'),
};

describe('reply articles', () => {
  it('sets From, Newsgroups, References, Subject and the queued Message-ID, and reads back as written', () => {
    const article = buildReplyArticle(DRAFT);
    const head = article.toString('utf8').split('\r\n\r\n')[0]!;
    expect(head).toContain('From: =?UTF-8?B?');
    expect(head).toContain('Newsgroups: de.test,alt.test');
    expect(head).toContain('Message-ID: <fixed.1@example.org>');
    expect(head).toContain('Content-Type: text/plain; charset=UTF-8; format=flowed');
    expect(head).toContain('Content-Transfer-Encoding: 8bit');
    const read = readArticle(article);
    expect(read.from).toEqual({ name: 'Zoë Writer', email: 'zoe@example.org' });
    expect(read.subject).toBe('Re: Grüße');
    expect(read.references).toEqual(['<root@x>', '<mid@x>', '<q@x>']);
    expect(read.messageId).toBe('<fixed.1@example.org>');
    expect(read.body.lines).toEqual([
      { quote: 1, text: 'you wrote' },
      { quote: 0, text: '' },
      { quote: 0, text: 'A reply long enough to be flowed across more than one line of text, as replies to newsgroups usually are.' },
      { quote: 0, text: '.dot line' },
      { quote: 0, text: 'From the start' },
      { quote: 0, text: '  indented' },
    ]);
    expect(read.body.signature).toEqual(['Zoë']);
    expect(article.toString('utf8').split('\r\n').every((line) => Buffer.byteLength(line) <= 78)).toBe(true);
  });

  it('goes quoted-printable when a line would pass 998 octets, and still reads back', () => {
    const word = 'ä'.repeat(600);
    const article = buildReplyArticle({ ...DRAFT, text: word });
    expect(article.toString('utf8')).toContain('Content-Transfer-Encoding: quoted-printable');
    expect(readArticle(article).body.lines).toEqual([{ quote: 0, text: word }]);
  });

  it('follows Followup-To, and refuses an identity without an email address', () => {
    const article = buildReplyArticle({ ...DRAFT, answered: { ...DRAFT.answered, followupTo: 'de.talk' } });
    expect(readArticle(article).newsgroups).toEqual(['de.talk']);
    expect(() => buildReplyArticle({ ...DRAFT, identity: { displayName: 'x', email: 'not an address' } })).toThrow(ReplyArticleError);
  });

  it('makes a different Message-ID each time, in the sender domain', () => {
    const first = newMessageId('a@news.example.org');
    expect(first).toMatch(/^<[a-z0-9]+\.[0-9a-f]{24}@news\.example\.org>$/);
    expect(newMessageId('a@news.example.org')).not.toBe(first);
  });
});
