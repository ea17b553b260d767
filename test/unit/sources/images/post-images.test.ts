import { describe, expect, it } from 'vitest';
import { imagesOfPost } from '../../../../main/sources/images/post-images';

const FORUM = 'https://forum.example.org';

// Cooked HTML as Discourse serves it (lightbox from a post on a hosted forum whose uploads are on a
// CDN, trimmed of its meta icons; onebox and emoji markup as cooked_post_processor leaves them).
const LIGHTBOX_ON_CDN = `<p><div class="lightbox-wrapper"><a class="lightbox" href="https://us1.discourse-cdn.com/flex002/uploads/forum/original/3X/3/6/36ffcd.png" data-download-href="/uploads/short-url/7QxPKKqjXRnATSRDkoAI62WOkHm.png?dl=1" title="image" rel="noopener nofollow ugc"><img src="https://us1.discourse-cdn.com/flex002/uploads/forum/optimized/3X/3/6/36ffcd_2_690x387.png" alt="image" data-base62-sha1="7QxPKKqjXRnATSRDkoAI62WOkHm" width="690" height="387" srcset="https://us1.discourse-cdn.com/flex002/uploads/forum/optimized/3X/3/6/36ffcd_2_690x387.png, https://us1.discourse-cdn.com/flex002/uploads/forum/optimized/3X/3/6/36ffcd_2_1035x580.png 1.5x" data-dominant-color="A6A4A8"><div class="meta"><svg class="fa d-icon d-icon-far-image svg-icon" aria-hidden="true"><use href="#far-image"></use></svg><span class="filename">image</span><span class="informations">1920×1080 143 KB</span></div></a></div></p>`;
const LIGHTBOX_SAME_ORIGIN = `<div class="lightbox-wrapper"><a class="lightbox" href="//forum.example.org/uploads/default/original/1X/abc.jpeg" title="Moira"><img src="/uploads/default/optimized/1X/abc_2_500x500.jpeg" alt="Moira dancing" width="500" height="500"></a></div>`;
const ONEBOX = `<aside class="onebox allowlistedgeneric" data-onebox-src="https://github.com/a/b">
  <header class="source">
      <img src="https://github.githubassets.com/favicons/favicon.svg" class="site-icon" width="32" height="32">
      <a href="https://github.com/a/b" target="_blank" rel="noopener nofollow ugc">GitHub</a>
  </header>
  <article class="onebox-body">
    <div class="aspect-image" style="--aspect-ratio:690/344;"><img src="https://opengraph.githubassets.com/86b9/a/b" class="thumbnail" width="690" height="345"></div>
  </article>
</aside>`;
const EMOJI = `<p>Lovely <img src="/images/emoji/twitter/heart_eyes.png?v=12" title=":heart_eyes:" class="emoji" alt=":heart_eyes:" loading="lazy" width="20" height="20"> and a custom one <img src="/uploads/default/original/1X/party.png?v=12" title=":party:" class="emoji emoji-custom" alt=":party:"></p>`;
const QUOTE = `<aside class="quote no-group" data-username="moira" data-post="3" data-topic="7"><div class="title"><div class="quote-controls"></div><img alt="" width="24" height="24" src="/user_avatar/forum.example.org/moira/48/12_2.png" class="avatar"> moira:</div><blockquote><p>The ballet!</p></blockquote></aside>`;

describe('imagesOfPost', () => {
  it('keeps the thumbnail a lightbox shows and remembers its original, on a CDN without credentials', () => {
    expect(imagesOfPost(LIGHTBOX_ON_CDN, FORUM).images).toEqual([
      {
        url: 'https://us1.discourse-cdn.com/flex002/uploads/forum/optimized/3X/3/6/36ffcd_2_690x387.png',
        src: 'https://us1.discourse-cdn.com/flex002/uploads/forum/optimized/3X/3/6/36ffcd_2_690x387.png',
        original: 'https://us1.discourse-cdn.com/flex002/uploads/forum/original/3X/3/6/36ffcd.png',
        kind: 'upload',
        alt: 'image',
        width: 690,
        height: 387,
        sameOrigin: false,
      },
    ]);
  });

  it('resolves relative and protocol-relative uploads against the forum, which may get credentials', () => {
    expect(imagesOfPost(LIGHTBOX_SAME_ORIGIN, FORUM).images).toEqual([
      {
        url: 'https://forum.example.org/uploads/default/optimized/1X/abc_2_500x500.jpeg',
        src: '/uploads/default/optimized/1X/abc_2_500x500.jpeg',
        original: 'https://forum.example.org/uploads/default/original/1X/abc.jpeg',
        kind: 'upload',
        alt: 'Moira dancing',
        width: 500,
        height: 500,
        sameOrigin: true,
      },
    ]);
  });

  it('keeps a onebox picture and leaves the linked site’s favicon', () => {
    const found = imagesOfPost(ONEBOX, FORUM);
    expect(found.images).toEqual([{ url: 'https://opengraph.githubassets.com/86b9/a/b', src: 'https://opengraph.githubassets.com/86b9/a/b', kind: 'onebox', alt: '', width: 690, height: 345, sameOrigin: false }]);
    expect(found.skipped.siteIcon).toBe(1);
  });

  it('leaves emoji, standard and custom, to their alt text', () => {
    const found = imagesOfPost(EMOJI, FORUM);
    expect(found.images).toEqual([]);
    expect(found.skipped.emoji).toBe(2);
  });

  it('leaves a quote’s avatar unless avatars are asked for', () => {
    expect(imagesOfPost(QUOTE, FORUM)).toMatchObject({ images: [], skipped: { avatar: 1 } });
    expect(imagesOfPost(QUOTE, FORUM, { includeAvatars: true }).images).toEqual([
      { url: 'https://forum.example.org/user_avatar/forum.example.org/moira/48/12_2.png', src: '/user_avatar/forum.example.org/moira/48/12_2.png', kind: 'avatar', alt: '', width: 24, height: 24, sameOrigin: true },
    ]);
  });

  it('a plain upload and a hotlinked picture, with &amp; in the address decoded, each kept once', () => {
    const html = `<p><img src="/uploads/default/original/1X/still.gif" alt="A still"></p><p><img src='http://films.example.com/still.jpg?w=600&amp;h=400' alt=stills></p><p><img src="/uploads/default/original/1X/still.gif"></p>`;
    expect(imagesOfPost(html, FORUM).images).toEqual([
      { url: 'https://forum.example.org/uploads/default/original/1X/still.gif', src: '/uploads/default/original/1X/still.gif', kind: 'upload', alt: 'A still', sameOrigin: true },
      { url: 'http://films.example.com/still.jpg?w=600&h=400', src: 'http://films.example.com/still.jpg?w=600&h=400', kind: 'inline', alt: 'stills', sameOrigin: false },
    ]);
  });

  it('only http and https: data:, javascript: and file: addresses are left', () => {
    const html = `<img src="data:image/png;base64,AAAA"><img src="javascript:alert(1)"><img src="file:///etc/passwd"><img src="https://forum.example.org:99999/x.png">`;
    expect(imagesOfPost(html, FORUM)).toMatchObject({ images: [], skipped: { notHttp: 4 } });
  });

  it('does not see pictures in comments, scripts or attribute values', () => {
    const html = `<!-- <img src="/a.png"> --><script>"<img src='/b.png'>"</SCRIPT ><p title="<img src='/c.png'>">text</p><img src="/d.png">`;
    expect(imagesOfPost(html, FORUM).images.map((image) => image.url)).toEqual(['https://forum.example.org/d.png']);
  });

  it('a picture after the lightbox closes is not taken for its thumbnail', () => {
    const html = `${LIGHTBOX_SAME_ORIGIN}<p><img src="/uploads/default/original/1X/next.png"></p>`;
    expect(imagesOfPost(html, FORUM).images[1]).toEqual({ url: 'https://forum.example.org/uploads/default/original/1X/next.png', src: '/uploads/default/original/1X/next.png', kind: 'upload', alt: '', sameOrigin: true });
  });

  it('keeps at most the cap of pictures a post, and counts the rest', () => {
    const html = Array.from({ length: 150 }, (_, index) => `<img src="/uploads/default/original/1X/${index}.png">`).join('');
    const found = imagesOfPost(html, FORUM);
    expect(found.images).toHaveLength(100);
    expect(found.skipped.overLimit).toBe(50);
  });

  it('reads only the start of a post longer than the cap, and says so', () => {
    const html = `<img src="/first.png">${'x'.repeat(2_000)}<img src="/late.png">`;
    const found = imagesOfPost(html, FORUM, { maxHtmlChars: 1_000 });
    expect(found.images.map((image) => image.url)).toEqual(['https://forum.example.org/first.png']);
    expect(found.truncated).toBe(true);
  });

  it('hostile markup ends: unclosed tags, quotes and comments, deep nesting, junk', () => {
    const cases = [
      '<img src="/a.png',
      '<img src=/a.png',
      '<div class="lightbox-wrapper"><a class="lightbox" href="/o.png"><img src="/t.png"',
      '<!-- never closed <img src="/a.png">',
      '<script><img src="/a.png">',
      '<' + '<'.repeat(10_000),
      '<div>'.repeat(100_000) + '<img src="/deep.png">',
      '<img ==== src="/a.png" = =>',
      '</div></div></a><img src="/a.png">',
      '<img src="/a.png"/><img/src="/b.png">',
    ];
    for (const html of cases) {
      const found = imagesOfPost(html, FORUM);
      for (const image of found.images) expect(image.url.startsWith('https://forum.example.org/')).toBe(true);
    }
    expect(imagesOfPost('<div>'.repeat(100_000) + '<img src="/deep.png">', FORUM).images).toHaveLength(1);
  });

  it('random markup-ish text never throws and gives only http(s) addresses', () => {
    let state = 7;
    const next = () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    const pieces = ['<', '>', '/', '"', "'", '=', ' ', 'img', 'src', 'a', 'class', 'lightbox', 'onebox', 'emoji', '<!--', '-->', 'script', '&amp;', '/u.png', 'http://x/y.png', '\n'];
    for (let round = 0; round < 2_000; round += 1) {
      const html = Array.from({ length: Math.floor(next() * 80) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
      for (const image of imagesOfPost(html, FORUM).images) expect(image.url).toMatch(/^https?:\/\//);
    }
  });
});
