// Which pictures a kept post shows, read from Discourse's cooked HTML in main, where there is no
// DOM: a small tag scanner that only needs elements, their classes and a few attributes. It reads
// each character at most a fixed number of times, stops at a size cap and keeps at most a number
// of pictures, so a hostile post costs a bounded amount of work.
//
// The shapes it knows (lib/cooked_post_processor.rb, and posts as meta.discourse.org serves them):
//   upload, made small:  div.lightbox-wrapper > a.lightbox[href=original] > img[src=optimized thumbnail]
//                        The thumbnail (…/optimized/…_2_690x388.png) is what the post shows at 1x;
//                        it is kept, and the original (often several MB) is only remembered.
//   upload, small:       img[src=/uploads/…/original/…] with no lightbox
//   onebox:              aside.onebox article.onebox-body img.thumbnail (a link preview's picture);
//                        header.source img.site-icon, the linked site's favicon, is not kept:
//                        decoration, and often an .ico or .svg the reader refuses anyway
//   emoji:               img.emoji (src /images/emoji/…): not kept. They are the forum's own
//                        static assets, not what people posted; the same few hundred files on every
//                        forum, and their alt text (":smile:") reads well offline
//   avatar:              img.avatar in a quote's title: kept only when asked for
import { IMAGE_LIMITS } from './image-limits';

export type PostImageKind = 'upload' | 'onebox' | 'inline' | 'avatar';

export interface PostImage {
  /** What to fetch: the picture the post shows, resolved against the forum. */
  url: string;
  /**
   * The address as the post's HTML writes it: what the page finds the kept picture by. A relative
   * one resolves differently once the forum's address changes (the sample forum's port does).
   */
  src: string;
  /** The full-size original behind a lightbox thumbnail, when there is one. */
  original?: string;
  kind: PostImageKind;
  alt: string;
  width?: number;
  height?: number;
  /** The forum's own origin: credentials may go with the request; anywhere else they never do. */
  sameOrigin: boolean;
}

export interface PostImages {
  images: PostImage[];
  /** Pictures seen and left alone, by why. */
  skipped: { emoji: number; siteIcon: number; avatar: number; notHttp: number; overLimit: number };
  /** The HTML was longer than the cap and only its start was read. */
  truncated: boolean;
}

export interface PostImageOptions {
  includeAvatars?: boolean;
  maxImages?: number;
  maxHtmlChars?: number;
}

interface OpenElement {
  name: string;
  classes: string[];
  href?: string;
}

/** Elements whose content is text, not markup. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'noscript', 'xmp', 'iframe', 'noembed', 'noframes']);
/** Elements that have no end tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Deeper nesting than this is not tracked; Discourse's deepest (quotes in quotes) is a few dozen. */
const MAX_DEPTH = 256;

export function imagesOfPost(cooked: string, forumOrigin: string, options: PostImageOptions = {}): PostImages {
  const maxImages = options.maxImages ?? IMAGE_LIMITS.maxImagesPerPost;
  const maxChars = options.maxHtmlChars ?? IMAGE_LIMITS.maxPostHtmlChars;
  const html = cooked.length > maxChars ? cooked.slice(0, maxChars) : cooked;
  const origin = new URL(forumOrigin).origin;
  const result: PostImages = { images: [], skipped: { emoji: 0, siteIcon: 0, avatar: 0, notHttp: 0, overLimit: 0 }, truncated: html.length < cooked.length };
  const seen = new Set<string>();
  const stack: OpenElement[] = [];

  const keepImage = (attributes: Map<string, string>) => {
    const classes = classList(attributes);
    const src = attributes.get('src');
    if (!src) return;
    if (classes.includes('emoji')) return void (result.skipped.emoji += 1);
    if (classes.includes('site-icon')) return void (result.skipped.siteIcon += 1);
    const isAvatar = classes.includes('avatar');
    if (isAvatar && !options.includeAvatars) return void (result.skipped.avatar += 1);
    const url = httpUrl(src, origin);
    if (!url) return void (result.skipped.notHttp += 1);
    if (seen.has(src)) return;
    if (result.images.length >= maxImages) return void (result.skipped.overLimit += 1);
    seen.add(src);
    const lightbox = stack.findLast((element) => element.name === 'a' && element.classes.includes('lightbox') && element.href);
    const inOnebox = stack.some((element) => element.classes.some((name) => name === 'onebox' || name === 'onebox-body' || name === 'lazy-video-container'));
    const original = lightbox?.href ? httpUrl(lightbox.href, origin) : null;
    const path = new URL(url).pathname;
    const kind: PostImageKind = isAvatar ? 'avatar' : inOnebox ? 'onebox' : lightbox || /\/(secure-)?(media-)?uploads\//.test(path) ? 'upload' : 'inline';
    const image: PostImage = { url, src, kind, alt: attributes.get('alt') ?? '', sameOrigin: new URL(url).origin === origin };
    if (original && original !== url) image.original = original;
    const width = dimension(attributes.get('width'));
    const height = dimension(attributes.get('height'));
    if (width) image.width = width;
    if (height) image.height = height;
    result.images.push(image);
  };

  let at = 0;
  while (at < html.length) {
    const open = html.indexOf('<', at);
    if (open < 0) break;
    if (html.startsWith('<!--', open)) {
      const end = html.indexOf('-->', open + 4);
      at = end < 0 ? html.length : end + 3;
      continue;
    }
    const next = html[open + 1] ?? '';
    if (next === '/') {
      const name = tagName(html, open + 2);
      const end = html.indexOf('>', open + 2);
      at = end < 0 ? html.length : end + 1;
      const index = stack.findLastIndex((element) => element.name === name);
      if (index >= 0) stack.length = index;
      continue;
    }
    if (!/[a-zA-Z]/.test(next)) {
      // "<!DOCTYPE", "<?xml", or a lone "<" in text.
      at = next === '!' || next === '?' ? skipPast(html, '>', open + 1) : open + 1;
      continue;
    }
    const name = tagName(html, open + 1);
    const tag = readAttributes(html, open + 1 + name.length);
    at = tag.end;
    if (name === 'img') keepImage(tag.attributes);
    if (RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}`, 'gi');
      close.lastIndex = at;
      at = close.exec(html)?.index ?? html.length;
      continue;
    }
    if (VOID.has(name) || tag.selfClosing || stack.length >= MAX_DEPTH) continue;
    const href = tag.attributes.get('href');
    stack.push({ name, classes: classList(tag.attributes), ...(href !== undefined && { href }) });
  }
  return result;
}

function tagName(html: string, from: number): string {
  let end = from;
  while (end < html.length && /[a-zA-Z0-9-]/.test(html[end] ?? '')) end += 1;
  return html.slice(from, end).toLowerCase();
}

function skipPast(html: string, text: string, from: number): number {
  const end = html.indexOf(text, from);
  return end < 0 ? html.length : end + text.length;
}

/** The attributes of a start tag from just after its name, and where the tag ends. */
function readAttributes(html: string, from: number): { attributes: Map<string, string>; end: number; selfClosing: boolean } {
  const attributes = new Map<string, string>();
  let at = from;
  let selfClosing = false;
  while (at < html.length) {
    const char = html[at] ?? '';
    if (char === '>') return { attributes, end: at + 1, selfClosing };
    if (/\s/.test(char)) {
      at += 1;
      continue;
    }
    if (char === '/') {
      selfClosing = html[at + 1] === '>';
      at += 1;
      continue;
    }
    selfClosing = false;
    let nameEnd = at;
    while (nameEnd < html.length && !/[\s=>/]/.test(html[nameEnd] ?? '')) nameEnd += 1;
    // A name always takes at least one character, so the scan moves on even over "=" or junk.
    if (nameEnd === at) nameEnd += 1;
    const name = html.slice(at, nameEnd).toLowerCase();
    at = nameEnd;
    while (at < html.length && /\s/.test(html[at] ?? '')) at += 1;
    if (html[at] !== '=') {
      if (!attributes.has(name)) attributes.set(name, '');
      continue;
    }
    at += 1;
    while (at < html.length && /\s/.test(html[at] ?? '')) at += 1;
    const quote = html[at];
    let value: string;
    if (quote === '"' || quote === "'") {
      const close = html.indexOf(quote, at + 1);
      const end = close < 0 ? html.length : close;
      value = html.slice(at + 1, end);
      at = end + 1;
    } else {
      let end = at;
      while (end < html.length && !/[\s>]/.test(html[end] ?? '')) end += 1;
      value = html.slice(at, end);
      at = end;
    }
    // As in HTML, the first of two same-named attributes wins.
    if (!attributes.has(name)) attributes.set(name, decodeEntities(value));
  }
  return { attributes, end: html.length, selfClosing };
}

function classList(attributes: Map<string, string>): string[] {
  return (attributes.get('class') ?? '').split(/\s+/).filter(Boolean);
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The character references Discourse writes in attributes; others are left as they are. */
function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,5});/gi, (whole, body: string) => {
    if (body[0] !== '#') return NAMED[body.toLowerCase()] ?? whole;
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** An absolute http(s) address for `src` (relative and protocol-relative ones are the forum's), or null. */
function httpUrl(src: string, origin: string): string | null {
  try {
    const url = new URL(src.trim(), `${origin}/`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function dimension(value: string | undefined): number | undefined {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 && number < 100_000 ? number : undefined;
}
