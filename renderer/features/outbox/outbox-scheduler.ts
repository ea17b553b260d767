// When the outbox tries: at start (after recovering attempts a reload cut short), when a reply
// is sent, when a sync completes or the system reports a network, and when the soonest retry
// time comes. Only a pass after a sync sends the replies marked "Send later", those of the forums
// synced. One pass at a time per page, and one page at a time per profile (a Web Lock), so two
// windows do not send in step; main's per-client-id guard covers what slips through.
import type { ForumApi } from '../../../shared/api';
import type { ReaderDb } from '../../db/reader-db';
import { nextRetryAt } from './outbox-db';
import { sendDueReplies } from './send-due-replies';

const LOCK = 'forum-reader-outbox';
/** setTimeout's longest delay; a later retry is re-planned when this fires. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

export class OutboxScheduler {
  private running: Promise<void> | null = null;
  private again = false;
  private syncedForumIds = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    private readonly db: ReaderDb,
    private readonly api: ForumApi,
    private readonly log: Pick<Console, 'error'> = console,
  ) {}

  /** Runs a pass soon; a kick during a pass runs one more after it. `syncedForumIds`: these forums have just synced. */
  kick(options: { syncedForumIds?: Iterable<string> } = {}): void {
    if (this.stopped) return;
    for (const forumId of options.syncedForumIds ?? []) this.syncedForumIds.add(forumId);
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  /** Settles once no pass is running (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      const syncedForumIds = this.syncedForumIds;
      this.syncedForumIds = new Set();
      try {
        await withLock(() => sendDueReplies(this.db, this.api, { syncedForumIds }));
      } catch (error) {
        this.log.error('outbox: a pass failed', error);
      }
    } while (this.again && !this.stopped);
    await this.planNext();
  }

  private async planNext(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const at = await nextRetryAt(this.db).catch(() => null);
    if (at === null || this.stopped) return;
    const delay = Math.min(LONGEST_TIMER_MS, Math.max(0, at - Date.now()) + 50);
    this.timer = setTimeout(() => this.kick(), delay);
  }
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return work();
  return locks.request(LOCK, work) as Promise<T>;
}

let current: OutboxScheduler | null = null;

/** The page's scheduler, started by OutboxSender; null before it mounts. */
export const outboxScheduler = (): OutboxScheduler | null => current;
export const setOutboxScheduler = (scheduler: OutboxScheduler | null): void => {
  current = scheduler;
};
