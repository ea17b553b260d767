// Forum HTML is hostile until proven otherwise: an allowlist sanitiser runs before anything
// reaches the DOM. What survives is plain document markup: no script, no event handlers, no
// javascript: URLs, no frames, forms, styles or ids (nothing can overlay or impersonate the UI),
// and no remote image unless the person asked for them and the machine is online. A forum that
// keeps its pictures never loads one: each picture's address is kept aside (KEPT_SRC) and the
// page shows the stored copy (ui/kept-pictures.ts).
import DOMPurify, { type Config } from 'dompurify';

export interface SanitizeOptions {
  /** Keep https images from other hosts. The caller decides (setting "Load remote images" and online). */
  remoteImages: boolean;
  /** The forum keeps its pictures: each image's src moves to KEPT_SRC, to be shown from storage. */
  keptImages?: boolean;
  /** The forum's address, against which relative links and images resolve (not the reader's own origin). */
  baseUrl: string | null;
}

const ALLOWED_TAGS = [
  'a', 'abbr', 'aside', 'b', 'blockquote', 'br', 'code', 'del', 'details', 'div', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'hr', 'i', 'img', 'ins', 'kbd', 'li', 'ol', 'p', 'pre', 's', 'small', 'span', 'strike', 'strong', 'sub', 'summary', 'sup',
  'table', 'tbody', 'td', 'th', 'thead', 'tr', 'u', 'ul',
];
const ALLOWED_ATTR = [
  'href', 'src', 'width', 'height', 'title', 'alt', 'class', 'data-username', 'data-post', 'data-topic', 'colspan', 'rowspan',
  'open', 'lang', 'dir',
];
// Post markup may only use the classes Discourse's cooked HTML uses, never the reader's own, and
// "plain-text", the lines of a plain post (plain-text-html.ts): in a forum's HTML it only keeps spacing.
// lightbox … informations: a picture's caption (its name, size and bytes), shown as one in reader.css.
const POST_CLASSES = /^(quote|title|mention|hashtag|onebox|spoiler|emoji|plain-text|lightbox-wrapper|lightbox|meta|filename|informations|lang-[a-z0-9-]+)$/;
const SAFE_LINK = /^(https?:|mailto:)/i;
const INLINE_IMAGE = /^data:image\/(png|gif|jpeg|webp);/i;
/** Images this small exist to report that a post was read, not to be seen. */
const PIXEL_SIZE = 2;

/** Where a lightbox's caption waits, shown by reader.css; only the reader sets it. */
const CAPTION = 'data-caption';

/** Where a kept picture's address waits, as the post's HTML writes it (the key it is stored by). */
export const KEPT_SRC = 'data-kept-src';

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#|\/|[\w.-]+(?:[/?#]|$)|data:image\/(?:png|gif|jpeg|webp);)/i,
};

type Purifier = ReturnType<typeof DOMPurify>;
const purifiers = new Map<string, Purifier>();

function purifierFor(options: SanitizeOptions): Purifier {
  const key = `${options.remoteImages}\n${options.keptImages === true}\n${options.baseUrl ?? ''}`;
  let purifier = purifiers.get(key);
  if (purifier) return purifier;
  purifier = DOMPurify();
  const resolve = (url: string): string | null => {
    try {
      return new URL(url, options.baseUrl ?? undefined).href;
    } catch {
      return null;
    }
  };
  purifier.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName !== 'img' || !(node instanceof Element)) return;
    const width = Number(node.getAttribute('width') ?? NaN);
    const height = Number(node.getAttribute('height') ?? NaN);
    if (width <= PIXEL_SIZE || height <= PIXEL_SIZE) {
      node.remove();
      return;
    }
    const src = node.getAttribute('src') ?? '';
    // Only the reader sets this, on pictures, below; the forum's own copy of it goes.
    node.removeAttribute(KEPT_SRC);
    if (INLINE_IMAGE.test(src)) return;
    if (options.keptImages) {
      node.removeAttribute('src');
      if (src && !node.classList.contains('emoji')) node.setAttribute(KEPT_SRC, src);
      return;
    }
    const absolute = resolve(src);
    // This runs in DOMPurify's inert document, so taking src away here means it never loads.
    if (options.remoteImages && absolute?.startsWith('https:')) node.setAttribute('src', absolute);
    else node.removeAttribute('src');
  });
  purifier.addHook('uponSanitizeAttribute', (node, data) => {
    if (data.attrName === KEPT_SRC && node.tagName === 'IMG') data.forceKeepAttr = true;
  });
  purifier.addHook('afterSanitizeAttributes', (node) => {
    const classes = node.getAttribute('class');
    if (classes !== null) {
      const kept = classes.split(/\s+/).filter((name) => POST_CLASSES.test(name));
      if (kept.length > 0) node.setAttribute('class', kept.join(' '));
      else node.removeAttribute('class');
    }
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      const absolute = href.startsWith('#') ? href : resolve(href);
      if (absolute && (absolute.startsWith('#') || SAFE_LINK.test(absolute))) node.setAttribute('href', absolute);
      else node.removeAttribute('href');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
    if (node.tagName === 'IMG' && node.hasAttribute('src')) {
      node.setAttribute('loading', 'lazy');
      node.setAttribute('referrerpolicy', 'no-referrer');
    }
  });
  purifiers.set(key, purifier);
  return purifier;
}

const template = (): HTMLTemplateElement => document.createElement('template');

/**
 * Sanitises one post's HTML. Images that may not load become a placeholder with their alt text
 * (emoji become their text); the placeholder markup is the reader's own, added after sanitising.
 */
export function sanitizePostHtml(html: string, options: SanitizeOptions = { remoteImages: false, baseUrl: null }): string {
  const clean = purifierFor(options).sanitize(html, CONFIG);
  if (!clean.includes('<img') && !clean.includes('lightbox')) return clean;
  // A template's content is inert: nothing in it loads while the placeholders go in.
  const holder = template();
  holder.innerHTML = clean;
  // A lightbox's caption (div.meta: the file name, "480×270 454 Bytes") is shown from an attribute
  // (reader.css), so it is no part of the post's text: not in a highlight's or a quote's text, a
  // bookmark's snippet or its export. Discourse's own search index leaves it out too
  // (SearchIndexer::HtmlScrubber keeps only a lightbox's link and picture).
  for (const meta of holder.content.querySelectorAll('.lightbox .meta')) {
    const caption = [...meta.querySelectorAll('.filename, .informations')].map((part) => part.textContent?.trim() ?? '').filter(Boolean);
    meta.replaceChildren();
    if (caption.length > 0) meta.setAttribute(CAPTION, caption.join(' · '));
  }
  for (const image of holder.content.querySelectorAll(`img:not([src]):not([${KEPT_SRC}])`)) {
    const alt = image.getAttribute('alt')?.trim() ?? '';
    if (image.classList.contains('emoji')) {
      image.replaceWith(alt);
      continue;
    }
    const placeholder = document.createElement('span');
    placeholder.className = 'image-placeholder';
    placeholder.title = 'Remote image not loaded';
    placeholder.textContent = alt ? `Image: ${alt}` : 'Image';
    image.replaceWith(placeholder);
  }
  return holder.innerHTML;
}
