// Discourse's excerpt of a post (topic lists' pinned excerpts, the /posts.json feed): the text of
// its cooked HTML without quotes, cut at a word near `max`.
export function excerptOf(cooked: string, max = 200): string {
  const text = cooked
    .replace(/<aside[\s\S]*?<\/aside>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max);
  return `${text.slice(0, cut > max / 2 ? cut : max)} &hellip;`;
}
