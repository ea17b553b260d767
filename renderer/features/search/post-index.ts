// The persistent post index: segments in IndexedDB, replayed into memory at launch (no post is
// read or tokenised again), kept up to date from the queue that every post commit writes to.
//
// One writer at a time: every write goes through `exclusive`, and across windows through a Web
// Lock, so the segment list this object holds in memory is the one on disk.
import type { CommittedPosts } from '../../db/posts-committed';
import { SEARCH_QUEUE_BATCH, searchQueueBatch, type PostRow, type ReaderDb, type SearchQueueRow, type SearchSegmentRow } from '../../db/reader-db';
import { applySegment, compactSegment, hasTexts, SegmentBuilder, segmentBytes, type SearchSegment } from './index-segment';
import { indexPost, postHash } from './indexable-post';
import { InvertedIndex } from './inverted-index';

/** Posts indexed per transaction: big enough to amortise a commit, small enough to show progress. */
const QUEUE_CHUNK = 1000;

/** Leading rows holding at most QUEUE_CHUNK posts (always at least one row). */
function takeChunk(rows: SearchQueueRow[]): SearchQueueRow[] {
  let posts = 0;
  let end = 0;
  while (end < rows.length) {
    const size = (rows[end] as SearchQueueRow).postIds?.length ?? 1;
    if (end > 0 && posts + size > QUEUE_CHUNK) break;
    posts += size;
    end += 1;
  }
  return rows.slice(0, end);
}
/**
 * Handed-over posts written as one segment once this many have come (a fast sync: sixteen of its
 * batches), or FLUSH_AFTER_MS after the last batch. A segment per batch meant a transaction and
 * frequent merges per batch, all competing with the sync for the database; timing from the first
 * batch instead cut a steady sync's posts into a segment per 300 ms, whose merges cost the worker
 * much of its time.
 */
const FLUSH_POSTS = 8000;
const FLUSH_AFTER_MS = 300;
/**
 * Segments of one size class merged together once there are this many (a log-structured merge).
 * Sixteen rather than eight: the worker's CPU over a 100,000-post sync fell from 9–10 s to 6–7 s
 * (fewer rewrites), and replaying a dozen segments at launch costs no more than a few.
 */
const MERGE_FACTOR = 16;
/** Share of dead document numbers (edited or removed posts) at which the whole index is rewritten. */
const COMPACT_DEAD_SHARE = 0.3;

interface SegmentMeta {
  id: number;
  size: number;
  bytes: number;
}

export interface CatchUpProgress {
  done: number;
  pending: number;
  /** The index's version (see PostIndex.version). */
  version: number;
}

/** A batch a sync has handed over, waiting to be written, and who waits for that. */
interface HandedOverBatch {
  committed: Omit<CommittedPosts, 'db'>;
  resolve(): void;
  reject(error: unknown): void;
}

const sizeClass = (size: number) => Math.floor(Math.log(Math.max(1, size)) / Math.log(MERGE_FACTOR));

export class PostIndex {
  index = new InvertedIndex();
  /** Grows with every change to what the index holds, so that results on show are asked for again. */
  version = 0;
  private segments: SegmentMeta[] = [];
  private writes: Promise<unknown> = Promise.resolve();
  /** Queue rows whose posts a sync has handed over (or is about to) and will be indexed from memory. */
  private readonly handedOver = new Set<string>();
  /** Handed-over batches not yet stored, and how many posts they hold. */
  private waiting: HandedOverBatch[] = [];
  private waitingPosts = 0;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  /** The latest write of handed-over posts (writes run in turn, so every earlier one is done by then). */
  private lastFlush: Promise<void> = Promise.resolve();
  private loaded: Promise<void> | null = null;

  constructor(private readonly db: ReaderDb) {}

  /** Reads the stored segments into memory once; later calls wait for the same read. */
  load(): Promise<void> {
    return (this.loaded ??= this.exclusive(async () => {
      await this.readSegments();
      await this.queueWhatIsMissing();
    }));
  }

  /**
   * An index that cannot be replayed (written before segments kept their posts' texts, or damaged)
   * is dropped whole: with no segments left, every stored post is found missing and queued, and
   * the index is caught up again.
   */
  private async readSegments(): Promise<void> {
    const rows = await this.db.searchSegments.toArray();
    const replayed = await replay(rows);
    if (!replayed) await this.db.searchSegments.clear();
    this.index = replayed?.index ?? new InvertedIndex();
    this.segments = replayed?.metas ?? [];
    this.version += 1;
  }

  /** Another window may have written segments since this one read them: then read them again. */
  private async rereadIfWrittenElsewhere(): Promise<void> {
    const ids = (await this.db.searchSegments.toCollection().primaryKeys()) as number[];
    const same = ids.length === this.segments.length && ids.every((id, i) => id === this.segments[i]?.id);
    if (!same) await this.readSegments();
  }

  get storedBytes(): number {
    return this.segments.reduce((sum, segment) => sum + segment.bytes, 0);
  }

  get segmentCount(): number {
    return this.segments.length;
  }


  /**
   * Indexes every queued post, a chunk per transaction, then merges small segments. Each chunk
   * takes the writer's turn on its own, so posts handed over by a sync are not kept waiting.
   */
  async catchUp(onProgress: (progress: CatchUpProgress) => void = () => {}): Promise<number> {
    await this.load();
    await this.exclusive(() => this.rereadIfWrittenElsewhere());
    let done = 0;
    let pending = 0;
    for (;;) {
      const indexed = await this.exclusive(async () => {
        // Keys first: after each sync commit the queue holds little but rows handed over with their
        // posts, and reading those rows (a thousand ids each) only to skip them held up the next commit.
        const keys = ((await this.db.searchQueue.limit(QUEUE_CHUNK).primaryKeys()) as string[]).filter((key) => !this.handedOver.has(key));
        if (keys.length === 0) return null;
        const rows = await this.queueRows(keys);
        if (rows.length === 0) return null;
        // Counting means reading every queued row: only when the last count has run out.
        if (pending <= 0) pending = await this.queuedPosts();
        onProgress({ done, pending, version: this.version });
        return this.indexRows(takeChunk(rows));
      });
      if (indexed === null) break;
      done += indexed;
      pending -= indexed;
    }
    await this.exclusive(() => this.mergeSegments());
    onProgress({ done, pending: 0, version: this.version });
    return done;
  }

  /**
   * The queue rows of these keys (in key order). Single-post rows sort before every batch row, so
   * they are read as one key range in one request rather than a request each.
   */
  private async queueRows(keys: string[]): Promise<SearchQueueRow[]> {
    const single = keys.filter((key) => !key.startsWith(SEARCH_QUEUE_BATCH));
    const batches = keys.filter((key) => key.startsWith(SEARCH_QUEUE_BATCH));
    const wanted = new Set(single);
    const [singleRows, batchRows] = await Promise.all([
      single.length === 0 ? [] : this.db.searchQueue.where(':id').between(single[0], single[single.length - 1], true, true).toArray(),
      this.db.searchQueue.bulkGet(batches),
    ]);
    return [...singleRows.filter((row) => wanted.has(row.postId)), ...batchRows.filter((row): row is SearchQueueRow => row !== undefined)];
  }

  /** Posts waiting in the queue: single-post rows are counted by the database, batch rows read. */
  async queuedPosts(): Promise<number> {
    const [rows, batches] = await Promise.all([this.db.searchQueue.count(), this.db.searchQueue.where(':id').startsWith(SEARCH_QUEUE_BATCH).toArray()]);
    return rows - batches.length + batches.reduce((sum, row) => sum + (row.postIds?.length ?? 1), 0);
  }

  /** Queues posts whose index entries are missing or stale. */
  private async requeue(postIds: string[]): Promise<void> {
    await this.db.searchQueue.add(searchQueueBatch(postIds));
  }

  /** A sync is about to commit this queue row and hand its posts over: catching up leaves it alone. */
  expectHandover(queueKey: string): void {
    this.handedOver.add(queueKey);
  }

  /** The commit failed: there is no such row, and nothing will be handed over. */
  handoverCancelled(queueKey: string): void {
    this.handedOver.delete(queueKey);
  }

  /**
   * Indexes posts a sync has just committed, as it hands them over (no read from disk), and takes
   * their queue row off. Had the row already been indexed from disk, nothing is written twice.
   * Batches that come quickly are written as one segment (see FLUSH_POSTS); the promise settles
   * once this batch is stored.
   */
  indexCommitted(committed: Omit<CommittedPosts, 'db'>): Promise<void> {
    // Known at once, so a catch-up running meanwhile leaves this row to this call.
    this.handedOver.add(committed.queueKey);
    return new Promise((resolve, reject) => {
      this.waiting.push({ committed, resolve, reject });
      this.waitingPosts += committed.posts.length + committed.removedPostIds.length;
      if (this.waitingPosts >= FLUSH_POSTS) {
        void this.flushHandedOver();
        return;
      }
      if (this.flushTimer !== null) clearTimeout(this.flushTimer);
      this.flushTimer = setTimeout(() => void this.flushHandedOver(), FLUSH_AFTER_MS);
    });
  }

  /**
   * Stores the posts handed over so far, and settles once they are in the index, also those whose
   * write had begun already (a search calls this, so they are found at once).
   */
  flushHandedOver(): Promise<void> {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const taken = this.waiting.splice(0);
    this.waitingPosts = 0;
    if (taken.length > 0) this.lastFlush = this.storeHanded(taken);
    return this.lastFlush;
  }

  /** Writes these handed-over batches as one segment and settles each batch's promise. */
  private async storeHanded(taken: HandedOverBatch[]): Promise<void> {
    const keys = taken.map(({ committed }) => committed.queueKey);
    try {
      await this.load();
      let rowsTakenOff: Promise<unknown> = Promise.resolve();
      await this.exclusive(async () => {
        const titles = new Map(taken.flatMap(({ committed }) => Object.entries(committed.threadTitles)));
        const ids: string[] = [];
        const posts: (PostRow | undefined)[] = [];
        for (const { committed } of taken) {
          for (const post of committed.posts) {
            ids.push(post.id);
            posts.push(post);
          }
          for (const postId of committed.removedPostIds) {
            ids.push(postId);
            posts.push(undefined);
          }
        }
        const untitled = posts.flatMap((post) => (post && post.postNumber === 1 && !titles.has(post.threadId) ? [post.threadId] : []));
        if (untitled.length > 0) for (const [id, title] of await this.titlesOf(untitled)) titles.set(id, title);
        // The segment is written without the queue, which every sync commit writes too: sharing it
        // made each segment wait for the commit in progress. The rows come off meanwhile; a crash
        // in between only has these posts read again later and found unchanged.
        await this.store(await this.segmentFor(ids, posts, titles));
        rowsTakenOff = this.db.searchQueue.bulkDelete(keys);
        await this.mergeSegments();
      });
      await rowsTakenOff;
      for (const { resolve } of taken) resolve();
    } catch (error) {
      for (const { reject } of taken) reject(error);
    } finally {
      for (const key of keys) this.handedOver.delete(key);
    }
  }

  private async titlesOf(threadIds: string[]): Promise<Map<string, string>> {
    const threads = await this.db.threads.bulkGet([...new Set(threadIds)]);
    return new Map(threads.flatMap((thread) => (thread ? [[thread.id, thread.title] as const] : [])));
  }

  /** What changed among these posts (undefined: no longer stored), as a segment; null when nothing did. */
  private async segmentFor(ids: string[], posts: (PostRow | undefined)[], titles: Map<string, string>): Promise<SearchSegment | null> {
    const added = new SegmentBuilder();
    const removed: string[] = [];
    posts.forEach((post, i) => {
      const postId = ids[i] as string;
      if (!post || post.deleted) {
        if (this.index.hasPost(postId)) removed.push(postId);
        return;
      }
      const title = titles.get(post.threadId) ?? null;
      // Synced again unchanged (a full pass of a thread, or a chunk already indexed from disk).
      const hash = postHash(post, title);
      if (this.index.hashOfPost(postId) === hash) return;
      indexPost(added, post, title, hash);
    });
    return added.postCount > 0 || removed.length > 0 ? added.finish(removed) : null;
  }

  /** Writes a segment (with the queue change that goes with it, if any) in one transaction, then applies it in memory. */
  private async store(segment: SearchSegment | null, updateQueue?: () => Promise<unknown>): Promise<void> {
    let segmentId: number | null = null;
    const tables = updateQueue ? [this.db.searchSegments, this.db.searchQueue] : [this.db.searchSegments];
    await this.db.transaction('rw', tables, async () => {
      if (segment) segmentId = (await this.db.searchSegments.add({ ...segment })) as number;
      await updateQueue?.();
    });
    if (segment && segmentId !== null) {
      await applySegment(this.index, segment);
      this.version += 1;
      this.segments.push({ id: segmentId, size: segment.docCount + segment.removed.length, bytes: segmentBytes(segment) });
    }
  }

  /**
   * The posts of a chunk. Rows of single posts sort like the posts themselves, so many of them
   * (older data being caught up) are read as one key range in one request, in disk order, rather
   * than as a thousand lookups all over the table.
   */
  private async readPosts(rows: SearchQueueRow[], ids: string[]): Promise<(PostRow | undefined)[]> {
    const single = rows.filter((row) => !row.postIds);
    if (single.length < QUEUE_CHUNK / 4) return this.db.posts.bulkGet(ids);
    const first = (single[0] as SearchQueueRow).postId;
    const last = (single[single.length - 1] as SearchQueueRow).postId;
    const inRange = new Map((await this.db.posts.where(':id').between(first, last, true, true).toArray()).map((post) => [post.id, post]));
    const rest = ids.filter((id) => id < first || id > last);
    const others = new Map((await this.db.posts.bulkGet(rest)).flatMap((post) => (post ? [[post.id, post] as const] : [])));
    return ids.map((id) => inRange.get(id) ?? others.get(id));
  }

  /** Indexes the posts of some queue rows (read in key order) and takes those rows off the queue. */
  private async indexRows(rows: SearchQueueRow[]): Promise<number> {
    const ids = [...new Set(rows.flatMap((row) => row.postIds ?? [row.postId]))];
    const posts = await this.readPosts(rows, ids);
    const titles = await this.titlesOf(posts.flatMap((post) => (post && post.postNumber === 1 ? [post.threadId] : [])));
    const first = (rows[0] as SearchQueueRow).postId;
    const last = (rows[rows.length - 1] as SearchQueueRow).postId;
    const handled = new Map(rows.map((row) => [row.postId, row.mark]));
    await this.store(await this.segmentFor(ids, posts, titles), async () => {
      // The rows are taken off as one key range; a post queued again (or first) in that range
      // while this chunk was indexed is put back.
      const range = () => this.db.searchQueue.where(':id').between(first, last, true, true);
      const now = await range().toArray();
      const requeued = now.filter((row) => handled.get(row.postId) !== row.mark);
      await range().delete();
      if (requeued.length > 0) await this.db.searchQueue.bulkPut(requeued);
    });
    return ids.length;
  }

  /**
   * Keeps the number of segments logarithmic: whenever MERGE_FACTOR segments no bigger than one
   * size class sit at the end of the list, they become one. Each post is rewritten a few times in
   * its life, not once per sync. When many entries are dead, the whole index is rewritten.
   */
  private async mergeSegments(): Promise<void> {
    if (this.index.docCount > 1000 && this.index.deadShare > COMPACT_DEAD_SHARE) {
      await this.compactAll();
      return;
    }
    for (;;) {
      const start = this.mergeableTail();
      if (start === null) return;
      await this.mergeTail(start);
    }
  }

  /** Where the run of small segments to merge starts, or null when no run is long enough. */
  private mergeableTail(): number | null {
    const classes = this.segments.map((segment) => sizeClass(segment.size));
    const top = Math.max(0, ...classes);
    // The smallest size class whose tail run (segments of that class or smaller) is long enough:
    // a run of mixed small classes (500-post sync batches beside 1,000-post catch-up chunks) counts.
    for (let level = 0; level <= top; level += 1) {
      let start = classes.length;
      while (start > 0 && (classes[start - 1] as number) <= level) start -= 1;
      if (classes.length - start >= MERGE_FACTOR) return start;
    }
    return null;
  }

  private async mergeTail(start: number): Promise<void> {
    const run = this.segments.slice(start);
    const rows = await this.db.searchSegments.bulkGet(run.map((segment) => segment.id));
    const scratch = new InvertedIndex();
    const removed = new Set<string>();
    for (const row of rows) {
      if (!row) throw new Error('A search segment vanished while merging.');
      if (!hasTexts(row)) throw new Error('A search segment without texts was written meanwhile.');
      for (const postId of row.removed) removed.add(postId);
      await applySegment(scratch, row);
    }
    const merged: SearchSegment = { ...(await compactSegment(scratch)), removed: [...removed] };
    let id = 0;
    await this.db.transaction('rw', this.db.searchSegments, async () => {
      await this.db.searchSegments.bulkDelete(run.map((segment) => segment.id));
      id = (await this.db.searchSegments.add(merged)) as number;
    });
    this.segments.splice(start, run.length, { id, size: merged.docCount + merged.removed.length, bytes: segmentBytes(merged) });
  }

  private async compactAll(): Promise<void> {
    const segment = await compactSegment(this.index);
    let id = 0;
    await this.db.transaction('rw', this.db.searchSegments, async () => {
      await this.db.searchSegments.clear();
      id = (await this.db.searchSegments.add(segment)) as number;
    });
    const index = new InvertedIndex();
    await applySegment(index, segment);
    this.index = index;
    this.segments = [{ id, size: segment.docCount, bytes: segmentBytes(segment) }];
  }

  /**
   * A cheap check at launch: when the counts cannot add up (posts removed by something other than
   * a sync, or an index lost), queue the difference. Reads keys only, never post bodies.
   */
  private async queueWhatIsMissing(): Promise<void> {
    const [posts, queued] = await Promise.all([this.db.posts.count(), this.queuedPosts()]);
    const indexed = this.index.aliveCount;
    if (indexed <= posts && indexed + queued >= posts) return;
    const stored = (await this.db.posts.toCollection().primaryKeys()) as string[];
    const storedSet = new Set(stored);
    const missing = stored.filter((postId) => !this.index.hasPost(postId));
    const gone = [...this.index.indexedPostIds()].filter((postId) => !storedSet.has(postId));
    if (missing.length + gone.length > 0) await this.requeue([...missing, ...gone]);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const locked = () => withWriterLock(work);
    const run = this.writes.then(locked, locked);
    // The caller gets the failure through `run`; the chain only must not stop at it.
    this.writes = run.catch(() => {});
    return run;
  }
}

/** The index the stored segments make, or null when they cannot make one. */
async function replay(rows: SearchSegmentRow[]): Promise<{ index: InvertedIndex; metas: SegmentMeta[] } | null> {
  if (!rows.every(hasTexts)) return null;
  const index = new InvertedIndex();
  const metas: SegmentMeta[] = [];
  try {
    for (const row of rows) {
      await applySegment(index, row);
      metas.push({ id: row.id as number, size: row.docCount + row.removed.length, bytes: segmentBytes(row) });
    }
  } catch (error) {
    console.warn(`The stored search index could not be read back (${error instanceof Error ? error.message : String(error)}); it is built again from the stored posts.`);
    return null;
  }
  return { index, metas };
}

/** Two windows of the reader share one database; only one of them writes the index at a time. */
function withWriterLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  return locks ? (locks.request('forum-reader-search-index', work) as Promise<T>) : work();
}
