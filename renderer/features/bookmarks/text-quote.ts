// A passage kept the way the W3C Web Annotation model keeps one: a TextQuoteSelector, the exact
// text plus a little of what comes before and after it
// (https://www.w3.org/TR/annotation-model/#text-quote-selector). Positions would break the moment
// a post is re-rendered or edited; the quote finds its passage again wherever it moved.

export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextSpan {
  start: number;
  end: number;
}

/** Characters of context kept either side: enough to tell repeated phrases apart, small to store. */
export const QUOTE_CONTEXT_CHARS = 32;

/** The quote for text[start, end), with surrounding whitespace left out of the exact text. */
export function quoteOf(text: string, span: TextSpan, context = QUOTE_CONTEXT_CHARS): TextQuote | null {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start] as string)) start += 1;
  while (end > start && /\s/.test(text[end - 1] as string)) end -= 1;
  if (start >= end) return null;
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - context), start),
    suffix: text.slice(end, end + context),
  };
}

/**
 * Where the quote's passage is in `text` now, or null when it is gone (the highlight is then
 * orphaned). Every occurrence of the exact text is a candidate; the one whose surroundings agree
 * most with the stored prefix and suffix wins. When the exact text is not there character for
 * character, it is looked for again with runs of whitespace counted as one space: a re-render
 * that drops or adds line breaks must not orphan a highlight.
 */
export function anchorQuote(text: string, quote: TextQuote): TextSpan | null {
  if (quote.exact === '') return null;
  const exact = bestOccurrence(text, quote);
  if (exact) return exact;
  const folded = foldWhitespace(text);
  const foldedQuote = {
    exact: foldWhitespace(quote.exact).text.trim(),
    prefix: foldWhitespace(quote.prefix).text,
    suffix: foldWhitespace(quote.suffix).text,
  };
  if (foldedQuote.exact === '') return null;
  const found = bestOccurrence(folded.text, foldedQuote);
  if (!found) return null;
  return { start: folded.origin[found.start] as number, end: (folded.origin[found.end - 1] as number) + 1 };
}

function bestOccurrence(text: string, quote: TextQuote): TextSpan | null {
  let best: TextSpan | null = null;
  let bestScore = -1;
  for (let at = text.indexOf(quote.exact); at !== -1; at = text.indexOf(quote.exact, at + 1)) {
    const end = at + quote.exact.length;
    const score = sharedEnding(text.slice(Math.max(0, at - quote.prefix.length), at), quote.prefix) + sharedOpening(text.slice(end, end + quote.suffix.length), quote.suffix);
    if (score > bestScore) {
      best = { start: at, end };
      bestScore = score;
      if (score === quote.prefix.length + quote.suffix.length) break;
    }
  }
  return best;
}

/** How many characters at the end of `a` and `b` agree. */
function sharedEnding(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n += 1;
  return n;
}

/** How many characters at the start of `a` and `b` agree. */
function sharedOpening(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
  return n;
}

/** The text with each run of whitespace as one space, and for each character its index in the original. */
function foldWhitespace(text: string): { text: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    if (/\s/.test(char)) {
      if (folded.endsWith(' ')) continue;
      folded += ' ';
    } else {
      folded += char;
    }
    origin.push(i);
  }
  return { text: folded, origin };
}
