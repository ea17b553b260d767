// The text of a post as the reader shows it, for anchoring a highlight where the post is not on
// screen (the Bookmarks view, an import). The same sanitised HTML the post view renders, so a
// quote taken from the screen is found here too.

import { sanitizePostHtml } from '../../ui/sanitize-post-html';

export function quotableTextOf(html: string): string {
  // A template's content is inert: nothing in it runs or loads while it is read.
  const holder = document.createElement('template');
  holder.innerHTML = sanitizePostHtml(html);
  return holder.content.textContent ?? '';
}
