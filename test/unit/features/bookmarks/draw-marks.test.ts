// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { spanOfRange } from '../../../../renderer/features/bookmarks/body-text';
import { drawHighlights } from '../../../../renderer/features/bookmarks/draw-marks';
import { quoteOf } from '../../../../renderer/features/bookmarks/text-quote';

// Post 2 of the sample thread as the sample forum cooks it.
const POST_2_HTML =
  '<p>All the ones you mention and many others.</p>\n' +
  '<p>The rehearsal where Vicky is having trouble in starting on the right beat.<br>\nJulian: See this baton?<br>\nVicky: Yes<br>\nJulian: Well follow it!</p>\n' +
  '<p>Beautifully done.</p>';

let body: HTMLElement;
beforeEach(() => {
  document.body.innerHTML = '<article aria-label="Post 2 by someone"><div class="post-body"></div></article>';
  body = document.querySelector('.post-body')!;
  body.innerHTML = POST_2_HTML;
});

/** The quote of a selection from the start of `from` to the end of `to`, made with the DOM as a person would. */
function selectQuote(from: string, to: string) {
  const text = body.textContent!;
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let position = 0;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const start = text.indexOf(from) - position;
    const end = text.indexOf(to) + to.length - position;
    if (start >= 0 && start <= node.length) range.setStart(node, start);
    if (end >= 0 && end <= node.length) range.setEnd(node, end);
    position += node.length;
  }
  return quoteOf(text, spanOfRange(body, range)!)!;
}

const marked = () => [...body.querySelectorAll('mark.highlight')].map((mark) => mark.textContent).join('|');

describe('drawing highlights', () => {
  it('wraps a passage across line breaks in one mark per text node, and erasing restores the DOM', () => {
    const quote = selectQuote('See this baton?', 'Well follow it!');
    expect(quote.exact).toBe('See this baton?\nVicky: Yes\nJulian: Well follow it!');
    const drawn = drawHighlights(body, [{ id: 'h1', note: 'the baton', ...quote }]);
    expect(drawn.orphaned).toEqual([]);
    expect(marked()).toBe('See this baton?|\nVicky: Yes|\nJulian: Well follow it!');
    expect(body.querySelector('mark')?.getAttribute('title')).toBe('the baton');
    expect(body.textContent).toBe(new DOMParser().parseFromString(POST_2_HTML, 'text/html').body.textContent);
    drawn.erase();
    expect(body.innerHTML).toBe(POST_2_HTML);
  });

  it('draws a highlight again in a re-rendered and edited post, and reports one it cannot find as orphaned', () => {
    const kept = { id: 'kept', note: '', ...selectQuote('See this baton?', 'Well follow it!') };
    const lost = { id: 'lost', note: '', ...selectQuote('Beautifully', 'done.') };
    body.innerHTML = `<p>Edit: more scenes below.</p>\n${POST_2_HTML.replace('Beautifully done.', 'Wonderful.')}`;
    const drawn = drawHighlights(body, [kept, lost]);
    expect(drawn.orphaned).toEqual(['lost']);
    expect(marked()).toBe('See this baton?|\nVicky: Yes|\nJulian: Well follow it!');
  });

  it('keeps the text offsets unchanged, so overlapping highlights both anchor', () => {
    const first = { id: 'a', note: '', ...selectQuote('See this baton?', 'Vicky: Yes') };
    const second = { id: 'b', note: '', ...selectQuote('baton?', 'Well follow it!') };
    const drawn = drawHighlights(body, [first, second]);
    expect(drawn.orphaned).toEqual([]);
    expect(body.querySelectorAll('mark[data-highlight-id="b"]').length).toBeGreaterThan(0);
    drawn.erase();
    expect(body.innerHTML).toBe(POST_2_HTML);
  });
});
