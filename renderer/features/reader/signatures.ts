// Signature folding. A signature is the trailing block (last top-level element) that an author
// repeats at the end of their posts: the sample thread's OP ends five posts with "It is my
// business to protect your majesty.... against all things." (once in quotation marks). The first
// post that carries it shows it, dimmed; the others fold it into a "Signature" disclosure.
// A plain post (a newsgroup article) says where its signature starts, with a "-- " line: that
// block is a signature even when it appears once, and it folds and shows by the same rules.

import type { Post } from '../../../shared/model';
import { parsePlainText } from '../../../shared/plain-text';

/** How much of a post a signature may be; longer repeated blocks are content, not a signature. */
const MAX_SIGNATURE_CHARS = 400;
/**
 * Share of an author's posts that must end in the same block. People who sign, sign most posts;
 * without this, an author of fifty posts who happens to end two alike would be taken to sign.
 */
const MIN_SHARE = 0.25;

/** Text compared between posts: case, quotation marks, punctuation and spacing do not count. */
export function normalizeSignatureText(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase();
  const words = folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  // A block of symbols alone (ASCII art) is compared by its symbols.
  return words !== '' ? words : folded.replace(/\s+/g, ' ').trim();
}

const parser = (): HTMLTemplateElement => document.createElement('template');

export function lastBlock(content: DocumentFragment): Element | null {
  for (let node = content.lastChild; node; node = node.previousSibling) {
    if (node.nodeType === Node.ELEMENT_NODE) return node as Element;
    if (node.nodeType === Node.TEXT_NODE && node.textContent?.trim()) return null;
  }
  return null;
}

/** Whether anything but whitespace comes before `block` at the top level. */
export function hasContentBefore(block: Element): boolean {
  for (let node = block.previousSibling; node; node = node.previousSibling) {
    if (node.nodeType === Node.ELEMENT_NODE || node.textContent?.trim()) return true;
  }
  return false;
}

const isQuote = (element: Element) => element.tagName === 'ASIDE' || element.tagName === 'BLOCKQUOTE';

/**
 * The comparable text of a post's trailing block, or null when it has none that could be a
 * signature (a quote, or nothing but whitespace). Parsing happens in a template, which is inert:
 * unsanitised HTML can be read here without anything running or loading.
 */
export function trailingBlockKey(html: string): string | null {
  const paragraph = trailingParagraphText(html);
  if (paragraph !== null) return keyOf(paragraph);
  const holder = parser();
  holder.innerHTML = html;
  const block = lastBlock(holder.content);
  if (!block || isQuote(block)) return null;
  return keyOf(block.textContent ?? '');
}

function keyOf(text: string): string | null {
  const key = normalizeSignatureText(text);
  return key === '' || key.length > MAX_SIGNATURE_CHARS ? null : key;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The fast way for the common case, a post that ends in a paragraph: its text, read from the
 * string (paragraphs cannot nest, so the last "<p" opens it). A long thread is indexed without
 * building a DOM for each of its posts. Null when the post ends otherwise.
 */
function trailingParagraphText(html: string): string | null {
  const trimmed = html.trimEnd();
  if (!trimmed.endsWith('</p>')) return null;
  let open = trimmed.lastIndexOf('<p', trimmed.length - 4);
  while (open !== -1 && !/[\s>]/.test(trimmed.charAt(open + 2))) open = trimmed.lastIndexOf('<p', open - 1);
  if (open === -1) return null;
  const inner = trimmed.slice(trimmed.indexOf('>', open) + 1, -4);
  if (/<\/?(aside|blockquote|div|pre)\b/i.test(inner)) return null;
  return inner
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) =>
      name.startsWith('#x') || name.startsWith('#X')
        ? String.fromCodePoint(parseInt(name.slice(2), 16))
        : name.startsWith('#')
          ? String.fromCodePoint(Number(name.slice(1)))
          : (ENTITIES[name.toLowerCase()] ?? entity),
    );
}

export interface SignatureSource {
  username: string;
  postNumber: number;
  html: string;
  bodyFormat?: Post['bodyFormat'];
}

/** A post's trailing block as compared between posts; `declared` when the post marks it a signature. */
export interface TrailingBlock {
  key: string;
  declared: boolean;
}

/** The trailing block of a post in either format; null when it has none that could be a signature. */
export function trailingBlockOf(post: Pick<SignatureSource, 'html' | 'bodyFormat'>): TrailingBlock | null {
  if (post.bodyFormat !== 'plain') {
    const key = trailingBlockKey(post.html);
    return key === null ? null : { key, declared: false };
  }
  const signature = parsePlainText(post.html).signature;
  if (signature === null) return null;
  // Past its "-- " line, for a post that says it is a signature, however long.
  const key = normalizeSignatureText(signature.slice(1).join('\n'));
  return key === '' ? null : { key, declared: true };
}

/** 53-bit string hash: the index keeps hashes, not texts, so a 10,000-post thread stays small. */
function hashText(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export interface SignatureMatch {
  /** The lowest-numbered post that carries it: there it is shown, dimmed, not folded. */
  firstPostNumber: number;
}

/** What each author of a thread repeats at the end of their posts. */
export class SignatureIndex {
  private readonly postsByAuthor = new Map<string, number>();
  private readonly blocks = new Map<string, { count: number; first: number; declared: boolean }>();

  add(post: SignatureSource): void {
    this.postsByAuthor.set(post.username, (this.postsByAuthor.get(post.username) ?? 0) + 1);
    const block = trailingBlockOf(post);
    if (block === null) return;
    const id = `${post.username}\n${hashText(block.key)}`;
    const entry = this.blocks.get(id);
    if (entry) {
      entry.count += 1;
      entry.first = Math.min(entry.first, post.postNumber);
      entry.declared ||= block.declared;
    } else {
      this.blocks.set(id, { count: 1, first: post.postNumber, declared: block.declared });
    }
  }

  /** The signature this trailing block is, for this author; null when it is not one. */
  match(username: string, block: TrailingBlock | null): SignatureMatch | null {
    if (block === null) return null;
    const entry = this.blocks.get(`${username}\n${hashText(block.key)}`);
    if (!entry) return null;
    if (block.declared) return { firstPostNumber: entry.first };
    const posts = this.postsByAuthor.get(username) ?? 0;
    if (entry.count < 2 || entry.count < posts * MIN_SHARE) return null;
    return { firstPostNumber: entry.first };
  }
}

export type SignatureDisplay = 'none' | 'shown' | 'folded';

/**
 * How a post shows its trailing block: folded when it is a signature seen in an earlier post,
 * shown dimmed where it first appears or when the person asked to see every signature.
 */
export function signatureDisplay(match: SignatureMatch | null, postNumber: number, showSignatures: boolean): SignatureDisplay {
  if (!match) return 'none';
  if (showSignatures || match.firstPostNumber === postNumber) return 'shown';
  return 'folded';
}
