// The persistent post index: segments in IndexedDB, replayed into memory at launch (no post is
// read or tokenised again), kept up to date from the queue that every post commit writes to.
//
// One writer at a time: every write goes through `exclusive`, and across windows through a Web
// Lock, so the segment list this object holds in memory is the one on disk.
import { searchQueueBatch, type ReaderDb, type SearchQueueRow } from '../../db/reader-db';
import { applySegment, compactSegment, encodeSegment, segmentBytes, type IndexedPost, type SearchSegment } from './index-segment';
import { indexablePost } from './indexable-post';
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
/** Segments of one size class merged together once there are this many (a log-structured merge). */
const MERGE_FACTOR = 8;
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
}

const sizeClass = (size: number) => Math.floor(Math.log(Math.max(1, size)) / Math.log(MERGE_FACTOR));

export class PostIndex {
  index = new InvertedIndex();
  private segments: SegmentMeta[] = [];
  private writes: Promise<unknown> = Promise.resolve();
  private loaded: Promise<void> | null = null;

  constructor(private readonly db: ReaderDb) {}

  /** Reads the stored segments into memory once; later calls wait for the same read. */
  load(): Promise<void> {
    return (this.loaded ??= this.exclusive(async () => {
      await this.readSegments();
      await this.queueWhatIsMissing();
    }));
  }

  private async readSegments(): Promise<void> {
    const index = new InvertedIndex();
    const metas: SegmentMeta[] = [];
    await this.db.searchSegments.each((row) => {
      applySegment(index, row);
      metas.push({ id: row.id as number, size: row.docCount + row.removed.length, bytes: segmentBytes(row) });
    });
    this.index = index;
    this.segments = metas;
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


  /** Indexes every queued post, a chunk per transaction, then merges small segments. */
  async catchUp(onProgress: (progress: CatchUpProgress) => void = () => {}): Promise<number> {
    await this.load();
    return this.exclusive(async () => {
      await this.rereadIfWrittenElsewhere();
      let done = 0;
      let pending = 0;
      for (;;) {
        const rows = await this.db.searchQueue.limit(QUEUE_CHUNK).toArray();
        if (rows.length === 0) break;
        // Counting means reading every queued row: only when the last count has run out.
        if (pending <= 0) pending = await this.queuedPosts();
        onProgress({ done, pending });
        const chunk = takeChunk(rows);
        const count = await this.indexChunk(chunk);
        done += count;
        pending -= count;
      }
      await this.mergeSegments();
      onProgress({ done, pending: 0 });
      return done;
    });
  }

  /** Posts waiting in the queue (reads every queued row). */
  async queuedPosts(): Promise<number> {
    let count = 0;
    await this.db.searchQueue.each((row) => (count += row.postIds?.length ?? 1));
    return count;
  }

  /** Queues posts whose index entries turned out to be stale (a result whose post is gone). */
  async requeue(postIds: string[]): Promise<void> {
    await this.db.searchQueue.add(searchQueueBatch(postIds));
  }

  /** Indexes the posts of some queue rows (read in key order) and takes those rows off the queue. */
  private async indexChunk(rows: SearchQueueRow[]): Promise<number> {
    const ids = [...new Set(rows.flatMap((row) => row.postIds ?? [row.postId]))];
    const posts = await this.db.posts.bulkGet(ids);
    const firstPostThreads = [...new Set(posts.flatMap((post) => (post && post.postNumber === 1 ? [post.threadId] : [])))];
    const titles = new Map((await this.db.threads.bulkGet(firstPostThreads)).flatMap((thread) => (thread ? [[thread.id, thread.title] as const] : [])));
    const added: IndexedPost[] = [];
    const removed: string[] = [];
    posts.forEach((post, i) => {
      const postId = ids[i] as string;
      if (!post || post.deleted) {
        if (this.index.hasPost(postId)) removed.push(postId);
        return;
      }
      const indexable = indexablePost(post, titles.get(post.threadId) ?? null);
      if (this.index.hashOfPost(postId) !== indexable.fields.hash) added.push(indexable);
    });
    const segment = added.length > 0 || removed.length > 0 ? encodeSegment(added, removed) : null;
    let segmentId: number | null = null;
    const first = (rows[0] as SearchQueueRow).postId;
    const last = (rows[rows.length - 1] as SearchQueueRow).postId;
    const handled = new Map(rows.map((row) => [row.postId, row.mark]));
    await this.db.transaction('rw', [this.db.searchSegments, this.db.searchQueue], async () => {
      if (segment) segmentId = (await this.db.searchSegments.add({ ...segment })) as number;
      // The rows are taken off as one key range; a post queued again (or first) in that range
      // while this chunk was indexed is put back.
      const range = () => this.db.searchQueue.where(':id').between(first, last, true, true);
      const now = await range().toArray();
      const requeued = now.filter((row) => handled.get(row.postId) !== row.mark);
      await range().delete();
      if (requeued.length > 0) await this.db.searchQueue.bulkPut(requeued);
    });
    if (segment && segmentId !== null) {
      applySegment(this.index, segment);
      this.segments.push({ id: segmentId, size: segment.docCount + segment.removed.length, bytes: segmentBytes(segment) });
    }
    return ids.length;
  }

  /**
   * Keeps the number of segments logarithmic: whenever MERGE_FACTOR segments of one size class
   * sit at the end of the list, they become one. Each post is rewritten a few times in its life,
   * not once per sync. When many entries are dead, the whole index is rewritten from memory.
   */
  private async mergeSegments(): Promise<void> {
    if (this.index.docCount > 1000 && this.index.deadShare > COMPACT_DEAD_SHARE) {
      await this.compactAll();
      return;
    }
    for (;;) {
      const last = this.segments[this.segments.length - 1];
      if (!last) return;
      const level = sizeClass(last.size);
      let start = this.segments.length - 1;
      while (start > 0 && sizeClass((this.segments[start - 1] as SegmentMeta).size) === level) start -= 1;
      if (this.segments.length - start < MERGE_FACTOR) return;
      await this.mergeTail(start);
    }
  }

  private async mergeTail(start: number): Promise<void> {
    const run = this.segments.slice(start);
    const rows = await this.db.searchSegments.bulkGet(run.map((segment) => segment.id));
    const scratch = new InvertedIndex();
    const removed = new Set<string>();
    for (const row of rows) {
      if (!row) throw new Error('A search segment vanished while merging.');
      for (const postId of row.removed) removed.add(postId);
      applySegment(scratch, row);
    }
    const merged: SearchSegment = { ...compactSegment(scratch), removed: [...removed] };
    let id = 0;
    await this.db.transaction('rw', this.db.searchSegments, async () => {
      await this.db.searchSegments.bulkDelete(run.map((segment) => segment.id));
      id = (await this.db.searchSegments.add(merged)) as number;
    });
    this.segments.splice(start, run.length, { id, size: merged.docCount + merged.removed.length, bytes: segmentBytes(merged) });
  }

  private async compactAll(): Promise<void> {
    const segment = compactSegment(this.index);
    let id = 0;
    await this.db.transaction('rw', this.db.searchSegments, async () => {
      await this.db.searchSegments.clear();
      id = (await this.db.searchSegments.add(segment)) as number;
    });
    const index = new InvertedIndex();
    applySegment(index, segment);
    this.index = index;
    this.segments = [{ id, size: segment.docCount, bytes: segmentBytes(segment) }];
  }

  /**
   * A cheap check at launch: when the counts cannot add up (posts removed by something other than
   * a sync, or an index lost), queue the difference. Reads keys only, never post bodies.
   */
  private async queueWhatIsMissing(): Promise<void> {
    const [posts, queued] = await Promise.all([this.db.posts.count(), this.db.searchQueue.count()]);
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
    this.writes = run.catch(() => {});
    return run;
  }
}

/** Two windows of the reader share one database; only one of them writes the index at a time. */
function withWriterLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  return locks ? (locks.request('forum-reader-search-index', work) as Promise<T>) : work();
}
