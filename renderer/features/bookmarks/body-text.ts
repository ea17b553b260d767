// A post body as text and back: the offsets a TextQuote is anchored in are offsets into the
// body's textContent, the concatenation of its text nodes. Marks drawn into the body only split
// text nodes, so they never change these offsets.

import type { TextSpan } from './text-quote';

/** The offset in body.textContent of a DOM boundary point (a selection's start or end). */
export function textOffsetOf(body: Node, container: Node, offset: number): number {
  const before = body.ownerDocument!.createRange();
  before.selectNodeContents(body);
  before.setEnd(container, offset);
  return before.toString().length;
}

/** The span of body.textContent a range covers, clipped to the body; null when it lies outside. */
export function spanOfRange(body: Node, range: Range): TextSpan | null {
  const whole = body.ownerDocument!.createRange();
  whole.selectNodeContents(body);
  if (range.compareBoundaryPoints(Range.END_TO_START, whole) >= 0 || range.compareBoundaryPoints(Range.START_TO_END, whole) <= 0) return null;
  const startsInside = range.compareBoundaryPoints(Range.START_TO_START, whole) >= 0;
  const endsInside = range.compareBoundaryPoints(Range.END_TO_END, whole) <= 0;
  const length = whole.toString().length;
  const start = startsInside ? textOffsetOf(body, range.startContainer, range.startOffset) : 0;
  const end = endsInside ? textOffsetOf(body, range.endContainer, range.endOffset) : length;
  return start < end ? { start, end } : null;
}

/** The text nodes of `body` that the span touches, each with the part of it inside the span. */
export function textPiecesOf(body: Node, span: TextSpan): { node: Text; start: number; end: number }[] {
  const pieces: { node: Text; start: number; end: number }[] = [];
  const walker = body.ownerDocument!.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  let position = 0;
  for (let node = walker.nextNode() as Text | null; node && position < span.end; node = walker.nextNode() as Text | null) {
    const length = node.data.length;
    const start = Math.max(span.start, position) - position;
    const end = Math.min(span.end, position + length) - position;
    if (start < end) pieces.push({ node, start, end });
    position += length;
  }
  return pieces;
}
