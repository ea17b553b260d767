// Articles read as written: headers, encoded words, charsets, transfer encodings, format=flowed,
// multipart, quotes, signatures, ASCII art.
import { describe, expect, it } from 'vitest';
import { decodeEncodedWords } from '../../../../main/sources/nntp/encoded-words';
import { readArticle } from '../../../../main/sources/nntp/read-article';

function article(head: string[], body: string | Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body.replace(/\r?\n/g, '\r\n'), 'utf8') : body]);
}

const BASE = ['From: Ann <ann@example.org>', 'Newsgroups: comp.lang.c,alt.test', 'Message-ID: <1@example.org>', 'Date: Sat, 05 Dec 2026 10:00:00 +0100'];

describe('article headers', () => {
  it('unfolds folded headers and lists References oldest first', () => {
    const read = readArticle(article([...BASE, 'Subject: a long', '\tsubject line', 'References: <a@x>', ' <b@x>\t<c@x>', 'In-Reply-To: <c@x>'], 'hi\n'));
    expect(read.subject).toBe('a long\tsubject line');
    expect(read.references).toEqual(['<a@x>', '<b@x>', '<c@x>']);
    expect(read.inReplyTo).toBe('<c@x>');
    expect(read.newsgroups).toEqual(['comp.lang.c', 'alt.test']);
    expect(read.date).toBe('2026-12-05T09:00:00.000Z');
    expect(read.from).toEqual({ name: 'Ann', email: 'ann@example.org' });
  });

  it('decodes RFC 2047 words in From and Subject, Q and B, adjacent ones joined', () => {
    const read = readArticle(
      article(['From: =?ISO-8859-1?Q?J=F6rg_M=FCller?= <jm@example.org>', 'Subject: =?UTF-8?B?R3LDvMOfZQ==?= =?UTF-8?Q?_aus_K=C3=B6ln?= und mehr', 'Message-ID: <2@x>'], 'x\n'),
    );
    expect(read.from).toEqual({ name: 'Jörg Müller', email: 'jm@example.org' });
    expect(read.subject).toBe('Grüße aus Köln und mehr');
  });

  it('leaves malformed encoded words as written and tolerates unknown charsets', () => {
    expect(decodeEncodedWords('=?UTF-8?Q?bad=ZZ?= and =?UTF-8?B?not base64?= stay')).toBe('=?UTF-8?Q?bad=ZZ?= and =?UTF-8?B?not base64?= stay');
    expect(decodeEncodedWords('=?x-martian?Q?caf=C3=A9?=')).toBe('café');
    expect(decodeEncodedWords('old (email@x) style')).toBe('old (email@x) style');
  });

  it('reads the old "address (Name)" From form', () => {
    expect(readArticle(article(['From: bob@example.org (Bob Smith)'], 'x')).from).toEqual({ name: 'Bob Smith', email: 'bob@example.org' });
  });
});

describe('article bodies', () => {
  it('decodes the charset it names: ISO-8859-1, Windows-1251, KOI8-R', () => {
    const latin1 = readArticle(article([...BASE, 'Content-Type: text/plain; charset=ISO-8859-1', 'Content-Transfer-Encoding: 8bit'], Buffer.from('Ça coûte\r\n', 'latin1')));
    expect(latin1.body.lines).toEqual([{ quote: 0, text: 'Ça coûte' }]);
    const cp1251 = readArticle(article([...BASE, 'Content-Type: text/plain; charset="windows-1251"'], Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2])));
    expect(cp1251.body.lines[0]!.text).toBe('Привет');
    const koi8 = readArticle(article([...BASE, 'Content-Type: text/plain; charset=koi8-r'], Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4])));
    expect(koi8.body.lines[0]!.text).toBe('Привет');
  });

  it('an invalid charset falls back with a clear problem, not a crash', () => {
    const read = readArticle(article([...BASE, 'Content-Type: text/plain; charset=no-such-charset'], Buffer.from('caf\xe9\r\n', 'latin1')));
    expect(read.body.lines[0]!.text).toBe('café');
    expect(read.problems).toEqual(['The charset "no-such-charset" is unknown; the text was read as Windows-1252.']);
  });

  it('decodes quoted-printable with soft line breaks and base64', () => {
    const qp = readArticle(article([...BASE, 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: quoted-printable'], 'Gr=C3=BC=C3=9Fe, this line is so=\n ft-broken\n=3D equals\n'));
    expect(qp.body.lines.map((line) => line.text)).toEqual(['Grüße, this line is so ft-broken', '= equals']);
    const b64 = readArticle(article([...BASE, 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64'], `${Buffer.from('Zwei\nZeilen äö\n').toString('base64')}\n`));
    expect(b64.body.lines.map((line) => line.text)).toEqual(['Zwei', 'Zeilen äö']);
  });

  it('joins format=flowed lines, with and without DelSp, and keeps quote depth apart', () => {
    const flowed = readArticle(article([...BASE, 'Content-Type: text/plain; charset=UTF-8; format=flowed'], '> quoted and \n> flowed\nmine and \nflowed\n\n From stuffed\n-- \nsig\n'));
    expect(flowed.body.lines).toEqual([
      { quote: 1, text: 'quoted and flowed' },
      { quote: 0, text: 'mine and flowed' },
      { quote: 0, text: '' },
      { quote: 0, text: 'From stuffed' },
    ]);
    expect(flowed.body.signature).toEqual(['sig']);
    const delSp = readArticle(article([...BASE, 'Content-Type: text/plain; format=flowed; delsp=yes'], 'Donau\ndampf \nschiff\n'));
    expect(delSp.body.lines.map((line) => line.text)).toEqual(['Donau', 'dampfschiff']);
  });

  it('keeps ASCII art spacing, quote levels, lines starting with "." and the signature apart', () => {
    const read = readArticle(article([...BASE, 'Subject: art'], '> > deep\n>> also deep\n> one\n   /\\_/\\\n  ( o.o )\n.dotted line\n..two\n-- \nAnn  |  ann@example.org\n'));
    expect(read.body.lines).toEqual([
      { quote: 2, text: 'deep' },
      { quote: 2, text: 'also deep' },
      { quote: 1, text: 'one' },
      { quote: 0, text: '   /\\_/\\' },
      { quote: 0, text: '  ( o.o )' },
      { quote: 0, text: '.dotted line' },
      { quote: 0, text: '..two' },
    ]);
    expect(read.body.signature).toEqual(['Ann  |  ann@example.org']);
  });

  it('prefers text/plain in multipart/alternative and lists attachments without inlining them', () => {
    const body = [
      'preamble',
      '--outer',
      'Content-Type: multipart/alternative; boundary="inner"',
      '',
      '--inner',
      'Content-Type: text/html; charset=UTF-8',
      '',
      '<p>html <b>version</b></p>',
      '--inner',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'plain version =E2=9C=93',
      '--inner--',
      '--outer',
      'Content-Type: image/png; name="cat.png"',
      'Content-Disposition: attachment; filename="cat.png"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('PNGDATA').toString('base64'),
      '--outer--',
      'epilogue',
    ].join('\n');
    const read = readArticle(article([...BASE, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary=outer'], body));
    expect(read.body.lines).toEqual([{ quote: 0, text: 'plain version ✓' }]);
    expect(read.attachments).toEqual([{ filename: 'cat.png', mediaType: 'image/png', bytes: 7 }]);
  });

  it('reads an HTML-only part as text, with nothing of it kept as markup', () => {
    const read = readArticle(article([...BASE, 'Content-Type: text/html'], '<p>Hello<script>alert(1)</script></p><p>world &amp; <img src=x onerror=y></p>'));
    expect(read.body.lines.map((line) => line.text)).toEqual(['Hello', 'world & ']);
  });
});
