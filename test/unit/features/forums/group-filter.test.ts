import { describe, expect, it } from 'vitest';
import type { Board } from '../../../../shared/model';
import { filterGroups, SHOWN_GROUPS } from '../../../../renderer/features/forums/group-filter';

const group = (name: string, position: number): Board => ({
  id: `news/g/${position}`, forumId: 'news', remoteId: position, name, slug: name, description: '', position, parentId: null, threadCount: 0,
});

describe('the group filter', () => {
  const groups = Array.from({ length: 20_000 }, (_, i) => group(`comp.lang.x${i}`, i)).concat([group('rec.arts.movies.past-films', 20_000), group('Rec.Arts.Dance', 20_001)]);

  it('draws only the first matches of a big server and says how many match', () => {
    const all = filterGroups(groups, '');
    expect(all.shown).toHaveLength(SHOWN_GROUPS);
    expect(all.matching).toBe(20_002);
    const some = filterGroups(groups, 'x19');
    expect(some.matching).toBe(1111); // x19, x190–x199, x1900–x1999
    expect(some.shown.map((g) => g.name).slice(0, 3)).toEqual(['comp.lang.x19', 'comp.lang.x190', 'comp.lang.x191']);
  });

  it('matches every word of the filter, in any case and any order', () => {
    expect(filterGroups(groups, '  ARTS rec ').shown.map((g) => g.name)).toEqual(['rec.arts.movies.past-films', 'Rec.Arts.Dance']);
    expect(filterGroups(groups, 'films dance').matching).toBe(0);
  });
});
