// Thread titles for search results, kept in memory (a title is a few dozen characters; the
// threads table is a small fraction of the posts'), so a page of results reads little but its
// twenty posts. Every title is read when the page first tells of the threads, as it starts
// watching them; after a later change they are forgotten and read again as results need them.
import type { ReaderDb, ThreadRow } from '../../db/reader-db';
import { threadsById } from './search-queries';

/** Threads read per request when reading them all. */
const READ_CHUNK = 2000;

export class ThreadTitles {
  private readonly titles = new Map<string, string>();
  /** Counts changes, so a read that straddles one does not keep what it read before it. */
  private generation = 0;

  constructor(private readonly db: ReaderDb) {}

  get(threadId: string): string | undefined {
    return this.titles.get(threadId);
  }

  /** Reads the titles of these threads that are not known yet. */
  async need(threadIds: Iterable<string>): Promise<void> {
    const missing = [...new Set(threadIds)].filter((threadId) => !this.titles.has(threadId));
    if (missing.length === 0) return;
    const generation = this.generation;
    const threads = await threadsById(this.db, missing);
    if (generation !== this.generation) return;
    for (const [threadId, thread] of threads) this.titles.set(threadId, thread.title);
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
    void this.readAll().catch(() => {});
  }
}
