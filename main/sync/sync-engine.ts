// Plans what changed since the renderer's cursors, fetches only that, and emits ordered batches.
// A thread's cursor travels in the batch that carries (or follows) the last of its posts, and a
// board's watermark only after every thread listed for it is complete: a run stopped anywhere
// resumes without gaps.
import {
  AppError,
  DEFAULT_MAX_POSTS_PER_RUN,
  DEFAULT_MAX_POSTS_PER_THREAD,
  type AppErrorInfo,
  type SyncRequest,
} from '../../shared/api';
import { boardIdFor, postIdFor, threadIdFor, type BoardCursor, type Post, type SyncBatch, type Thread, type ThreadCursor } from '../../shared/model';
import type { ForumSource, SyncOutcome, SyncProgressCounts, ThreadPage } from '../sources/forum-source';
import { feedCandidate, walkLatestPosts, type FeedCandidate } from './walk-latest-posts';

export type { SyncOutcome, SyncProgressCounts } from '../sources/forum-source';

export interface SyncEngineDeps {
  source: ForumSource;
  request: SyncRequest;
  runId: string;
  /** Resolves when the batch may be followed by another (back-pressure). */
  emitBatch(batch: SyncBatch): Promise<void>;
  progress(counts: SyncProgressCounts): void;
  signal: AbortSignal;
  /** Where a person asks for a thread they opened to come next. */
  urgent?: UrgentThreads;
  /** Threads fetched at once; the HTTP layer bounds requests per host on its own. */
  threadConcurrency?: number;
  postsPerBatch?: number;
}


/** A batch's first post waits no longer than this for more (BatchWriter). */
const BATCH_MAX_WAIT_MS = 2_000;
/** Progress is emitted at most this often (a 2,000-thread run would otherwise send thousands of events). */
const PROGRESS_INTERVAL_MS = 100;
/** Categories listed at the same time; the HTTP layer bounds requests per host on its own. */
const LISTING_CONCURRENCY = 4;

type Known = SyncRequest['known'][number];
type Board = SyncRequest['boards'][number];
/** The later of two ISO-8601 times ('' is earlier than any). */
const later = (a: string, b: string) => (a >= b ? a : b);

/**
 * Threads a person opened before the run reached them. The run answers each ask: true when it
 * will pass the thread (next) or already has it in hand or done, false when it takes no more work.
 */
export class UrgentThreads {
  private answer: ((remoteId: number) => boolean) | null = null;

  ask(remoteId: number): boolean {
    return this.answer?.(remoteId) ?? false;
  }
  serve(answer: ((remoteId: number) => boolean) | null) {
    this.answer = answer;
  }
}

interface PendingThread {
  remoteId: number;
  /** Asked for by a person who opened it: its posts are handed over as soon as they arrive. */
  urgent?: boolean;
  title: string;
  /** The listing already told us the thread's state; the topic request can skip nothing else. */
  listed: Thread | null;
  boardId: string | null;
  /** Post ids the walk of the latest posts already delivered. */
  walked?: number[];
}

export async function runSync(deps: SyncEngineDeps): Promise<SyncOutcome> {
  const { source, request, signal } = deps;
  const known = new Map(request.known.map((entry) => [entry.remoteId, entry]));
  const refresh = new Set(request.refresh);
  const followedAlone = new Set(request.threads.map((followed) => followed.remoteId));
  const batches = new BatchWriter(deps);
  const counts: SyncProgressCounts = { threadsDone: 0, threadsTotal: 0, postsFetched: 0, currentThread: null };
  let progressAt = 0;
  const report = (force: boolean) => {
    const now = Date.now();
    if (!force && now - progressAt < PROGRESS_INTERVAL_MS) return;
    progressAt = now;
    deps.progress({ ...counts });
  };
  const threadErrors: SyncOutcome['threadErrors'] = [];
  const boardErrors: SyncOutcome['boardErrors'] = [];
  const failedBoards = new Set<string>();
  // Each topic is passed once per run, however many listings (pages, parent and child
  // categories, followed single threads) name it.
  const queued = new Set<number>();
  const boardCursors: BoardCursor[] = [];
  const allowance = new PostAllowance(request.maxPostsPerThread ?? DEFAULT_MAX_POSTS_PER_THREAD, request.maxPostsPerRun ?? DEFAULT_MAX_POSTS_PER_RUN);

  const isChanged = (thread: Thread) => {
    const stored = known.get(thread.remoteId);
    return (
      !stored ||
      refresh.has(thread.remoteId) ||
      stored.highestPostNumber !== thread.highestPostNumber ||
      stored.postsCount !== thread.postsCount ||
      stored.lastPostedAt !== thread.lastPostedAt
    );
  };

  // Threads are passed while later boards are still being listed, so the pipeline fills at once.
  const work = new WorkQueue<PendingThread>();
  const pendingIds = new Set<number>();
  const enqueue = (item: PendingThread) => {
    pendingIds.add(item.remoteId);
    work.push(item);
    counts.threadsTotal++;
    report(false);
  };
  let stopped: unknown = null;
  let lanesLeft = deps.threadConcurrency ?? 4;
  // Changed threads the walk of the forum's latest posts may complete, held back from the lanes
  // until the listing is done and the walk has had its go.
  const feed = source.latestPosts;
  const held = new Map<number, { item: PendingThread; candidate: FeedCandidate }>();
  let walking: Map<number, FeedCandidate> | null = null;
  /** Threads a person opened while they were being passed. */
  const wantedNow = new Set<number>();
  /**
   * Passes of threads a person opened. Each starts at once beside the lanes rather than waiting
   * for one to finish its thread; its requests take the budget's next slot (polite-http.ts).
   */
  const openedPasses = new Set<Promise<void>>();
  const passNow = (item: PendingThread) => {
    item.urgent = true;
    const pass: Promise<void> = passThread(item)
      .catch(stopOn)
      .finally(() => openedPasses.delete(pass));
    openedPasses.add(pass);
  };
  deps.urgent?.serve((remoteId) => {
    if (stopped || lanesLeft === 0 || signal.aborted) return false;
    const waitingForWalk = held.get(remoteId);
    if (waitingForWalk) {
      // Its own pass now, keeping what the walk delivered of it.
      held.delete(remoteId);
      walking?.delete(remoteId);
      passNow({ ...waitingForWalk.item, walked: [...waitingForWalk.candidate.walked.values()] });
      return true;
    }
    const waiting = work.takeOut((item) => item.remoteId === remoteId);
    if (waiting) passNow(waiting);
    else if (pendingIds.has(remoteId)) {
      // In hand: its pass hands its posts over when done. Passed: they may wait in the batch
      // being filled, which goes now.
      wantedNow.add(remoteId);
      batches.flush().catch(() => {});
    } else {
      // Not listed yet (or in a board not followed): passed on its own, first.
      queued.add(remoteId);
      pendingIds.add(remoteId);
      counts.threadsTotal++;
      passNow({ remoteId, title: `topic ${remoteId}`, listed: null, boardId: null });
    }
    return true;
  });

  /** Passes on what a listing found; `boardId` is the followed board the listing was for. */
  const take = (threads: Thread[], boardId: (thread: Thread) => string | null) => {
    const fresh = threads.filter((thread) => !queued.has(thread.remoteId));
    for (const thread of fresh) queued.add(thread.remoteId);
    // Listed threads show at once (and a thread that then fails shows, with its error).
    batches.addThreads(fresh);
    for (const thread of fresh.filter(isChanged)) {
      const item: PendingThread = { remoteId: thread.remoteId, title: thread.title, listed: thread, boardId: boardId(thread) };
      const candidate = feed && !refresh.has(thread.remoteId) ? feedCandidate(thread, known.get(thread.remoteId), source.idsPerRequest(), allowance.perThread) : null;
      // A thread whose own pass costs less than a page of the feed's posts would save is passed on its own.
      if (!candidate || feed!.pageSize * (candidate.passCost / candidate.wanted) <= 1) {
        enqueue(item);
        continue;
      }
      held.set(thread.remoteId, { item, candidate });
      pendingIds.add(thread.remoteId);
      counts.threadsTotal++;
    }
  };
  const listBoard = async (board: Board, atLeast: string | null) => {
    if (stopped) return;
    throwIfCancelled(signal);
    let listed: Awaited<ReturnType<typeof listChangedThreads>>;
    try {
      listed = await listChangedThreads(source, board, signal);
    } catch (error) {
      if (signal.aborted) throw new AppError('cancelled', 'Sync cancelled.');
      if (isForumWide(error)) throw error;
      boardErrors.push({ boardId: board.boardId, title: `category ${board.slug}`, error: toErrorInfo(error) });
      return;
    }
    take(listed.threads, () => board.boardId);
    const watermark = [listed.watermark ?? board.watermark ?? new Date(0).toISOString(), atLeast ?? ''].reduce(later);
    boardCursors.push({ boardId: board.boardId, watermark });
  };
  const listBoards = async (boards: Board[], atLeast: string | null) => {
    // Several categories are listed at once: the HTTP layer bounds requests per host on its own.
    let next = 0;
    const listers = Array.from({ length: Math.min(LISTING_CONCURRENCY, boards.length) }, async () => {
      while (next < boards.length && !stopped) await listBoard(boards[next++]!, atLeast);
    });
    await Promise.all(listers);
  };
  const listAll = async () => {
    // A board never listed is listed on its own (its first listing is its whole thread limit).
    // The others are found in the forum's one list of latest topics, read back to the oldest of
    // their watermarks: a run with nothing new costs that list's first page.
    const unlisted = request.boards.filter((board) => board.watermark === null);
    const watched = request.boards.filter((board) => board.watermark !== null);
    // The latest list's first page is read first: a board listed on its own is then complete up
    // to the newest bump anywhere on the forum, so the next run starts level for all of them.
    const firstPage = request.boards.length === 0 ? null : await source.listLatest(null).catch((error: unknown) => {
      if (signal.aborted) throw new AppError('cancelled', 'Sync cancelled.');
      if (isForumWide(error)) throw error;
      return null;
    });
    const newestNow = firstPage ? newestBump(firstPage.threads) : null;
    const listingUnlisted = listBoards(unlisted, newestNow);
    // Threads followed on their own that are stored whole are found in the same list when they
    // changed: one not in it, read back to the boards' watermarks, has had no post since the run
    // that set them, which checked it too (a run that could not pass one keeps the boards'
    // watermarks where they were). With no board watched, it is read back to their own last posts.
    const directStored = request.threads.filter((followed) => !refresh.has(followed.remoteId) && (known.get(followed.remoteId)?.highestPostNumber ?? -1) >= 0);
    let directCovered = false;
    if (watched.length > 0) {
      const oldest = watched.map((board) => board.watermark ?? '').reduce((a, b) => (a <= b ? a : b));
      const latest = await listLatestChanges(source, request.forumId, watched, oldest, new Set(known.keys()), signal, firstPage).catch((error: unknown) => {
        if (signal.aborted) throw new AppError('cancelled', 'Sync cancelled.');
        if (isForumWide(error)) throw error;
        // A forum whose latest list fails may still list its categories.
        return { reached: false as const, newest: null };
      });
      if (latest.reached) {
        take(latest.threads, (thread) => latest.boardOf.get(thread.remoteId) ?? null);
        directCovered = true;
        for (const board of watched) boardCursors.push({ boardId: board.boardId, watermark: [board.watermark ?? '', latest.newest ?? ''].reduce(later) });
      } else {
        // Other categories were so busy that the latest list did not reach back in its pages;
        // the followed ones are listed one by one instead. What the latest list showed is
        // already known to be no newer than `newest`.
        await listBoards(watched, latest.newest);
      }
    } else if (directStored.length > 0) {
      const oldest = directStored.map((followed) => known.get(followed.remoteId)?.lastPostedAt ?? '').reduce((a, b) => (a <= b ? a : b));
      const latest = await listLatestChanges(source, request.forumId, [], oldest, new Set(known.keys()), signal, firstPage).catch((error: unknown) => {
        if (signal.aborted) throw new AppError('cancelled', 'Sync cancelled.');
        if (isForumWide(error)) throw error;
        return { reached: false as const, newest: null };
      });
      if (latest.reached) {
        take(latest.threads, () => null);
        directCovered = true;
      }
    }
    await listingUnlisted;
    const covered = new Set(directCovered ? directStored.map((followed) => followed.remoteId) : []);
    const direct = [...request.threads, ...request.refresh.map((remoteId) => ({ remoteId, boardId: null }))];
    // A run of named threads alone is a person's: a thread they opened with no run in flight, or
    // Refresh thread. Its first posts go ahead, as an opened thread's do in a whole-forum run.
    const asked = request.boards.length === 0 && request.threads.length === 0;
    for (const followed of direct) {
      if (pendingIds.has(followed.remoteId) || covered.has(followed.remoteId)) continue;
      if (queued.has(followed.remoteId) && !refresh.has(followed.remoteId)) continue;
      queued.add(followed.remoteId);
      enqueue({ remoteId: followed.remoteId, title: `topic ${followed.remoteId}`, listed: null, boardId: followed.boardId, ...(asked && { urgent: true }) });
    }
  };

  let threadsChanged = 0;
  const walkFeed = async () => {
    if (!feed || held.size === 0 || stopped) return;
    const candidates = new Map([...held].map(([remoteId, { candidate }]) => [remoteId, candidate]));
    const wanted = [...candidates.values()].reduce((sum, candidate) => sum + candidate.wanted, 0);
    try {
      walking = candidates;
      if (wanted <= allowance.runLeft()) {
        await walkLatestPosts({
          feed,
          candidates,
          newestStoredPostId: newestStoredPostId(request.known),
          deliver: async (posts) => {
            allowance.take(posts.length);
            counts.postsFetched += posts.length;
            report(false);
            await batches.addPosts(posts);
          },
          complete: (candidate) => {
            const { listed, stored, walked } = candidate;
            held.delete(listed.remoteId);
            batches.completeThread({
              threadId: listed.id,
              highestPostNumber: listed.highestPostNumber,
              postsCount: listed.postsCount,
              lastPostedAt: listed.lastPostedAt,
              postIds: [...(stored?.postIds ?? []), ...walked.values()],
            });
            threadsChanged++;
            counts.threadsDone++;
            report(false);
          },
          throwIfCancelled: () => {
            throwIfCancelled(signal);
            if (stopped) throw stopped;
          },
        });
      }
    } catch (error) {
      if (signal.aborted) throw new AppError('cancelled', 'Sync cancelled.');
      if (isForumWide(error)) throw error;
      // A forum without the feed, or whose feed does not fit: the threads take their own passes.
    } finally {
      walking = null;
    }
    for (const { item, candidate } of held.values()) work.push({ ...item, walked: [...candidate.walked.values()] });
    held.clear();
  };
  const passThread = async (item: PendingThread) => {
    counts.currentThread = item.title;
    const threadId = threadIdFor(request.forumId, item.remoteId);
    /** The board keeps its watermark, so the next run lists this thread again and goes on. */
    const holdBack = () => {
      if (item.boardId) failedBoards.add(item.boardId);
      // A thread followed on its own is vouched for by every watched board's watermark.
      if (followedAlone.has(item.remoteId)) for (const board of request.boards) failedBoards.add(board.boardId);
    };
    const skipped = (message: string, resumes: boolean) => {
      threadErrors.push({ threadId, title: item.title, error: { code: 'too_large', message } });
      if (resumes) holdBack();
    };
    try {
      if (allowance.runSpent()) {
        skipped(`Not synced this time: this sync reached its limit of ${allowance.perRun.toLocaleString('en')} posts (set in the Sync log view). The next sync goes on from here.`, true);
      } else {
        const pass = await passOneThread(source, item, known.get(item.remoteId), refresh.has(item.remoteId), batches, signal, allowance, (n) => {
          counts.postsFetched += n;
          report(false);
        });
        if (pass.fetched) threadsChanged++;
        if (pass.cut === 'thread') {
          skipped(
            `The forum says this thread has ${pass.postsCount.toLocaleString('en')} posts; the reader keeps at most ${allowance.perThread.toLocaleString('en')} of one thread (set in the Sync log view), so the rest were not fetched.`,
            false,
          );
        } else if (pass.cut === 'run') {
          skipped(`Partly synced: this sync reached its limit of ${allowance.perRun.toLocaleString('en')} posts (set in the Sync log view). What was fetched is kept; the next sync goes on from here.`, true);
        }
      }
    } catch (error) {
      if (signal.aborted) throw new AppError('cancelled', 'Sync cancelled.');
      // The forum itself is out of reach: stop, keep what is committed, resume next run.
      if (isForumWide(error)) throw error;
      const info = toErrorInfo(error);
      threadErrors.push({ threadId, title: item.title, error: info });
      holdBack();
    }
    if (item.urgent || wantedNow.has(item.remoteId)) await batches.flush();
    counts.threadsDone++;
    report(false);
  };

  // The first failure stops the lanes taking more work; each finishes the thread in hand.
  const stopOn = (error: unknown) => {
    stopped ??= error;
    work.close();
  };
  const lanes = Array.from({ length: lanesLeft }, async () => {
    try {
      for (let item = await work.take(); item && !stopped; item = await work.take()) {
        throwIfCancelled(signal);
        await passThread(item);
      }
    } finally {
      lanesLeft--;
    }
  });
  await Promise.all([
    listAll()
      .then(walkFeed)
      .then(() => work.close(), stopOn),
    ...lanes.map((lane) => lane.catch(stopOn)),
  ]);
  deps.urgent?.serve(null);
  while (openedPasses.size > 0) await Promise.all(openedPasses);
  if (signal.aborted) throw new AppError('cancelled', 'Sync cancelled.');
  if (stopped) throw stopped;
  report(true);
  // A board whose thread failed keeps its old watermark, so the next run lists that thread again.
  batches.addBoardCursors(boardCursors.filter((cursor) => !failedBoards.has(cursor.boardId)));
  await batches.flush();
  counts.currentThread = null;
  report(true);
  return { threadsChanged, postsFetched: counts.postsFetched, threadErrors, boardErrors };
}

function newestStoredPostId(known: Known[]): number {
  let newest = 0;
  for (const entry of known) for (const id of entry.postIds) if (id > newest) newest = id;
  return newest;
}

/** How many more posts a thread's pass may take: the lesser of its own ceiling and what is left of the run's. */
class PostAllowance {
  private taken = 0;

  constructor(
    readonly perThread: number,
    readonly perRun: number,
  ) {}

  room(storedOfThread: number): number {
    return Math.max(0, Math.min(this.perThread - storedOfThread, this.perRun - this.taken));
  }
  /** Which ceiling stops a thread that holds `storedOfThread` posts. */
  reason(storedOfThread: number): 'thread' | 'run' {
    return this.perThread - storedOfThread <= this.perRun - this.taken ? 'thread' : 'run';
  }
  take(count: number) {
    this.taken += count;
  }
  runLeft(): number {
    return Math.max(0, this.perRun - this.taken);
  }
  runSpent(): boolean {
    return this.taken >= this.perRun;
  }
}

/** Items handed to whichever lane asks first; `take` waits while more may come. */
class WorkQueue<T> {
  private readonly items: T[] = [];
  private readonly waiting: Array<(item: T | null) => void> = [];
  private closed = false;

  push(item: T) {
    const waiter = this.waiting.shift();
    if (waiter) waiter(item);
    else this.items.push(item);
  }

  /** Removes the first waiting item that matches; null when none waits. */
  takeOut(matches: (item: T) => boolean): T | null {
    const index = this.items.findIndex(matches);
    if (index === -1) return null;
    const [item] = this.items.splice(index, 1) as [T];
    return item;
  }

  close() {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter(null);
  }

  take(): Promise<T | null> {
    if (this.items.length > 0) return Promise.resolve(this.items.shift() as T);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

/**
 * Errors that say the forum as a whole cannot be reached right now, as opposed to one item that
 * does not fit (a topic that fails validation, a category that became private).
 */
function isForumWide(error: unknown): boolean {
  return error instanceof AppError && (error.code === 'unreachable' || error.code === 'timeout' || error.code === 'rate_limited' || error.code === 'offline');
}

/** Pages of the latest list read at most, per followed board, before listing the boards one by one. */
const LATEST_PAGES_PER_BOARD = 1;
const LATEST_PAGES_AT_LEAST = 2;

type LatestChanges =
  | { reached: true; threads: Thread[]; boardOf: Map<number, string>; newest: string | null }
  | { reached: false; newest: string | null };

/**
 * Reads the forum's latest topics (every category, newest bump first) back to the oldest of the
 * boards' watermarks, keeping the threads of followed boards (and their subcategories) bumped
 * since their own watermark, and threads already stored wherever they are now (a topic moved out
 * of a followed board). `newest` is the latest bump seen anywhere: every board listed through the
 * whole walk is complete up to it. Not `reached` when the pages allowed ran out first.
 */
/** The latest bump among threads that are not pinned (pinned ones lead whatever their date). */
function newestBump(threads: Thread[]): string | null {
  return threads.filter((thread) => !thread.pinned).reduce<string | null>((newest, thread) => (newest && newest >= thread.bumpedAt ? newest : thread.bumpedAt), null);
}

async function listLatestChanges(
  source: ForumSource,
  forumId: string,
  boards: Board[],
  /** Where to stop: no thread bumped at or before it is wanted. */
  oldest: string,
  stored: ReadonlySet<number>,
  signal: AbortSignal,
  /** Page 0, when already read. */
  firstPage: ThreadPage | null,
): Promise<LatestChanges> {
  const byCategory = new Map<string, Board>();
  for (const board of boards) {
    for (const id of board.childRemoteIds ?? []) if (!byCategory.has(boardIdFor(forumId, id))) byCategory.set(boardIdFor(forumId, id), board);
  }
  // A board's own topics count for it, ahead of a followed parent's.
  for (const board of boards) byCategory.set(boardIdFor(forumId, board.remoteId), board);
  const taken = new Map<string, number>();
  const threads: Thread[] = [];
  const boardOf = new Map<number, string>();
  const seen = new Set<number>();
  let newest: string | null = null;
  let page: string | null = null;
  const maxPages = Math.max(LATEST_PAGES_AT_LEAST, boards.length * LATEST_PAGES_PER_BOARD);
  for (let pages = 0; pages < maxPages; pages++) {
    throwIfCancelled(signal);
    const result: ThreadPage = pages === 0 && firstPage ? firstPage : await source.listLatest(page);
    for (const thread of result.threads) {
      if (seen.has(thread.remoteId)) continue;
      seen.add(thread.remoteId);
      // Pinned topics lead page 0 whatever their date; they say nothing about where to stop.
      if (!thread.pinned) {
        if (thread.bumpedAt <= oldest) return { reached: true, threads, boardOf, newest };
        if (!newest || thread.bumpedAt > newest) newest = thread.bumpedAt;
      }
      const board = byCategory.get(thread.boardId);
      if (board) {
        const count = taken.get(board.boardId) ?? 0;
        if (count >= board.threadLimit || (!thread.pinned && thread.bumpedAt <= (board.watermark ?? ''))) continue;
        taken.set(board.boardId, count + 1);
        boardOf.set(thread.remoteId, board.boardId);
        threads.push(thread);
      } else if (stored.has(thread.remoteId)) {
        threads.push(thread);
      }
    }
    if (!result.nextPage || result.threads.length === 0) return { reached: true, threads, boardOf, newest };
    page = result.nextPage;
  }
  return { reached: false, newest };
}

/** Lists a board newest-first until its limit, or until threads older than the last complete listing. */
async function listChangedThreads(source: ForumSource, board: Board, signal: AbortSignal) {
  const threads: Thread[] = [];
  // Discourse repeats a topic across pages when pinned topics shift the page boundary, and a
  // topic bumped while we page moves up and is listed again: each is taken once.
  const seen = new Set<number>();
  let watermark: string | null = null;
  let page: string | null = null;
  paging: for (;;) {
    throwIfCancelled(signal);
    const result = await source.listThreads(board, page);
    for (const thread of result.threads) {
      if (seen.has(thread.remoteId)) continue;
      seen.add(thread.remoteId);
      // Pinned topics come first whatever their date; they say nothing about where to stop.
      if (!thread.pinned) {
        if (board.watermark && thread.bumpedAt <= board.watermark) break paging;
        if (!watermark || thread.bumpedAt > watermark) watermark = thread.bumpedAt;
      }
      threads.push(thread);
      if (threads.length >= board.threadLimit) break paging;
    }
    if (!result.nextPage || result.threads.length === 0) break;
    page = result.nextPage;
  }
  return { threads, watermark };
}

interface ThreadPass {
  fetched: boolean;
  /** The ceiling that stopped this pass before the thread's end, if one did. */
  cut: 'thread' | 'run' | null;
  postsCount: number;
}

async function passOneThread(
  source: ForumSource,
  item: PendingThread,
  stored: Known | undefined,
  fullPass: boolean,
  batches: BatchWriter,
  signal: AbortSignal,
  allowance: PostAllowance,
  onFetched: (count: number) => void,
): Promise<ThreadPass> {
  const ask = { urgent: item.urgent === true };
  // A stored thread asks for the chunk from its first new post: up to 15 of them come with the
  // stream, where the first chunk would bring 20 posts it has. A person opening it wants its start.
  const near = stored && stored.highestPostNumber > 0 && !fullPass && !item.urgent ? stored.highestPostNumber + 1 : undefined;
  const topic = await source.getThread(item.remoteId, ask, near);
  const { thread } = topic;
  item.title = thread.title;
  const cursor: ThreadCursor = {
    threadId: thread.id,
    highestPostNumber: thread.highestPostNumber,
    postsCount: thread.postsCount,
    lastPostedAt: thread.lastPostedAt,
  };
  const unchanged =
    stored &&
    !fullPass &&
    stored.highestPostNumber === cursor.highestPostNumber &&
    stored.postsCount === cursor.postsCount &&
    stored.lastPostedAt === cursor.lastPostedAt;
  const row = item.listed ? { ...thread, bumpedAt: item.listed.bumpedAt, pinned: item.listed.pinned } : thread;
  batches.addThreads([row]);
  if (unchanged) {
    batches.completeThread({ ...cursor, postIds: stored.postIds });
    return { fetched: false, cut: null, postsCount: thread.postsCount };
  }
  const walked = item.walked ?? [];
  const have = new Set(fullPass ? [] : [...(stored?.postIds ?? []), ...walked]);
  let cut: ThreadPass['cut'] = null;
  const numbers = new PostNumbers(thread.remoteId);
  const deliver = async (posts: Post[], ahead = false) => {
    numbers.check(posts);
    const fresh = posts.filter((post) => !have.has(post.remoteId));
    const room = allowance.room(have.size);
    if (fresh.length > room) cut ??= allowance.reason(have.size);
    const taken = fresh.slice(0, room);
    for (const post of taken) have.add(post.remoteId);
    allowance.take(taken.length);
    onFetched(taken.length);
    if (ahead) await batches.sendAhead(row, taken);
    else await batches.addPosts(taken);
  };
  /** Posts this pass may still ask for; 0 marks the pass as cut. */
  const roomLeft = () => {
    const room = allowance.room(have.size);
    if (room === 0) cut ??= allowance.reason(have.size);
    return room;
  };

  // A person is looking at this thread: its first posts go now, in a batch of their own ahead of
  // the one being filled, which may hold a thousand posts of other threads to commit first.
  await deliver(topic.posts, item.urgent === true);
  if (topic.postIds) {
    const missing = topic.postIds.filter((id) => !have.has(id));
    for (let i = 0; i < missing.length && !cut; ) {
      throwIfCancelled(signal);
      const size = Math.min(source.idsPerRequest(), roomLeft());
      if (size === 0) break;
      await deliver(await source.getPostsById(thread.remoteId, missing.slice(i, i + size), ask));
      i += size;
    }
    // The stream lists every live post, so a stored post it does not list is gone from the forum.
    if (stored || walked.length > 0) {
      const live = new Set(topic.postIds);
      batches.removePosts([...(stored?.postIds ?? []), ...walked].filter((id) => !live.has(id)).map((id) => postIdFor(thread.forumId, id)));
    }
    // A post the forum did not return (deleted since the stream was read) is not stored. A pass
    // the run's ceiling cut short stays incomplete, so the next run fetches the rest.
    if (cut !== 'run') batches.completeThread({ ...cursor, postIds: topic.postIds.filter((id) => have.has(id)) });
  } else {
    // Mega topics (10,000+ posts) have no stream of ids: page through them by post number.
    const seenIds = new Set(topic.posts.map((post) => post.remoteId));
    // Posts of a mega topic arrive and commit in post-number order, so what is stored of an
    // unfinished pass runs up to `storedThrough`: paging resumes after it.
    const firstPage = Math.max(0, ...topic.posts.map((post) => post.postNumber));
    let after = fullPass ? firstPage : Math.max(firstPage, stored?.highestPostNumber ?? 0, stored?.storedThrough ?? 0);
    while (!cut && roomLeft() > 0) {
      throwIfCancelled(signal);
      const page = await source.getPostsAfter(thread.remoteId, after, ask);
      if (page.length === 0) break;
      for (const post of page) seenIds.add(post.remoteId);
      await deliver(page);
      after = Math.max(after, ...page.map((post) => post.postNumber));
    }
    // Only a pass from the first post to the end sees them all; then what it did not see is gone.
    if (stored && fullPass && !cut && topic.posts.some((post) => post.postNumber === 1)) {
      const gone = stored.postIds.filter((id) => !seenIds.has(id));
      batches.removePosts(gone.map((id) => postIdFor(thread.forumId, id)));
      for (const id of gone) have.delete(id);
    }
    if (cut !== 'run') batches.completeThread({ ...cursor, postIds: [...have] });
  }
  return { fetched: true, cut, postsCount: thread.postsCount };
}

/**
 * Each post number belongs to one post of a thread. Pages come in several answers, so a number
 * claimed by two posts is caught here, across them, and the thread is refused: which of the two
 * is the real one cannot be known, and storing both shows "#3" twice.
 */
class PostNumbers {
  private readonly owner = new Map<number, number>();

  constructor(private readonly topicId: number) {}

  check(posts: Post[]) {
    for (const post of posts) {
      const other = this.owner.get(post.postNumber);
      if (other !== undefined && other !== post.remoteId) {
        throw new AppError('bad_response', `topic ${this.topicId}: posts ${other} and ${post.remoteId} both claim to be post #${post.postNumber}; nothing more of this thread was stored.`);
      }
      this.owner.set(post.postNumber, post.remoteId);
    }
  }
}

/**
 * Accumulates posts and cursors into batches, emitted strictly in order. A batch goes at 1,000
 * posts, or once its first post has waited 2 s: at a forum's limits posts trickle in (about 150 a
 * second), and a smaller batch shows sooner and commits quicker, which matters to a person whose
 * reads of the thread they opened wait behind a commit in progress.
 */
export class BatchWriter {
  private seq = 0;
  private current = this.empty();
  private firstPostAt: number | null = null;
  private readonly limit: number;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly deps: Pick<SyncEngineDeps, 'runId' | 'request' | 'emitBatch' | 'postsPerBatch'>) {
    this.limit = deps.postsPerBatch ?? 1000;
  }

  private empty(): Omit<SyncBatch, 'runId' | 'seq' | 'forumId'> {
    return { threads: [], posts: [], removedPostIds: [], threadCursors: [], boardCursors: [] };
  }

  addThreads(threads: Thread[]) {
    this.current.threads.push(...threads);
  }
  removePosts(ids: string[]) {
    this.current.removedPostIds.push(...ids);
  }
  completeThread(cursor: ThreadCursor) {
    this.current.threadCursors.push(cursor);
  }
  addBoardCursors(cursors: BoardCursor[]) {
    this.current.boardCursors.push(...cursors);
  }

  async addPosts(posts: Post[]) {
    if (posts.length > 0) this.firstPostAt ??= Date.now();
    this.current.posts.push(...posts);
    const waited = this.firstPostAt !== null && Date.now() - this.firstPostAt >= BATCH_MAX_WAIT_MS;
    if (this.current.posts.length >= this.limit || waited) await this.flush();
  }

  /** Emits what has accumulated; callers wait for back-pressure through the shared chain. */
  flush(): Promise<void> {
    const content = this.current;
    if (Object.values(content).some((list) => list.length > 0)) {
      this.current = this.empty();
      this.firstPostAt = null;
      this.emit(content);
    }
    return this.chain;
  }

  /**
   * Emits these alone, before what is accumulating: a thread a person waits on. Only what is
   * not emitted yet is overtaken, and no cursor travels here, so none gets ahead of its posts.
   */
  sendAhead(thread: Thread, posts: Post[]): Promise<void> {
    this.emit({ ...this.empty(), threads: [thread], posts, openedThreadId: thread.id });
    return this.chain;
  }

  private emit(content: Omit<SyncBatch, 'runId' | 'seq' | 'forumId'>) {
    const batch: SyncBatch = { runId: this.deps.runId, seq: this.seq++, forumId: this.deps.request.forumId, ...content };
    this.chain = this.chain.then(() => this.deps.emitBatch(batch));
  }
}

export function throwIfCancelled(signal: AbortSignal) {
  if (signal.aborted) throw new AppError('cancelled', 'Sync cancelled.');
}

export function toErrorInfo(error: unknown): AppErrorInfo {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
