// The searchable text of a post's HTML. It runs in the index worker, which has no DOM parser, so
// it reads the forum's HTML with a small tag scanner: the text is only indexed and shown as plain
// text in snippets, never put into the DOM as HTML. A plain post's text is its own already.
import type { Post } from '../../../shared/model';
import { ownTextOfPlain } from '../../../shared/plain-text';

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  copy: '©',
};

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

// Block elements end a word even when the HTML has no space between them ("<p>a</p><p>b</p>").
const BLOCK_TAGS = new Set(['p', 'br', 'div', 'li', 'ul', 'ol', 'pre', 'blockquote', 'aside', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'td', 'th', 'hr', 'details', 'summary', 'code', 'img']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|<!--[\s\S]*?-->/g;

/**
 * The words a person wrote in a post, spaced as its HTML spaces them (a block's end is a line
 * break). Snippets and phrase checks do not mind the spacing, and tidying it cost a fifth of
 * indexing a post. Quotes of other posts (Discourse's `aside.quote`) are left out, so a search
 * finds the post that said something rather than every reply quoting it; so are pictures' lightbox
 * captions (a file name and a size). The index keeps the
 * posts' texts separated by NUL, so a NUL in a post becomes a space.
 */
export function postTextOf(html: string): string {
  return withoutNul(decodeEntities(textOfHtml(html)));
}

/** The searchable text of a post in either format: a plain post's own lines are read as written, never as HTML. */
export function searchableBodyOf(post: Pick<Post, 'html' | 'bodyFormat'>): string {
  return post.bodyFormat === 'plain' ? withoutNul(ownTextOfPlain(post.html)) : postTextOf(post.html);
}

const withoutNul = (text: string) => (text.includes('\u0000') ? text.replaceAll('\u0000', ' ') : text);

function textOfHtml(html: string): string {
  let out = '';
  let last = 0;
  let quoteDepth = 0;
  let skipDepth = 0;
  // Inside Discourse's a.lightbox: a picture and its caption (div.meta: file name, "480×270 454
  // Bytes"), which the reader shows as decoration, not as the post's words. Links do not nest.
  let inLightbox = false;
  for (const match of html.matchAll(TAG)) {
    const index = match.index;
    if (quoteDepth === 0 && skipDepth === 0 && !inLightbox) out += html.slice(last, index);
    last = index + match[0].length;
    const closing = match[1] === '/';
    const tag = (match[2] ?? '').toLowerCase();
    if (!tag) continue;
    if (tag === 'a') {
      inLightbox = !closing && /class\s*=\s*["'][^"']*\blightbox\b/.test(match[3] ?? '');
    } else if (tag === 'aside') {
      if (closing) quoteDepth = Math.max(0, quoteDepth - 1);
      else if (quoteDepth > 0 || /class\s*=\s*["'][^"']*\bquote\b/.test(match[3] ?? '')) quoteDepth += 1;
    } else if (tag === 'script' || tag === 'style') {
      skipDepth = closing ? Math.max(0, skipDepth - 1) : skipDepth + 1;
    }
    if (BLOCK_TAGS.has(tag) && quoteDepth === 0) out += '\n';
  }
  if (quoteDepth === 0 && skipDepth === 0 && !inLightbox) out += html.slice(last);
  return out;
}
