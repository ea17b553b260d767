// Tags are typed as one comma-separated line ("ballet, Lermontov"). The same tag typed twice, or
// in another case, is one tag: the first spelling is kept.

export function parseTags(line: string): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const part of line.split(',')) {
    const tag = part.trim().replace(/^#+/, '').replace(/\s+/g, ' ');
    const key = tag.toLocaleLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags;
}

export const formatTags = (tags: readonly string[]): string => tags.join(', ');

/** `tags` with `from` replaced by `to`; when `to` is already there the two merge into one. */
export function renameInTags(tags: readonly string[], from: string, to: string): string[] {
  return parseTags(tags.map((tag) => (tag === from ? to : tag)).join(','));
}
