import { describe, expect, it } from 'vitest';
import { syncProgressText } from '../../../../renderer/features/sync/sync-progress-text';

const progress = { threadsDone: 1, threadsTotal: 3, postsFetched: 40, currentThread: 'comp.lang.misc' };

describe('the sync bar’s progress words', () => {
  it('count groups for a news server, threads for a Discourse forum, and both when both sync', () => {
    expect(syncProgressText(progress, ['nntp'])).toBe('1 of 3 groups · 40 posts · comp.lang.misc');
    expect(syncProgressText(progress, ['discourse'])).toBe('1 of 3 threads · 40 posts · comp.lang.misc');
    expect(syncProgressText(progress, ['discourse', 'nntp'])).toBe('1 of 3 threads and groups · 40 posts · comp.lang.misc');
    // A forum row not read yet (or from before protocols were kept) is a Discourse forum.
    expect(syncProgressText({ ...progress, currentThread: null }, [undefined])).toBe('1 of 3 threads · 40 posts');
  });

  it('says the run is starting before any progress came', () => {
    expect(syncProgressText(null, ['nntp'])).toBe('Starting…');
  });
});
