// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { plainTextHtml, postHtmlOf } from '../../../renderer/ui/plain-text-html';
import { sanitizePostHtml } from '../../../renderer/ui/sanitize-post-html';
import { EVIL, XSS_PAYLOADS } from '../../e2e/fixtures/xss-payloads';

function shown(text: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = sanitizePostHtml(plainTextHtml(text));
  return template.content;
}

/** The elements and attributes a plain post may become; anything else came from the article's text. */
function structure(content: DocumentFragment): string[] {
  return [...content.querySelectorAll('*')].map((element) =>
    [element.tagName.toLowerCase(), ...[...element.attributes].map((a) => `${a.name}=${a.value}`)].join(' '),
  );
}

describe('a plain post as the reader shows it', () => {
  it('is its lines as written, ending each block with a line break', () => {
    const art = ' _____\n|  _  |\n| |_| |   <- a box\n|_____|';
    const content = shown(art);
    expect(structure(content)).toEqual(['div class=plain-text']);
    expect(content.textContent).toBe(`${art}\n`);
  });

  it('shows ">" levels as nested Discourse-style quotes', () => {
    const content = shown('Alice wrote:\n> one\n> > two\n> one again\nMine.');
    expect(structure(content)).toEqual([
      'div class=plain-text',
      'aside class=quote',
      'blockquote',
      'div class=plain-text',
      'aside class=quote',
      'blockquote',
      'div class=plain-text',
      'div class=plain-text',
      'div class=plain-text',
    ]);
    const outer = content.children[1]!.firstElementChild!;
    expect([...outer.children].map((child) => child.textContent)).toEqual(['one\n', 'two\n', 'one again\n']);
    expect(outer.querySelector('aside.quote blockquote')!.textContent).toBe('two\n');
    expect(content.lastElementChild!.textContent).toBe('Mine.\n');
  });

  it('puts the signature last, as its own block, for signature folding to find', () => {
    const content = shown('Text.\n-- \nJane | jane.example.org');
    expect(content.children).toHaveLength(2);
    expect(content.lastElementChild!.textContent).toBe('-- \nJane | jane.example.org\n');
  });

  it('makes web addresses links and leaves the punctuation after them', () => {
    const content = shown('See https://example.org/a_(b) and (http://example.org/x). Or https://example.org/q?x=1&y=2, ok');
    expect([...content.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://example.org/a_(b)',
      'http://example.org/x',
      'https://example.org/q?x=1&y=2',
    ]);
    expect(content.textContent).toBe('See https://example.org/a_(b) and (http://example.org/x). Or https://example.org/q?x=1&y=2, ok\n');
  });

  it('shows hostile text as text: nothing of it becomes an element or an attribute, only web addresses links', () => {
    const hostile = [...XSS_PAYLOADS.map((payload) => payload.html), 'javascript:alert(1)', `<a href="javascript:alert(1)">x</a>`, 'data:text/html,<script>alert(1)</script>'];
    const text = hostile.join('\n');
    const content = shown(text);
    const unexpected = structure(content).filter(
      (element) => element !== 'div class=plain-text' && !/^a href=https?:\/\/\S+ rel=noopener noreferrer nofollow$/.test(element),
    );
    expect(unexpected).toEqual([]);
    expect(content.textContent).toBe(`${text}\n`);
    // An address inside markup is a link made of its text; the markup around it stays text.
    const image = shown(`<img src="${EVIL}/x.png" onerror=alert(1)>`);
    expect(structure(image)).toEqual(['div class=plain-text', `a href=${EVIL}/x.png rel=noopener noreferrer nofollow`]);
    expect(image.textContent).toBe(`<img src="${EVIL}/x.png" onerror=alert(1)>\n`);
    expect(shown('javascript:alert(1) and JAVASCRIPT://%0aalert(1)').querySelectorAll('a')).toHaveLength(0);
  });

  it('keeps lines that start with "." intact', () => {
    expect(shown('.\n.. two\n.signature').textContent).toBe('.\n.. two\n.signature\n');
  });

  it('leaves HTML posts as they are', () => {
    expect(postHtmlOf({ html: '<p>a &lt; b</p>', bodyFormat: 'html' })).toBe('<p>a &lt; b</p>');
    expect(postHtmlOf({ html: '<p>a &lt; b</p>' })).toBe('<p>a &lt; b</p>');
    expect(postHtmlOf({ html: '<p>a &lt; b</p>', bodyFormat: 'plain' })).toBe('<div class="plain-text">&lt;p&gt;a &amp;lt; b&lt;/p&gt;\n</div>');
  });
});
