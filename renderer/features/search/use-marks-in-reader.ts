// Marks the words a search matched inside the post it opened. It uses the CSS Custom Highlight
// API, which paints ranges without touching the DOM: the reader's own marks (highlights) wrap
// text in elements, and two features editing the same nodes would undo each other.
import { useEffect } from 'react';
import { useReader } from '../../state/reader-store';
import { isMatchedWord } from './make-snippet';
import { useSearchMarks, type SearchMarkTarget } from './search-marks-store';

export const SEARCH_MATCH_HIGHLIGHT = 'search-match';
const WRITTEN_WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

function matchRanges(article: Element, target: SearchMarkTarget): Range[] {
  const ranges: Range[] = [];
  const marks = { exact: target.words, prefixes: target.prefixes };
  for (const body of article.querySelectorAll('.post-body')) {
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      for (const match of node.data.matchAll(WRITTEN_WORD)) {
        if (!isMatchedWord(match[0], marks)) continue;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        ranges.push(range);
      }
    }
  }
  return ranges;
}

export function useMarksInReader(): void {
  const target = useSearchMarks((s) => s.target);

  useEffect(() => {
    if (!target || typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    // Opening another thread ends the marks.
    const stop = useReader.subscribe((state) => {
      if (state.selectedThreadId !== null && state.selectedThreadId !== target.threadId) useSearchMarks.getState().clear();
    });
    let frame = 0;
    const draw = () => {
      frame = 0;
      if (useReader.getState().selectedThreadId !== target.threadId) return;
      const article = document.getElementById(`post-${target.postNumber}`);
      const ranges = article ? matchRanges(article, target) : [];
      if (ranges.length > 0) CSS.highlights.set(SEARCH_MATCH_HIGHLIGHT, new Highlight(...ranges));
      else CSS.highlights.delete(SEARCH_MATCH_HIGHLIGHT);
    };
    // The thread renders its posts as they scroll into view: draw again when the DOM changes.
    const observer = new MutationObserver(() => {
      if (frame === 0) frame = requestAnimationFrame(draw);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    draw();
    return () => {
      stop();
      observer.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
      CSS.highlights.delete(SEARCH_MATCH_HIGHLIGHT);
    };
  }, [target]);
}
