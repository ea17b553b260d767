import { afterEach, describe, expect, it } from 'vitest';
import { rememberPlace, restorePlace } from '../../../../renderer/features/desktop/remembered-place';
import { useReader } from '../../../../renderer/state/reader-store';
import { freshDb } from '../../../support/fresh-db';
import { seedLibrary } from '../../../support/library-fixture';

const reset = () => useReader.setState({ selectedBoardId: null, selectedThreadId: null });

describe('the place the reader opens at', () => {
  afterEach(reset);

  it('is the thread shown last, kept across a restart', async () => {
    const db = freshDb();
    await seedLibrary(db, { threads: 3, postsPerThread: 2 });
    const stop = rememberPlace(db);
    useReader.getState().selectBoard('forum.example.org/c/5');
    useReader.getState().selectThread('forum.example.org/t/2');
    stop();
    await expect.poll(async () => (await db.settings.get('lastPlace'))?.value).toEqual({ boardId: 'forum.example.org/c/5', threadId: 'forum.example.org/t/2' });

    reset(); // a new start
    expect(await restorePlace(db)).toBe(true);
    expect(useReader.getState()).toMatchObject({ selectedBoardId: 'forum.example.org/c/5', selectedThreadId: 'forum.example.org/t/2' });
  });

  it('is not restored when that thread is no longer stored, or the setting is damaged', async () => {
    const db = freshDb();
    await seedLibrary(db, { threads: 1, postsPerThread: 2 });
    await db.settings.put({ key: 'lastPlace', value: { boardId: 'x/c/1', threadId: 'x/t/9' } });
    expect(await restorePlace(db)).toBe(false);
    await db.settings.put({ key: 'lastPlace', value: 'the second thread' });
    expect(await restorePlace(db)).toBe(false);
    expect(useReader.getState().selectedThreadId).toBeNull();
  });
});
