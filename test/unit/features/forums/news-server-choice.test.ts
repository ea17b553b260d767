import { describe, expect, it } from 'vitest';
import type { Board } from '../../../../shared/model';
import { filterGroups, SHOWN_GROUPS } from '../../../../renderer/features/forums/group-filter';
import { checkIdentity } from '../../../../renderer/features/forums/news-identity';

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

describe('the identity replies go out under', () => {
  it('is none when both boxes are empty and none is needed', () => {
    expect(checkIdentity('  ', '', false)).toEqual({ ok: true, identity: null });
  });

  it('is trimmed and kept when both are valid', () => {
    expect(checkIdentity(' Jane Doe ', ' jane@example.org ', false)).toEqual({ ok: true, identity: { displayName: 'Jane Doe', email: 'jane@example.org' } });
  });

  it('says which box is wrong and what to type', () => {
    expect(checkIdentity('Jane', 'jane at example', false)).toEqual({ ok: false, problems: { email: 'Type an email address, such as name@example.org.' } });
    const missingName = checkIdentity('', 'jane@example.org', false);
    expect(missingName.ok).toBe(false);
    expect(!missingName.ok && Object.keys(missingName.problems)).toEqual(['displayName']);
    const required = checkIdentity('', '', true);
    expect(!required.ok && Object.keys(required.problems)).toEqual(['displayName', 'email']);
    expect(checkIdentity('x'.repeat(101), 'jane@example.org', false).ok).toBe(false);
  });
});
