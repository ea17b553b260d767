import { describe, expect, it } from 'vitest';
import { itemErrorsText } from '../../../../renderer/features/sync/record-sync-outcome';

const failed = (n: number) => Array.from({ length: n }, (_, i) => ({ boardId: `b${i}`, title: `board ${i}`, error: { code: 'bad_response' as const, message: 'broken' } }));
const threadFailed = { threadId: 't1', title: 'A thread', error: { code: 'bad_response' as const, message: 'broken' } };

describe('the forum’s sync error summary', () => {
  it('names a news server’s boards as groups and a Discourse forum’s as categories', () => {
    expect(itemErrorsText({ boardErrors: failed(2), threadErrors: [] }, 'nntp')).toBe('2 groups could not be synced; the Sync log says why. The next sync tries again.');
    expect(itemErrorsText({ boardErrors: failed(1), threadErrors: [] }, 'nntp')).toMatch(/^1 group could not/);
    expect(itemErrorsText({ boardErrors: failed(1), threadErrors: [threadFailed] }, 'discourse')).toMatch(/^1 category and 1 thread could not/);
    // A forum row from before protocols were kept is a Discourse forum.
    expect(itemErrorsText({ boardErrors: failed(3), threadErrors: [] }, undefined)).toMatch(/^3 categories could not/);
  });

  it('says nothing when every board and thread synced', () => {
    expect(itemErrorsText({ boardErrors: [], threadErrors: [] }, 'nntp')).toBeNull();
  });
});
