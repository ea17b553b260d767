import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReaderDb, ThreadRow } from '../../../../renderer/db/reader-db';
import { ThreadTitles } from '../../../../renderer/features/search/thread-titles';
import { freshDb } from '../../../support/fresh-db';

const thread = (n: number, title = `Thread ${n}`): ThreadRow => ({
  id: `f.example/t/${String(n).padStart(5, '0')}`,
  forumId: 'f.example',
  boardId: 'f.example/c/1',
  remoteId: n,
  title,
  slug: `thread-${n}`,
  authorUsername: 'ann',
  createdAt: '2024-01-01T00:00:00.000Z',
  lastPostedAt: '2024-01-01T00:00:00.000Z',
  bumpedAt: '2024-01-01T00:00:00.000Z',
  postsCount: 1,
  highestPostNumber: 1,
  pinned: false,
  closed: false,
  storedPostCount: 1,
  unreadCount: 1,
});

describe('ThreadTitles', () => {
  let db: ReaderDb;
  let titles: ThreadTitles;
  beforeEach(() => {
    db = freshDb();
    titles = new ThreadTitles(db);
  });
  afterEach(() => db.close());

  it('reads every title ahead (more threads than one request reads), so results need no thread read', async () => {
    await db.threads.bulkPut(Array.from({ length: 2500 }, (_, n) => thread(n)));
    await titles.readAll();
    const bulkGet = vi.spyOn(db.threads, 'bulkGet');
    await titles.of([thread(0).id, thread(2499).id]);
    expect(bulkGet).not.toHaveBeenCalled();
    expect([titles.known(thread(0).id), titles.known(thread(2499).id)]).toEqual(['Thread 0', 'Thread 2499']);
  });

  it('reads a title a result needs when it is not known yet', async () => {
    await db.threads.put(thread(1));
    await titles.of([thread(1).id]);
    expect(titles.known(thread(1).id)).toBe('Thread 1');
  });

  it('reads every title at once when first told of the threads (the page starts watching them)', async () => {
    await db.threads.put(thread(1));
    titles.changed();
    await vi.waitFor(() => expect(titles.known(thread(1).id)).toBe('Thread 1'));
  });

  it('forgets the titles when threads change later, and reads a title again when a result needs it, not all of them', async () => {
    await db.threads.bulkPut([thread(1), thread(2)]);
    titles.changed();
    await vi.waitFor(() => expect(titles.known(thread(2).id)).toBe('Thread 2'));
    await db.threads.put(thread(1, 'Renamed'));
    const reads = vi.spyOn(db.threads, 'toCollection');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      titles.changed();
      expect(titles.known(thread(1).id)).toBeUndefined();
      await titles.of([thread(1).id]);
      // However long the threads then stay unchanged.
      await vi.advanceTimersByTimeAsync(60_000);
    } finally {
      vi.useRealTimers();
    }
    expect(titles.known(thread(1).id)).toBe('Renamed');
    expect(titles.known(thread(2).id)).toBeUndefined();
    expect(reads).not.toHaveBeenCalled();
  });

  it('does not keep what a read found before a change that came while it ran', async () => {
    await db.threads.put(thread(1));
    titles.changed();
    await vi.waitFor(() => expect(titles.known(thread(1).id)).toBe('Thread 1'));
    titles.changed();
    const reading = titles.readAll();
    const needing = titles.of([thread(1).id]);
    titles.changed();
    const [, answer] = await Promise.all([reading, needing]);
    expect(titles.known(thread(1).id)).toBeUndefined();
    // The answer itself still has the title: it is as fresh as the question.
    expect(answer.get(thread(1).id)).toBe('Thread 1');
  });

  it('says so when reading the titles ahead fails, and reads them as results need them', async () => {
    await db.threads.bulkPut([thread(1)]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const read = vi.spyOn(db.threads, 'toCollection').mockImplementation(() => {
      throw new Error('disk gone');
    });
    titles.changed();
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringContaining('Reading thread titles ahead for search failed'), expect.objectContaining({ message: 'disk gone' })));
    read.mockRestore();
    warn.mockRestore();
    expect((await titles.of([thread(1).id])).get(thread(1).id)).toBe('Thread 1');
  });
});
