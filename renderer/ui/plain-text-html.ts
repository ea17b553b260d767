// A plain-text post (a newsgroup article) as the HTML the reader shows: each run of lines a
// `div.plain-text` (spacing kept by CSS), each ">" level a Discourse-style quote
// (`aside.quote > blockquote`), web addresses links, and the signature the last block, where
// signature folding finds it. The article's text only ever becomes DOM text nodes: nothing in it is
// parsed as markup, so nothing in it can run or load. Every post's HTML, this included, then passes
// the same sanitiser.
import type { Post } from '../../shared/model';
import { parsePlainText } from '../../shared/plain-text';

/** Web addresses written out in the text; anything else (javascript:, news:) stays text. */
const WEB_ADDRESS = /\bhttps?:\/\/[^\s<>"]+/gi;
/** Closing punctuation a sentence puts after an address is not part of it. */
const TRAILING_PUNCTUATION = /[.,;:!?'"]+$/;

/** The class the reader gives a plain post's lines (the sanitiser lets it through). */
export const PLAIN_TEXT_CLASS = 'plain-text';

function appendWithLinks(doc: Document, parent: Element, text: string): void {
  let last = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    let address = match[0].replace(TRAILING_PUNCTUATION, '');
    // "(see http://x/y)": the parenthesis closes the sentence unless the address opened one.
    if (address.endsWith(')') && !address.includes('(')) address = address.slice(0, -1);
    const start = match.index;
    if (start > last) parent.append(doc.createTextNode(text.slice(last, start)));
    const link = doc.createElement('a');
    link.setAttribute('href', address);
    link.append(doc.createTextNode(address));
    parent.append(link);
    last = start + address.length;
  }
  if (last < text.length) parent.append(doc.createTextNode(text.slice(last)));
}

function linesBlock(doc: Document, lines: readonly string[]): HTMLElement {
  const block = doc.createElement('div');
  block.className = PLAIN_TEXT_CLASS;
  // Each block ends in a line break, so the body's text is the lines as written, one per line.
  appendWithLinks(doc, block, `${lines.join('\n')}\n`);
  return block;
}

export function plainTextHtml(text: string): string {
  // A document of its own with no browsing context: nothing built in it can load or run.
  const doc = document.implementation.createHTMLDocument('');
  const root = doc.createElement('div');
  const { blocks, signature } = parsePlainText(text);
  // open[d] is where lines at depth d go; deeper levels open quotes inside shallower ones.
  const open: Element[] = [root];
  for (const block of blocks) {
    open.length = Math.min(open.length, block.depth + 1);
    while (open.length <= block.depth) {
      const aside = doc.createElement('aside');
      aside.className = 'quote';
      const quote = doc.createElement('blockquote');
      aside.append(quote);
      open[open.length - 1]!.append(aside);
      open.push(quote);
    }
    open[open.length - 1]!.append(linesBlock(doc, block.lines));
  }
  if (signature) root.append(linesBlock(doc, signature));
  return root.innerHTML;
}

const converted = new WeakMap<object, string>();

/** A post's body as HTML, whatever it was written in; for a plain post, built once per stored version. */
export function postHtmlOf(post: Pick<Post, 'html' | 'bodyFormat'>): string {
  if (post.bodyFormat !== 'plain') return post.html;
  let html = converted.get(post);
  if (html === undefined) converted.set(post, (html = plainTextHtml(post.html)));
  return html;
}
