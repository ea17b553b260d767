import { describe, expect, it } from 'vitest';
import { anchorQuote, quoteOf, QUOTE_CONTEXT_CHARS } from '../../../../renderer/features/bookmarks/text-quote';

const POST_2 = [
  'All the ones you mention and many others.',
  'The rehearsal where Vicky is having trouble in starting on the right beat.',
  'Julian: See this baton?',
  'Vicky: Yes',
  'Julian: Well follow it!',
  'Beautifully done.',
].join('\n');

const spanOf = (text: string, from: string, to: string) => ({ start: text.indexOf(from), end: text.indexOf(to) + to.length });
const textAt = (text: string, span: { start: number; end: number } | null) => (span ? text.slice(span.start, span.end) : null);

describe('quoteOf', () => {
  it('keeps the exact text and up to 32 characters either side', () => {
    const quote = quoteOf(POST_2, spanOf(POST_2, 'See this baton?', 'Well follow it!'))!;
    expect(quote.exact).toBe('See this baton?\nVicky: Yes\nJulian: Well follow it!');
    expect(quote.prefix).toBe(POST_2.slice(POST_2.indexOf('See this baton?') - QUOTE_CONTEXT_CHARS, POST_2.indexOf('See this baton?')));
    expect(quote.prefix.endsWith('Julian: ')).toBe(true);
    expect(quote.suffix).toBe('\nBeautifully done.');
  });

  it('leaves surrounding whitespace out of the exact text, and refuses a selection of nothing but whitespace', () => {
    const start = POST_2.indexOf('Vicky: Yes') - 1;
    expect(quoteOf(POST_2, { start, end: start + 'Vicky: Yes'.length + 2 })?.exact).toBe('Vicky: Yes');
    expect(quoteOf('a   b', { start: 1, end: 4 })).toBeNull();
  });
});

describe('anchorQuote', () => {
  const quote = quoteOf(POST_2, spanOf(POST_2, 'See this baton?', 'Well follow it!'))!;

  it('finds the passage in the text it was taken from', () => {
    expect(anchorQuote(POST_2, quote)).toEqual(spanOf(POST_2, 'See this baton?', 'Well follow it!'));
  });

  it('finds the passage again after the post is edited around it', () => {
    const edited = `Edit: fixed a typo.\n\n${POST_2.replace('Beautifully done.', 'Beautifully done, and so well played.')}`;
    expect(textAt(edited, anchorQuote(edited, quote))).toBe(quote.exact);
  });

  it('finds the passage when a re-render changes the line breaks inside it', () => {
    const rerendered = POST_2.replace(/\n/g, '  ');
    expect(textAt(rerendered, anchorQuote(rerendered, quote))).toBe('See this baton?  Vicky: Yes  Julian: Well follow it!');
  });

  it('tells a repeated phrase apart by what comes before and after it', () => {
    const text = 'I love the Red Shoes ballet sequence. Later: the Red Shoes ballet sequence is impressive.';
    const second = text.lastIndexOf('the Red Shoes ballet sequence');
    const repeated = quoteOf(text, { start: second, end: second + 'the Red Shoes ballet sequence'.length })!;
    expect(anchorQuote(text, repeated)?.start).toBe(second);
    // The first occurrence is found when the second is edited away.
    const edited = text.replace('Later: the Red Shoes ballet sequence is', 'Later: it is');
    expect(anchorQuote(edited, repeated)?.start).toBe(text.indexOf('the Red Shoes'));
  });

  it('is orphaned (null) when the passage is no longer in the post', () => {
    const rewritten = POST_2.replace('Julian: Well follow it!', 'Julian: Watch me.');
    expect(anchorQuote(rewritten, quote)).toBeNull();
    expect(anchorQuote('', quote)).toBeNull();
    expect(anchorQuote(POST_2, { exact: '', prefix: '', suffix: '' })).toBeNull();
  });
});
