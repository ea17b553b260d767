import { describe, expect, it } from 'vitest';
import { cook, excerptOf } from '../../../main/sample-forum/cook';

describe('cook', () => {
  it('escapes HTML so markup-like text stays text', () => {
    expect(cook('<< The Red Shoes >> & <script>alert("x")</script>')).toBe(
      '<p>&lt;&lt; The Red Shoes &gt;&gt; &amp; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>',
    );
  });

  it('makes a paragraph per blank-line block and a <br> per single newline', () => {
    expect(cook('one\ntwo\n\nthree\n\n\n\nfour')).toBe('<p>one<br>\ntwo</p>\n<p>three</p>\n<p>four</p>');
  });

  it('keeps the spacing of a block marked preformatted', () => {
    const art = '---- (*)/ (*)\n  ~~  <,_';
    expect(cook(`hello\n\n${art}`, { preformattedBlocks: [1] })).toBe(
      '<p>hello</p>\n<pre><code>---- (*)/ (*)\n  ~~  &lt;,_</code></pre>',
    );
  });

  it('renders fenced code blocks verbatim, blank lines included', () => {
    expect(cook('before\n```\na <b>\n\n  indented\n```\nafter')).toBe(
      '<p>before</p>\n<pre><code>a &lt;b&gt;\n\n  indented</code></pre>\n<p>after</p>',
    );
    expect(cook('```js\nlet x = 1;\n```')).toBe('<pre><code class="lang-js">let x = 1;</code></pre>');
  });

  it('turns [quote] into Discourse quote asides, nested ones included', () => {
    expect(cook('[quote="steve_c, post:4, topic:1377"]\nThe final ballet\n[/quote]\n\nOh yes Steve')).toBe(
      '<aside class="quote" data-username="steve_c" data-post="4" data-topic="1377"><div class="title">steve_c:</div>' +
        '<blockquote><p>The final ballet</p></blockquote></aside>\n<p>Oh yes Steve</p>',
    );
    const nested = cook('[quote="a, post:2, topic:9"]\n[quote="b, post:1, topic:9"]\ninner\n[/quote]\nouter\n[/quote]');
    expect(nested).toContain('data-username="a"');
    expect(nested).toContain('<blockquote><aside class="quote" data-username="b" data-post="1" data-topic="9">');
    expect(nested).toContain('<p>outer</p></blockquote></aside>');
  });

  it('links mentions, Markdown links, bare URLs and images as Discourse cooks them', () => {
    expect(cook('@Steve_C see [notes](https://x.example/a?b=1&c=2) or https://y.example/p.')).toBe(
      '<p><a class="mention" href="/u/steve_c">@Steve_C</a> see <a href="https://x.example/a?b=1&amp;c=2" rel="noopener nofollow ugc">notes</a>' +
        ' or <a href="https://y.example/p" rel="noopener nofollow ugc">https://y.example/p</a>.</p>',
    );
    expect(cook('![a still](https://images.example.invalid/1.jpg)')).toBe(
      '<p><img src="https://images.example.invalid/1.jpg" alt="a still"></p>',
    );
    expect(cook('mail me at someone@example.com')).toBe('<p>mail me at someone@example.com</p>');
  });

  it('excerpts leave out quotes and cut at a word', () => {
    const cooked = cook('[quote="a, post:1, topic:2"]\nquoted words\n[/quote]\n\nown words here');
    expect(excerptOf(cooked)).toBe('own words here');
    expect(excerptOf(cook('word '.repeat(100)), 20)).toBe('word word word word &hellip;');
  });
});
