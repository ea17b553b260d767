// The persistent post index: segments in IndexedDB, replayed into memory at launch (no post is
// read or tokenised again), kept up to date from the queue that every post commit writes to.
//
// One writer at a time: every write goes through `exclusive`, and across windows through a Web
// Lock, so the segment list this object holds in memory is the one on disk.
import type { ReaderDb, SearchQueueRow } from '../../db/reader-db';
import { applySegment, compactSegment, encodeSegment, segmentBytes, type IndexedPost, type SearchSegment } from './index-segment';
import { indexablePost } from './indexable-post';
import { InvertedIndex } from './inverted-index';

/** Posts indexed per transaction: big enough to amortise a commit, small enough to show progress. */
const QUEUE_CHUNK = 1000;
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

  pending(): Promise<number> {
    return this.db.searchQueue.count();
  }

  /** Indexes every queued post, a chunk per transaction, then merges small segments. */
  async catchUp(onProgress: (progress: CatchUpProgress) => void = () => {}): Promise<number> {
    await this.load();
    return this.exclusive(async () => {
      await this.rereadIfWrittenElsewhere();
      let done = 0;
      for (;;) {
        const queued = await this.db.searchQueue.limit(QUEUE_CHUNK).toArray();
        if (queued.length === 0) break;
        onProgress({ done, pending: await this.db.searchQueue.count() });
        done += await this.indexChunk(queued);
      }
      await this.mergeSegments();
      onProgress({ done, pending: 0 });
      return done;
    });
  }

  /** Queues posts whose index entries turned out to be stale (a result whose post is gone). */
  async requeue(postIds: string[]): Promise<void> {
    await this.db.searchQueue.bulkPut(postIds.map((postId) => ({ postId, mark: Math.random() })));
  }

  private async indexChunk(queued: SearchQueueRow[]): Promise<number> {
    const ids = queued.map((row) => row.postId);
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
    await this.db.transaction('rw', [this.db.searchSegments, this.db.searchQueue], async () => {
      if (segment) segmentId = (await this.db.searchSegments.add({ ...segment })) as number;
      // A post queued again while this chunk was read keeps its place in the queue.
      const now = await this.db.searchQueue.bulkGet(ids);
      await this.db.searchQueue.bulkDelete(ids.filter((_, i) => now[i]?.mark === queued[i]?.mark));
    });
    if (segment && segmentId !== null) {
      applySegment(this.index, segment);
      this.segments.push({ id: segmentId, size: segment.docCount + segment.removed.length, bytes: segmentBytes(segment) });
    }
    return queued.length;
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
