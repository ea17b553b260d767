// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizePostHtml } from '../../../renderer/ui/sanitize-post-html';
import { EVIL, XSS_PAYLOADS } from '../../e2e/fixtures/xss-payloads';

const FORUM = 'https://forum.example.org';
const offline = { remoteImages: false, baseUrl: FORUM };
const withImages = { remoteImages: true, baseUrl: FORUM };

const FORBIDDEN_ELEMENTS = 'script, iframe, frame, frameset, object, embed, applet, form, input, button, select, textarea, style, link, meta, base, svg, math, video, audio, source, picture, portal, template, noscript';

function parse(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

/** Everything in sanitised output that could run, load, submit or restyle. */
function dangers(html: string): string[] {
  const found: string[] = [];
  const content = parse(html);
  for (const element of content.querySelectorAll(FORBIDDEN_ELEMENTS)) found.push(`<${element.tagName.toLowerCase()}>`);
  for (const element of content.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (name.startsWith('on')) found.push(`${name}=`);
      if (['style', 'id', 'name', 'srcset', 'ping', 'background', 'poster', 'formaction', 'xlink:href', 'target'].includes(name)) found.push(`${name}=`);
      if ((name === 'href' || name === 'src') && !/^(https?:|mailto:|#|data:image\/(png|gif|jpeg|webp);)/.test(value)) found.push(`${name}=${value}`);
    }
    const classes = element.getAttribute('class');
    if (classes && /toolbar|sync-bar|banner|post|thread/.test(classes)) found.push(`class=${classes}`);
  }
  return found;
}

describe('sanitizePostHtml', () => {
  it('is checked by a detector that does see the danger in the raw payloads', () => {
    const flagged = XSS_PAYLOADS.filter((payload) => dangers(payload.html).length > 0 || payload.html.includes(EVIL));
    // Those the detector passes raw are the parser tricks that are harmless once parsed as a whole.
    expect(flagged.length).toBeGreaterThan(XSS_PAYLOADS.length * 0.85);
  });

  it(`leaves nothing that could run, load or restyle in ${XSS_PAYLOADS.length} known payloads`, () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(100);
    for (const payload of XSS_PAYLOADS) {
      const clean = sanitizePostHtml(payload.html, offline);
      expect({ n: payload.n, dangers: dangers(clean) }).toEqual({ n: payload.n, dangers: [] });
      expect({ n: payload.n, evil: clean.includes('evil.example') && /(src|href)="[^"]*evil\.example/.test(clean) }).toEqual({ n: payload.n, evil: false });
    }
  });

  it('keeps payloads harmless with remote images on, and still drops tracking pixels', () => {
    for (const payload of XSS_PAYLOADS) {
      const clean = sanitizePostHtml(payload.html, withImages);
      expect({ n: payload.n, dangers: dangers(clean) }).toEqual({ n: payload.n, dangers: [] });
    }
    expect(sanitizePostHtml(`<p>x<img src="${EVIL}/pixel.gif" width="1" height="1"></p>`, withImages)).toBe('<p>x</p>');
  });

  it('turns a remote image into a placeholder with its alt text while remote images are off', () => {
    const clean = sanitizePostHtml('<p><img src="https://images.example.org/still.jpg" alt="The ballet, act two"></p>', offline);
    expect(clean).toBe('<p><span class="image-placeholder" title="Remote image not loaded">Image: The ballet, act two</span></p>');
  });

  it('loads a remote https image only when allowed, never a plain-http one', () => {
    expect(sanitizePostHtml('<img src="https://images.example.org/a.jpg" alt="a">', withImages)).toContain('src="https://images.example.org/a.jpg"');
    expect(sanitizePostHtml('<img src="http://images.example.org/a.jpg" alt="a">', withImages)).toContain('image-placeholder');
    // Relative images are the forum's, not the reader's own origin.
    expect(sanitizePostHtml('<img src="/uploads/a.png" alt="a">', withImages)).toContain(`src="${FORUM}/uploads/a.png"`);
  });

  it('shows an emoji the forum would load as an image as its text', () => {
    expect(sanitizePostHtml('<p>Great <img src="/images/emoji/smile.png" class="emoji" alt=":smile:"></p>', offline)).toBe('<p>Great :smile:</p>');
  });

  it('keeps inline data images, which load nothing', () => {
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAYAAACp8Z5+AAAAEUlEQVR4nGNgYGD4z8DAwMAAAA0ABQ6ZJ7gAAAAASUVORK5CYII=';
    expect(sanitizePostHtml(`<img src="${png}" alt="dot" width="4" height="4">`, offline)).toContain(`src="${png}"`);
  });

  it('resolves relative links against the forum and marks every link noopener', () => {
    const clean = sanitizePostHtml('<a href="/t/some-topic/12/3">there</a> <a href="https://example.org/">out</a>', offline);
    expect(clean).toContain(`href="${FORUM}/t/some-topic/12/3"`);
    expect(clean.match(/rel="noopener noreferrer nofollow"/g)).toHaveLength(2);
  });

  it("keeps Discourse's quote markup and its source attributes", () => {
    const quote = '<aside class="quote no-group" data-username="steve_c" data-post="4" data-topic="1377"><div class="title">steve_c:</div><blockquote><p>Yes</p></blockquote></aside>';
    expect(sanitizePostHtml(quote, offline)).toBe(
      '<aside class="quote" data-username="steve_c" data-post="4" data-topic="1377"><div class="title">steve_c:</div><blockquote><p>Yes</p></blockquote></aside>',
    );
  });

  it('keeps preformatted text exactly, spaces and all', () => {
    const art = '<pre><code>------- __@\n----- _`\\&lt;,_\n---- (*)/ (*)------- ----__@</code></pre>';
    expect(sanitizePostHtml(art, offline)).toBe(art);
  });
});

describe('a forum that keeps its pictures', () => {
  const kept = { remoteImages: true, keptImages: true, baseUrl: FORUM };
  const LIGHTBOX = `<div class="lightbox-wrapper"><a class="lightbox" href="/uploads/default/original/1X/abc.jpeg"><img src="/uploads/default/optimized/1X/abc_2_690x388.jpeg" srcset="/uploads/default/optimized/1X/abc_2_1035x582.jpeg 1.5x" alt="The ballet" width="690" height="388"></a></div>`;

  it('loads no image from anywhere, even with "Load remote images" on: each keeps its address aside, as written', () => {
    const html = sanitizePostHtml(`${LIGHTBOX}<p><img src="https://cdn.example.com/still.png" alt="A still" width="40" height="30"></p>`, kept);
    const images = [...parse(html).querySelectorAll('img')];
    expect(images.map((image) => [image.getAttribute('src'), image.getAttribute('srcset'), image.getAttribute('data-kept-src'), image.getAttribute('alt')])).toEqual([
      [null, null, '/uploads/default/optimized/1X/abc_2_690x388.jpeg', 'The ballet'],
      [null, null, 'https://cdn.example.com/still.png', 'A still'],
    ]);
  });

  it("shows a lightbox's caption from an attribute, so it is no part of the post's text", () => {
    // As Discourse cooks an upload (CookedProcessorMixin#add_lightbox!): div.meta after the picture, inside the link.
    const cooked =
      '<p>Before</p><div class="lightbox-wrapper"><a class="lightbox" href="/uploads/default/original/1X/abc.png" data-download-href="/uploads/default/abc" title="red-shoes.png">' +
      '<img src="/uploads/default/original/1X/abc.png" alt="red-shoes.png" data-base62-sha1="x" width="480" height="270">' +
      '<div class="meta"><svg class="fa d-icon d-icon-far-image svg-icon" aria-hidden="true"><use href="#far-image"></use></svg><span class="filename">red-shoes.png</span>' +
      '<span class="informations">480×270 454 Bytes</span><svg class="fa d-icon d-icon-discourse-expand svg-icon" aria-hidden="true"><use href="#discourse-expand"></use></svg></div></a></div><p>After</p>';
    // Not kept and not loaded, the picture is its placeholder, which is text.
    for (const [options, text] of [[kept, 'BeforeAfter'], [offline, 'BeforeImage: red-shoes.pngAfter']] as const) {
      const body = parse(sanitizePostHtml(cooked, options));
      expect(body.textContent).toBe(text);
      expect(body.querySelector('.lightbox .meta')?.getAttribute('data-caption')).toBe('red-shoes.png · 480×270 454 Bytes');
    }
    // Only the reader writes that attribute: a forum's own goes.
    expect(sanitizePostHtml('<p data-caption="Fake">x</p>', kept)).toBe('<p>x</p>');
  });

  it('emoji still become their text', () => {
    const html = sanitizePostHtml('<p>Lovely <img src="/images/emoji/twitter/heart.png?v=12" class="emoji" alt=":heart:" width="20" height="20"></p>', kept);
    expect(html).toBe('<p>Lovely :heart:</p>');
  });

  it('a post cannot name a kept address itself: its own data-kept-src goes, on pictures and elsewhere', () => {
    const html = sanitizePostHtml('<p data-kept-src="x"><img data-kept-src="/uploads/other.png" alt="Mine" width="40" height="30"></p>', kept);
    expect(html).not.toContain('data-kept-src');
    expect(sanitizePostHtml('<img src="/uploads/a.png" data-kept-src="/uploads/other.png" width="40" height="30">', kept)).toContain('data-kept-src="/uploads/a.png"');
    // Without keeping, nothing of it survives either.
    expect(sanitizePostHtml('<img src="/uploads/a.png" data-kept-src="/uploads/other.png" width="40" height="30">', offline)).not.toContain('data-kept-src');
  });
});
