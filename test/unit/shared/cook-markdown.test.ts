// Each case states a rule by example, raw in and cooked out, so the cases read alike on purpose.
import { describe, expect, it } from 'vitest';
import { cookMarkdown } from '../../../shared/cook-markdown';

/** Discourse's cooked quote head for a quote of `name` (no avatar: the reader shows none). */
const quoteHead = (name: string, post: number, topic: number, title = name) =>
  `<aside class="quote no-group" data-username="${name}" data-post="${post}" data-topic="${topic}">\n` +
  `<div class="title">\n<div class="quote-controls"></div>\n ${title}:</div>\n<blockquote>\n`;
const QUOTE_END = '</blockquote>\n</aside>';

describe('cookMarkdown', () => {
  it('escapes HTML so markup-like text stays text', () => {
    expect(cookMarkdown('<< The Red Shoes >> & <script>alert(1)</script> <img src=x onerror=alert(1)>')).toBe(
      '<p>&lt;&lt; The Red Shoes &gt;&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>',
    );
  });

  it('makes a paragraph per blank-line block and a <br> per single newline, as Discourse does by default', () => {
    expect(cookMarkdown('one\ntwo\n\nthree\n\n\n\nfour')).toBe('<p>one<br>\ntwo</p>\n<p>three</p>\n<p>four</p>');
    expect(cookMarkdown('one\r\n   two')).toBe('<p>one<br>\ntwo</p>');
  });

  it('keeps the spacing of a block marked preformatted, even where it reads as Markdown', () => {
    const art = '---- (*)/ (*)\n  ~~  <,_\n~~~~~~~~ nec spe';
    expect(cookMarkdown(`hello\n\n${art}\n\nbye`, { preformattedBlocks: [1] })).toBe(
      '<p>hello</p>\n<pre><code>---- (*)/ (*)\n  ~~  &lt;,_\n~~~~~~~~ nec spe</code></pre>\n<p>bye</p>',
    );
    expect(cookMarkdown(art)).not.toContain('<pre>');
  });

  it('renders fenced code verbatim with Discourse’s language classes', () => {
    expect(cookMarkdown('before\n```\na <b>\n\n  indented\n```\nafter')).toBe(
      '<p>before</p>\n<pre><code class="lang-auto">a &lt;b&gt;\n\n  indented\n</code></pre>\n<p>after</p>',
    );
    expect(cookMarkdown('```js\nconst x = "<b>";\n```')).toBe(
      '<pre data-code-wrap="js"><code class="lang-js">const x = &quot;&lt;b&gt;&quot;;\n</code></pre>',
    );
    expect(cookMarkdown('```text\nplain\n```')).toBe('<pre><code class="lang-plaintext">plain\n</code></pre>');
  });

  it('turns [quote] into the aside Discourse cooks, with its source', () => {
    expect(cookMarkdown('[quote="steve_c, post:4, topic:1377"]\nThe final ballet\n[/quote]\n\nOh yes Steve')).toBe(
      `${quoteHead('steve_c', 4, 1377)}<p>The final ballet</p>\n${QUOTE_END}\n<p>Oh yes Steve</p>`,
    );
    expect(cookMarkdown('[quote="Steve C, post:4, topic:1377, username:steve_c"]\nq\n[/quote]')).toBe(
      `${quoteHead('steve_c', 4, 1377, 'Steve C')}<p>q</p>\n${QUOTE_END}`,
    );
    expect(cookMarkdown('[quote]anonymous words[/quote]')).toBe(
      `<aside class="quote no-group">\n<blockquote>\n<p>anonymous words</p>\n${QUOTE_END}`,
    );
  });

  it('keeps nested quotes nested', () => {
    const nested = cookMarkdown('[quote="a, post:2, topic:9"]\n[quote="b, post:1, topic:9"]\ninner\n[/quote]\nouter\n[/quote]');
    expect(nested).toBe(`${quoteHead('a', 2, 9)}${quoteHead('b', 1, 9)}<p>inner</p>\n${QUOTE_END}\n<p>outer</p>\n${QUOTE_END}`);
  });

  it('closes a quote inside a list item or a blockquote within it, not in the next item', () => {
    expect(cookMarkdown('- [quote]\n  first\n  [/quote]\n- [quote]\n  second\n  [/quote]')).toBe(
      `<ul>\n<li>\n<aside class="quote no-group">\n<blockquote>\n<p>first</p>\n${QUOTE_END}\n</li>\n` +
        `<li>\n<aside class="quote no-group">\n<blockquote>\n<p>second</p>\n${QUOTE_END}\n</li>\n</ul>`,
    );
    expect(cookMarkdown('- [quote]\n- [/quote]')).toBe('<ul>\n<li>[quote]</li>\n<li>[/quote]</li>\n</ul>');
    expect(cookMarkdown('> [quote]\n> quoted twice\n> [/quote]')).toBe(
      `<blockquote>\n<aside class="quote no-group">\n<blockquote>\n<p>quoted twice</p>\n${QUOTE_END}\n</blockquote>`,
    );
  });

  it('leaves a quote whose closing tag is missing, or shares its line, as text, as Discourse does', () => {
    expect(cookMarkdown('[quote="a, post:1, topic:2"]\nnever closed')).toBe('<p>[quote=“a, post:1, topic:2”]<br>\nnever closed</p>');
    const html = cookMarkdown('[quote="a, post:1, topic:2"]\nouter\n[quote="b, post:3, topic:2"]\ninner\n[/quote]\n[/quote] after');
    expect(html).toBe(`<p>[quote=“a, post:1, topic:2”]<br>\nouter</p>\n${quoteHead('b', 3, 2)}<p>inner</p>\n${QUOTE_END}\n<p>[/quote] after</p>`);
  });

  it('escapes a quote source, so it cannot add attributes', () => {
    const html = cookMarkdown('[quote="x\\" onmouseover=\\"alert(1), post:1, topic:2"]\nq\n[/quote]');
    expect(html).toContain('<aside class="quote no-group" data-username="x\\&quot; onmouseover=\\&quot;alert(1)"');
    expect(html).not.toMatch(/onmouseover="/);
  });

  it('links mentions, Markdown links, bare URLs, e-mail addresses and images as Discourse cooks them', () => {
    expect(cookMarkdown('@Steve_C see [notes](https://x.example/a?b=1&c=2) or https://y.example/p.')).toBe(
      '<p><a class="mention" href="/u/steve_c">@Steve_C</a> see <a href="https://x.example/a?b=1&amp;c=2" rel="noopener nofollow ugc">notes</a>' +
        ' or <a href="https://y.example/p" rel="noopener nofollow ugc">https://y.example/p</a>.</p>',
    );
    expect(cookMarkdown('![a still](https://images.example.invalid/1.jpg)')).toBe('<p><img src="https://images.example.invalid/1.jpg" alt="a still"></p>');
    expect(cookMarkdown('mail me at someone@example.com')).toBe('<p>mail me at <a href="mailto:someone@example.com">someone@example.com</a></p>');
    expect(cookMarkdown('[the thread](/t/red-shoes/1377)')).toBe('<p><a href="/t/red-shoes/1377">the thread</a></p>');
    expect(cookMarkdown('`@not_a_mention` [@not_either](https://x.example)')).toBe(
      '<p><code>@not_a_mention</code> <a href="https://x.example" rel="noopener nofollow ugc">@not_either</a></p>',
    );
  });

  it('leaves unsafe links as text', () => {
    expect(cookMarkdown('[click](javascript:alert(1))')).not.toContain('<a');
    expect(cookMarkdown('[click](data:text/html,<b>x</b>)')).not.toContain('<a');
  });

  it('renders emphasis, code, lists, headings and blockquotes', () => {
    expect(cookMarkdown('**bold** and *em* and `a*b*c` and ~~gone~~')).toBe(
      '<p><strong>bold</strong> and <em>em</em> and <code>a*b*c</code> and <s>gone</s></p>',
    );
    expect(cookMarkdown('- one\n- two\n\n1. first\n2. second')).toBe(
      '<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<ol>\n<li>first</li>\n<li>second</li>\n</ol>',
    );
    expect(cookMarkdown('## The ballet')).toBe('<h2>The ballet</h2>');
    expect(cookMarkdown('> said\n> twice')).toBe('<blockquote>\n<p>said<br>\ntwice</p>\n</blockquote>');
  });

  it('sets type as Discourse does: curly quotes, ellipses from three dots or more, dashes; no (c)', () => {
    expect(cookMarkdown('"It is my business.... against all things." I\'d say -- no --- (c) .. a -> b')).toBe(
      '<p>“It is my business… against all things.” I’d say – no — (c) .. a → b</p>',
    );
    expect(cookMarkdown('see https://x.example/a--b...c')).toBe(
      '<p>see <a href="https://x.example/a--b...c" rel="noopener nofollow ugc">https://x.example/a--b...c</a></p>',
    );
  });
});
