// Highlights are drawn by wrapping the text they cover in <mark class="highlight">, after the post
// HTML is sanitised and in the DOM (the sanitiser keeps no class of the reader's own, so a post
// cannot fake one). A passage across several elements becomes one mark per text node.

import { textPiecesOf } from './body-text';
import { anchorQuote, type TextQuote } from './text-quote';

export interface DrawnHighlight extends TextQuote {
  id: string;
  note: string;
}

export const MARK_CLASS = 'highlight';

/**
 * Draws each highlight that anchors in `body`; returns the ids of those that do not (orphaned)
 * and a function that takes every mark away again.
 */
export function drawHighlights(body: HTMLElement, highlights: readonly DrawnHighlight[]): { orphaned: string[]; erase: () => void } {
  const marks: HTMLElement[] = [];
  const orphaned: string[] = [];
  // Anchor every highlight before drawing any: drawing splits text nodes but keeps the text.
  const text = body.textContent ?? '';
  const anchored = highlights.flatMap((highlight) => {
    const span = anchorQuote(text, highlight);
    if (!span) orphaned.push(highlight.id);
    return span ? [{ highlight, span }] : [];
  });
  for (const { highlight, span } of anchored) {
    for (const piece of textPiecesOf(body, span)) {
      // Whitespace between blocks gets no mark: it would draw as a stray sliver.
      if (piece.node.data.slice(piece.start, piece.end).trim() === '') continue;
      marks.push(wrapPiece(piece.node, piece.start, piece.end, highlight));
    }
  }
  return { orphaned, erase: () => eraseMarks(marks) };
}

function wrapPiece(node: Text, start: number, end: number, highlight: DrawnHighlight): HTMLElement {
  let target = node;
  if (start > 0) target = target.splitText(start);
  if (end - start < target.data.length) target.splitText(end - start);
  const mark = node.ownerDocument.createElement('mark');
  mark.className = MARK_CLASS;
  mark.dataset['highlightId'] = highlight.id;
  if (highlight.note) mark.title = highlight.note;
  target.replaceWith(mark);
  mark.append(target);
  return mark;
}

/** Puts the text back where each mark was and joins the text nodes the marks split. */
export function eraseMarks(marks: readonly HTMLElement[]): void {
  const parents = new Set<Node>();
  for (const mark of marks) {
    const parent = mark.parentNode;
    if (!parent) continue;
    mark.replaceWith(...mark.childNodes);
    parents.add(parent);
  }
  for (const parent of parents) parent.normalize();
}
