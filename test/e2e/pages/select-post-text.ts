import type { Locator } from '@playwright/test';

/** Selects a post's text from the start of `from` to the end of `to`, with the DOM Selection API, as a drag would. */
export async function selectPostText(post: Locator, from: string, to: string): Promise<void> {
  await post.locator('.post-body').first().evaluate(
    (body, [start, end]) => {
      const range = document.createRange();
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        if (text.includes(start)) range.setStart(node, text.indexOf(start));
        if (text.includes(end)) range.setEnd(node, text.indexOf(end) + end.length);
      }
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    },
    [from, to] as const,
  );
}
