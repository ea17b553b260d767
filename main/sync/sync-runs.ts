// Owns the sync runs in flight: one per forum, each with its own cancellation and a bounded
// number of batches the renderer has not yet acknowledged.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { AppError, type EmitEvent, type SyncRequest, type SyncSummary } from '../../shared/api';
import type { Post, SyncBatch } from '../../shared/model';
import type { Logger } from '../dispatch';
import type { ForumSources } from '../sources/forum-sources';
import type { PoliteHttp, RequestStats } from '../sources/polite-http';
import { ImageKeeper, postsWithPictures } from './image-keeper';
import { runSync, toErrorInfo, UrgentThreads, type SyncProgressCounts } from './sync-engine';

/** Batches main may have in flight before it waits for the renderer to commit them. */
export const UNACKED_BATCH_LIMIT = 4;
/** A renderer that stops acknowledging (closed, reloaded) is given up on after this long. */
const ACK_TIMEOUT_MS = 60_000;

interface Run {
  forumId: string;
  /** A whole-forum run, or a pass of named threads only ("Refresh thread"). */
  scope: 'forum' | 'threads';
  controller: AbortController;
  urgent: UrgentThreads;
  unacked: Set<number>;
  wakeAck: (() => void) | null;
  /** The posts of each unacknowledged batch, for its pictures once committed (a run that keeps them). */
  uncommittedPosts: Map<number, Post[]>;
  images: ImageKeeper | null;
}

export interface SyncTuning {
  /** How long main waits for the renderer to acknowledge a batch before it gives the run up. */
  ackTimeoutMs?: number;
  postsPerBatch?: number;
}

export interface SyncRunsDeps extends SyncTuning {
  forums: ForumSources;
  emit: EmitEvent;
  log: Logger;
  /** Who the reader says it is, on picture requests as on the others. */
  userAgent: string;
  http: PoliteHttp;
}

export class SyncRuns {
  private readonly runs = new Map<string, Run>();

  constructor(private readonly deps: SyncRunsDeps) {}

  start(request: SyncRequest): string {
    const scope = request.boards.length + request.threads.length > 0 ? 'forum' : 'threads';
    // A new whole-forum run replaces an older one (a reloaded renderer starts afresh); a refresh
    // of one thread runs beside it.
    if (scope === 'forum') {
      for (const [runId, run] of this.runs) if (run.forumId === request.forumId && run.scope === 'forum') this.cancel(runId);
    }
    const runId = randomUUID();
    const run: Run = { forumId: request.forumId, scope, controller: new AbortController(), urgent: new UrgentThreads(), unacked: new Set(), wakeAck: null, uncommittedPosts: new Map(), images: null };
    // Every lane and lister waiting on the budget listens for the cancel: more than Node's
    // default of 10 at the forum's limits, which is not a leak.
    setMaxListeners(32, run.controller.signal);
    this.runs.set(runId, run);
    void this.execute(runId, run, request);
    return runId;
  }

  ack(runId: string, seq: number): void {
    const run = this.runs.get(runId);
    if (!run) return;
    run.unacked.delete(seq);
    const posts = run.uncommittedPosts.get(seq);
    run.uncommittedPosts.delete(seq);
    if (posts) run.images?.postsCommitted(posts);
    run.wakeAck?.();
  }

  /** A picture's bytes the run holds for the renderer (see ImageKeeper.take). */
  takeImage(runId: string, hash: string, want: boolean): Buffer | null {
    return this.runs.get(runId)?.images?.take(hash, want) ?? null;
  }

  /** Has the forum's whole-forum run pass a thread next; false when no run of it will. */
  fetchThreadFirst(forumId: string, remoteId: number): boolean {
    for (const run of this.runs.values()) {
      if (run.forumId === forumId && run.scope === 'forum' && !run.controller.signal.aborted) return run.urgent.ask(remoteId);
    }
    return false;
  }

  cancel(runId: string): void {
    this.runs.get(runId)?.controller.abort();
  }

  cancelAll(): void {
    for (const run of this.runs.values()) run.controller.abort();
  }

  private async execute(runId: string, run: Run, request: SyncRequest) {
    const startedAt = new Date().toISOString();
    const stats: RequestStats = { requests: 0, serverWaitMs: 0 };
    const signal = run.controller.signal;
    let postsFetched = 0;
    const { sync, threadConcurrency, forumUrl, assetBudget } = this.deps.forums.syncSource(request, { signal, stats });
    if (request.keepImages) {
      run.images = new ImageKeeper({
        runId,
        forumId: request.forumId,
        forumUrl,
        http: this.deps.http,
        budget: assetBudget,
        signal,
        emit: (image) => this.deps.emit('syncImage', image),
        userAgent: this.deps.userAgent,
        takeTimeoutMs: this.deps.ackTimeoutMs ?? ACK_TIMEOUT_MS,
      });
      // Posts stored already: their pictures wait for no commit, and still go behind the text.
      run.images.postsCommitted(request.retryImagesOf ?? []);
    }
    const summary = (status: SyncSummary['status'], rest: Partial<SyncSummary>): SyncSummary => ({
      runId,
      forumId: request.forumId,
      status,
      startedAt,
      finishedAt: new Date().toISOString(),
      threadsChanged: 0,
      postsFetched: 0,
      requests: stats.requests,
      serverWaitMs: stats.serverWaitMs,
      error: null,
      threadErrors: [],
      boardErrors: [],
      ...rest,
    });
    try {
      const common = {
        request,
        runId,
        signal,
        ...(this.deps.postsPerBatch !== undefined && { postsPerBatch: this.deps.postsPerBatch }),
        emitBatch: async (batch: SyncBatch) => {
          await this.waitForRoom(run);
          run.unacked.add(batch.seq);
          if (run.images && batch.posts.length > 0) run.uncommittedPosts.set(batch.seq, postsWithPictures(batch.posts));
          this.deps.emit('syncBatch', batch);
        },
        progress: (counts: SyncProgressCounts) => {
          postsFetched = counts.postsFetched;
          this.deps.emit('syncProgress', { runId, forumId: request.forumId, ...counts });
        },
      };
      const outcome = sync.kind === 'threads' ? await runSync({ ...common, source: sync.source, urgent: run.urgent, threadConcurrency }) : await sync.run(common);
      await this.waitForRoom(run, 0);
      // The text is all committed; the run ends once its pictures are in too (or given up on).
      const images = run.images ? await run.images.drain() : undefined;
      this.deps.emit('syncDone', summary('completed', { ...outcome, ...(images && { images }) }));
    } catch (error) {
      const cancelled = signal.aborted;
      if (!cancelled && !(error instanceof AppError)) this.deps.log.error(`sync ${runId} failed`, error);
      this.deps.emit('syncDone', summary(cancelled ? 'cancelled' : 'failed', { postsFetched, error: cancelled ? null : toErrorInfo(error) }));
    } finally {
      run.images?.close();
      this.runs.delete(runId);
      // Nothing of a finished run may go on fetching (a sleep, a request in flight).
      run.controller.abort();
    }
  }

  /** Waits until fewer than `limit` batches are unacknowledged (0: until all are committed). */
  private async waitForRoom(run: Run, limit = UNACKED_BATCH_LIMIT): Promise<void> {
    const signal = run.controller.signal;
    while (run.unacked.size > Math.max(0, limit - 1)) {
      if (signal.aborted) throw new AppError('cancelled', 'Sync cancelled.');
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          run.controller.abort();
          reject(new AppError('cancelled', 'The reader stopped committing sync batches.'));
        }, this.deps.ackTimeoutMs ?? ACK_TIMEOUT_MS);
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          run.wakeAck = null;
          resolve();
        };
        run.wakeAck = done;
        signal.addEventListener('abort', done, { once: true });
      });
    }
  }
}
