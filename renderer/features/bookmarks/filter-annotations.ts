// The Bookmarks view's filters: by tag, forum and thread, and a search of the notes.
import type { AnnotationItem } from './annotation-queries';

export interface AnnotationFilter {
  tag: string | null;
  forumId: string | null;
  threadId: string | null;
  /** Words that must all appear in the note, in any case. */
  noteQuery: string;
}

export const NO_FILTER: AnnotationFilter = { tag: null, forumId: null, threadId: null, noteQuery: '' };

export function filterAnnotations(items: readonly AnnotationItem[], filter: AnnotationFilter): AnnotationItem[] {
  const words = filter.noteQuery.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return items.filter((item) => {
    if (filter.tag !== null && !item.row.tags.includes(filter.tag)) return false;
    if (filter.forumId !== null && item.row.forumId !== filter.forumId) return false;
    if (filter.threadId !== null && item.row.threadId !== filter.threadId) return false;
    const note = item.row.note.toLocaleLowerCase();
    return words.every((word) => note.includes(word));
  });
}

/** Every tag in use, with how many bookmarks and highlights carry it, by name. */
export function tagCounts(items: readonly AnnotationItem[]): { tag: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const item of items) for (const tag of item.row.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => a.tag.localeCompare(b.tag));
}
