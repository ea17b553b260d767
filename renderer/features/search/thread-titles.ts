// Thread titles for search results, kept in memory (a title is a few dozen characters; the
// threads table is a small fraction of the posts'): the index holds the rest of a result, so
// titles are all a page of results may read. Every title is read when the page first tells of
// the threads, as it starts watching them; after a later change they are forgotten and read
// again as results need them.
import type { ReaderDb, ThreadRow } from '../../db/reader-db';
import { threadsById } from './search-queries';

/** Threads read per request when reading them all. */
const READ_CHUNK = 2000;

export class ThreadTitles {
  private readonly titles = new Map<string, string>();
  /** Counts changes, so a read that straddles one does not keep what it read before it. */
  private generation = 0;

  constructor(private readonly db: ReaderDb) {}

  /** The title of a thread as held in memory, if it is. */
  known(threadId: string): string | undefined {
    return this.titles.get(threadId);
  }

  /**
   * The titles of these threads: those known from memory, the rest read now. What is read is kept
   * unless threads changed meanwhile, but this answer uses it either way: it is as fresh as the
   * question.
   */
  async of(threadIds: Iterable<string>): Promise<Map<string, string>> {
    const wanted = [...new Set(threadIds)];
    const found = new Map(wanted.flatMap((threadId) => {
      const title = this.titles.get(threadId);
      return title === undefined ? [] : [[threadId, title] as const];
    }));
    const missing = wanted.filter((threadId) => !found.has(threadId));
    if (missing.length === 0) return found;
    const generation = this.generation;
    const threads = await threadsById(this.db, missing);
    for (const [threadId, thread] of threads) {
      found.set(threadId, thread.title);
      if (generation === this.generation) this.titles.set(threadId, thread.title);
    }
    return found;
  }

  /** Reads every thread's title, a chunk at a time; stops when threads change meanwhile. */
  async readAll(): Promise<void> {
    const generation = this.generation;
    let after: string | null = null;
    for (;;) {
      const rows: ThreadRow[] = await (after === null ? this.db.threads.toCollection() : this.db.threads.where(':id').above(after)).limit(READ_CHUNK).toArray();
      if (generation !== this.generation) return;
      for (const row of rows) this.titles.set(row.id, row.title);
      if (rows.length < READ_CHUNK) return;
      after = (rows[rows.length - 1] as ThreadRow).id;
    }
  }

  /**
   * Threads changed (a title may have): forget the titles. The first notice is the page's first
   * look at the threads, and every title is read then. Later ones come with each sync batch and
   * each reading mark (unread counts live in thread rows), and reading every title after them
   * would cost a large library a full read of its threads each time.
   */
  changed(): void {
    this.generation += 1;
    this.titles.clear();
    if (this.generation > 1) return;
    // Should it fail, titles are read as results need them.
    void this.readAll().catch((error: unknown) => console.warn('Reading thread titles ahead for search failed; they are read as results need them.', error));
  }
}
