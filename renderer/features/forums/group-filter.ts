// The Add forum dialog's group list for a news server, which may carry thousands of groups: the
// filter box narrows them by name, and only the first few matches are drawn.
import type { Board } from '../../../shared/model';

/** Groups drawn at most; the dialog says how many more match. */
export const SHOWN_GROUPS = 200;

export interface GroupMatches {
  shown: Board[];
  /** How many groups match the filter in all. */
  matching: number;
}

/** Groups whose name holds every word of the filter (any case), in the server's order. */
export function filterGroups(groups: readonly Board[], filter: string, limit = SHOWN_GROUPS): GroupMatches {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { shown: groups.slice(0, limit), matching: groups.length };
  const shown: Board[] = [];
  let matching = 0;
  for (const group of groups) {
    const name = group.name.toLowerCase();
    if (!words.every((word) => name.includes(word))) continue;
    matching += 1;
    if (shown.length < limit) shown.push(group);
  }
  return { shown, matching };
}
