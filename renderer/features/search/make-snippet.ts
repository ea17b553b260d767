// A short excerpt of a result's text around its first matched word, with every matched word
// flagged so the view can wrap it in <mark>. Words are compared folded, so "Café" is marked for
// "cafe"; the excerpt keeps the text as written.
import { foldedWords } from './fold-text';

export interface SnippetPart {
  text: string;
  marked: boolean;
}

export interface MarkWords {
  /** Folded words marked when equal. */
  exact: readonly string[];
  /** Folded prefixes marked when a word starts with one. */
  prefixes: readonly string[];
}

const WRITTEN_WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const PLAIN_WORD = /^[A-Za-z0-9]+$/;
const CONTEXT_BEFORE = 50;
const SNIPPET_LENGTH = 220;

/** Whether a written word is one the query matched. */
export function isMatchedWord(written: string, marks: MarkWords): boolean {
  // Plain ASCII words (most of them) fold by lower-casing; the rest take the full folding.
  const folded = PLAIN_WORD.test(written) ? written.toLowerCase() : foldedWords(written).join('');
  if (!folded) return false;
  return marks.exact.includes(folded) || marks.prefixes.some((prefix) => folded.startsWith(prefix));
}

/** Splits `text` into plain and marked runs (the whole text). */
export function markWords(text: string, marks: MarkWords): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let last = 0;
  for (const match of text.matchAll(WRITTEN_WORD)) {
    if (!isMatchedWord(match[0], marks)) continue;
    if (match.index > last) parts.push({ text: text.slice(last, match.index), marked: false });
    parts.push({ text: match[0], marked: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), marked: false });
  return parts;
}

export function makeSnippet(text: string, marks: MarkWords): SnippetPart[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  let first = -1;
  for (const match of flat.matchAll(WRITTEN_WORD)) {
    if (isMatchedWord(match[0], marks)) {
      first = match.index;
      break;
    }
  }
  let start = first <= CONTEXT_BEFORE ? 0 : flat.lastIndexOf(' ', first - CONTEXT_BEFORE) + 1;
  if (start < 0) start = 0;
  let end = Math.min(flat.length, start + SNIPPET_LENGTH);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > start + SNIPPET_LENGTH / 2) end = space;
  }
  const parts = markWords(flat.slice(start, end), marks);
  if (start > 0) parts.unshift({ text: '… ', marked: false });
  if (end < flat.length) parts.push({ text: ' …', marked: false });
  return parts;
}
