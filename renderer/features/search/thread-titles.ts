// Thread titles for search results, kept in memory (a title is a few dozen characters; the
// threads table is a small fraction of the posts'), so a page of results reads little but its
// twenty posts. Every title is read when the page first tells of the threads (as it starts
// watching them) and again once they stop changing; meanwhile a title not known is read when a
// result needs it.
import type { ReaderDb, ThreadRow } from '../../db/reader-db';
import { threadsById } from './search-queries';

/**
 * Quiet time after a thread change before every title is read again: a sync changes threads with
 * each batch, and reading marks change their unread counts, and reading them all after each
 * would cost more than the titles save.
 */
const READ_ALL_AFTER_MS = 5000;
/** Threads read per request when reading them all. */
const READ_CHUNK = 2000;

export class ThreadTitles {
  private readonly titles = new Map<string, string>();
  /** Counts changes, so a read that straddles one does not keep what it read before it. */
  private generation = 0;
  private readAllTimer: ReturnType<typeof setTimeout> | null = null;
  private toldBefore = false;

  constructor(
    private readonly db: ReaderDb,
    private readonly readAllAfterMs = READ_ALL_AFTER_MS,
  ) {}

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
   * Threads changed (a title may have): forget the titles and read them all again. The first
   * notice is the page's first look at the threads, read at once; later ones come in runs, so
   * the read waits until they stop.
   */
  changed(): void {
    this.generation += 1;
    this.titles.clear();
    if (this.readAllTimer !== null) clearTimeout(this.readAllTimer);
    this.readAllTimer = setTimeout(
      () => {
        this.readAllTimer = null;
        // Should it fail, titles are read as results need them.
        void this.readAll().catch(() => {});
      },
      this.toldBefore ? this.readAllAfterMs : 0,
    );
    this.toldBefore = true;
  }

  /** Stops a pending read of every title (the engine is closing). */
  close(): void {
    if (this.readAllTimer !== null) clearTimeout(this.readAllTimer);
    this.readAllTimer = null;
  }
}
