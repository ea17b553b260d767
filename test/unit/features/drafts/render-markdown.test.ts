import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../../renderer/features/drafts/render-markdown';

describe('the reply preview’s Markdown', () => {
  it('renders a Discourse quote as the aside Discourse cooks, with its source', () => {
    const html = renderMarkdown('[quote="moira_fan, post:2, topic:1377"]\nSee this baton?\n[/quote]\n\nThat scene!');
    expect(html).toBe(
      '<aside class="quote" data-username="moira_fan" data-post="2" data-topic="1377"><div class="title">moira_fan:</div><blockquote><p>See this baton?</p></blockquote></aside>\n<p>That scene!</p>',
    );
  });

  it('keeps nested quotes nested and text after a closing tag outside the quote', () => {
    const html = renderMarkdown('[quote="a, post:1, topic:2"]\nouter\n[quote="b, post:3, topic:2"]\ninner\n[/quote]\n[/quote] after');
    expect(html).toMatch(/^<aside class="quote" data-username="a"[^>]*><div class="title">a:<\/div><blockquote><p>outer<\/p>\n<aside class="quote" data-username="b"/);
    expect(html).toContain('<p>inner</p></blockquote></aside></blockquote></aside>\n<p>after</p>');
  });

  it('turns single newlines into line breaks and blank lines into paragraphs, as Discourse does', () => {
    expect(renderMarkdown('one\ntwo\n\nthree')).toBe('<p>one<br>\ntwo</p>\n<p>three</p>');
  });

  it('renders emphasis, code, links, lists, headings and fenced code', () => {
    expect(renderMarkdown('**bold** and *em* and `a*b*c` and ~~gone~~')).toBe('<p><strong>bold</strong> and <em>em</em> and <code>a*b*c</code> and <del>gone</del></p>');
    expect(renderMarkdown('[Powell](https://example.org/p?a=1&b=2) or https://example.org/x.')).toBe(
      '<p><a href="https://example.org/p?a=1&amp;b=2">Powell</a> or <a href="https://example.org/x">https://example.org/x</a>.</p>',
    );
    expect(renderMarkdown('- one\n- two\n\n1. first\n2. second')).toBe('<ul><li>one</li><li>two</li></ul>\n<ol><li>first</li><li>second</li></ol>');
    expect(renderMarkdown('## The ballet')).toBe('<h2>The ballet</h2>');
    expect(renderMarkdown('```js\nconst x = "<b>";\n```')).toBe('<pre><code class="lang-js">const x = &quot;&lt;b&gt;&quot;;</code></pre>');
    expect(renderMarkdown('> said\n> twice')).toBe('<blockquote><p>said<br>\ntwice</p></blockquote>');
  });

  it('escapes markup it did not make, and leaves unsafe links as text', () => {
    expect(renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>');
    expect(renderMarkdown('[click](javascript:alert(1))')).not.toContain('<a');
    expect(renderMarkdown('[quote="x\\" onmouseover=\\"alert(1), post:1, topic:2"]\nq\n[/quote]')).not.toMatch(/onmouseover="/);
  });
});
