// The browser half of test/bench/search.bench.ts, built by Vite like the app (so the index worker
// is bundled the same way) and driven through `window.searchBench`. Everything here runs on the
// same posts, in one page, in one run.
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import { commitSyncBatch } from '../../../renderer/db/commit-sync-batch';
import { ReaderDb } from '../../../renderer/db/reader-db';
import { foldText } from '../../../renderer/features/search/fold-text';
import { useIndexStatus } from '../../../renderer/features/search/index-status-store';
import { applySegment, compactSegment, hasTexts, SegmentBuilder, segmentBytes } from '../../../renderer/features/search/index-segment';
import { indexPost } from '../../../renderer/features/search/indexable-post';
import { InvertedIndex } from '../../../renderer/features/search/inverted-index';
import { parseQuery } from '../../../renderer/features/search/parse-query';
import { postTextOf } from '../../../renderer/features/search/post-text';
import { searchClientFor } from '../../../renderer/features/search/search-client';
import { SearchEngine, topPositions } from '../../../renderer/features/search/search-engine';
import { NO_FILTERS } from '../../../renderer/features/search/search-types';
import type { SyncBatch } from '../../../shared/model';

export interface BenchData {
  batches: SyncBatch[];
  /** Two-word queries, each "word word " (both words whole). */
  queries: string[];
}

export interface Latency {
  p50: number;
  p95: number;
  mean: number;
  /** Average number of matching posts per query. */
  hits: number;
}

export interface CandidateFigures {
  name: string;
  buildMs: number;
  query: Latency;
  serialisedBytes: number | null;
}

let data: BenchData;
const RESULT_LIMIT = 20;

function latency(times: number[], hits: number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { p50: at(0.5), p95: at(0.95), mean: times.reduce((a, b) => a + b, 0) / times.length, hits: hits.reduce((a, b) => a + b, 0) / hits.length };
}

async function timeEach(queries: string[], run: (query: string) => Promise<number> | number): Promise<Latency> {
  for (const query of queries.slice(0, 10)) await run(query); // warm-up, not counted
  const times: number[] = [];
  const hits: number[] = [];
  for (const query of queries) {
    const started = performance.now();
    hits.push(await run(query));
    times.push(performance.now() - started);
  }
  return latency(times, hits);
}

const allPosts = () => data.batches.flatMap((batch) => batch.posts);
const titleOf = () => new Map(data.batches.flatMap((batch) => batch.threads.map((thread) => [thread.id, thread.title] as const)));

/** Under 1% of the times it is used to measure at 100,000 posts (25 s and more). */
const POLL_MS = 100;

async function waitForCaughtUp(db: ReaderDb): Promise<void> {
  // Caught up: the queue is empty and the worker has reported { pending: 0 } (which it does when
  // a catch-up and its segment merges have finished) since the queue was last seen non-empty.
  let finishedAt = -1;
  const stop = useIndexStatus.subscribe((state) => {
    if (state.ready && state.pending === 0) finishedAt = performance.now();
  });
  let lastBusyAt = -Infinity;
  try {
    for (;;) {
      const seenAt = performance.now();
      if ((await db.searchQueue.count()) > 0) lastBusyAt = seenAt;
      else if (finishedAt > lastBusyAt) return;
      // Polling is fine in a measurement harness, but not often: counting a queue of 100,000 rows
      // takes the database long enough that a count every 20 ms slowed the catch-up it timed.
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    stop();
  }
}

const searchBench = {
  async load(url: string): Promise<number> {
    data = (await (await fetch(url)).json()) as BenchData;
    return allPosts().length;
  },

  /** Sync's commit step with no search index at all: the same commits without the queue write. */
  async syncWithoutIndex(name: string): Promise<number> {
    const db = new ReaderDb(name);
    await db.open();
    // The commit's one queue write per batch becomes a no-op here; nothing listens for its posts.
    (db.searchQueue as unknown as { add: () => Promise<void> }).add = async () => {};
    const started = performance.now();
    for (const batch of data.batches) await commitSyncBatch(db, batch);
    const ms = performance.now() - started;
    db.close();
    return ms;
  },

  /** The same commits as the app does them, the worker indexing alongside; done when the index has caught up. */
  async syncWithIndex(name: string): Promise<{ commitMs: number; caughtUpMs: number }> {
    const db = new ReaderDb(name);
    await db.open();
    const client = searchClientFor(db);
    const started = performance.now();
    for (const batch of data.batches) await commitSyncBatch(db, batch);
    const commitMs = performance.now() - started;
    await waitForCaughtUp(db);
    const caughtUpMs = performance.now() - started;
    // Its worker would otherwise sit beside the next runs, holding the index in memory.
    client.close();
    db.close();
    return { commitMs, caughtUpMs };
  },

  /** Older data: every post of the unindexed database queued (as the version 2 upgrade does), then caught up by the worker. */
  async catchUpFromScratch(name: string): Promise<number> {
    const db = new ReaderDb(name);
    await db.open();
    const ids = (await db.posts.toCollection().primaryKeys()) as string[];
    await db.searchQueue.clear();
    await db.searchQueue.bulkPut(ids.map((postId) => ({ postId, mark: Math.random() })));
    useIndexStatus.setState({ ready: false, pending: ids.length, done: 0 });
    const started = performance.now();
    searchClientFor(db);
    await waitForCaughtUp(db);
    return performance.now() - started;
  },

  /** Two-word queries through the worker, as the Search view asks them: top 20 with snippets. */
  async queryIndex(name: string, queries: string[]): Promise<Latency & { inWorker: Latency }> {
    const client = searchClientFor(new ReaderDb(name));
    const inWorker: number[] = [];
    const total = await timeEach(queries, async (query) => {
      const response = await client.search({ query, filters: NO_FILTERS, sort: 'relevance', limit: RESULT_LIMIT });
      inWorker.push(response.tookMs);
      return response.total;
    });
    // The warm-up's answers are not counted (timeEach's first ten).
    const counted = inWorker.slice(inWorker.length - queries.length);
    return { ...total, inWorker: latency(counted, counted.map(() => total.hits)) };
  },

  /** The plain alternative: every post's folded text in memory, each query a substring scan, newest 20. */
  async queryScan(): Promise<Latency> {
    const titles = titleOf();
    const posts = allPosts();
    const texts = posts.map((post) => foldText(`${post.postNumber === 1 ? titles.get(post.threadId) ?? '' : ''} ${post.username} ${postTextOf(post.html)}`));
    const times = Float64Array.from(posts, (post) => Date.parse(post.createdAt));
    return timeEach(data.queries, (query) => {
      const words = query.trim().split(/\s+/).map(foldText);
      const found: number[] = [];
      for (let i = 0; i < texts.length; i += 1) {
        const text = texts[i] as string;
        if (words.every((word) => text.includes(word))) found.push(i);
      }
      topPositions(Float64Array.from(found, (i) => times[i] as number), RESULT_LIMIT);
      return found.length;
    });
  },

  async sizes(name: string): Promise<{ indexBytes: number; segments: number; textBytes: number; htmlBytes: number; loadMs: number; docs: number; memoryTextBytes: number }> {
    const db = new ReaderDb(name);
    const segments = (await db.searchSegments.toArray()).filter(hasTexts);
    const encoder = new TextEncoder();
    let textBytes = 0;
    let htmlBytes = 0;
    for (const post of allPosts()) {
      // The words with single spaces: the index keeps the HTML's spacing, which is not text.
      textBytes += encoder.encode(postTextOf(post.html).replace(/\s+/g, ' ').trim()).byteLength;
      htmlBytes += encoder.encode(post.html).byteLength;
    }
    const engine = new SearchEngine(db);
    const started = performance.now();
    await engine.posts.load();
    const loadMs = performance.now() - started;
    const { index } = engine.posts;
    return { indexBytes: segments.reduce((sum, segment) => sum + segmentBytes(segment), 0), segments: segments.length, textBytes, htmlBytes, loadMs, docs: index.aliveCount, memoryTextBytes: index.textBytes };
  },

  /** The candidates, in memory on this thread, on the same texts and queries. */
  async candidates(): Promise<CandidateFigures[]> {
    const titles = titleOf();
    const posts = allPosts();
    const docs = posts.map((post, id) => ({ id, text: `${post.postNumber === 1 ? titles.get(post.threadId) ?? '' : ''}\n${post.username}\n${postTextOf(post.html)}` }));
    const figures: CandidateFigures[] = [];

    {
      const started = performance.now();
      const segment = new SegmentBuilder();
      for (const post of posts) indexPost(segment, post, post.postNumber === 1 ? titles.get(post.threadId) ?? null : null);
      const index = new InvertedIndex();
      await applySegment(index, await segment.finish([]));
      const buildMs = performance.now() - started;
      const serialisedBytes = segmentBytes(await compactSegment(index));
      const query = await timeEach(data.queries, (text) => {
        const parsed = parseQuery(text);
        const { docs: found, scores } = index.match(parsed.words.map((word) => [word]), [], null);
        topPositions(scores, RESULT_LIMIT);
        return found.length;
      });
      figures.push({ name: 'own inverted index (in memory, BM25)', buildMs, query, serialisedBytes });
    }
    {
      const started = performance.now();
      const mini = new MiniSearch({ fields: ['text'], processTerm: (term) => foldText(term) });
      mini.addAll(docs);
      const buildMs = performance.now() - started;
      const query = await timeEach(data.queries, (text) => {
        const found = mini.search(text.trim(), { combineWith: 'AND' });
        found.slice(0, RESULT_LIMIT);
        return found.length;
      });
      figures.push({ name: 'MiniSearch 7 (in memory)', buildMs, query, serialisedBytes: JSON.stringify(mini).length });
    }
    {
      const started = performance.now();
      const flex = new FlexSearch.Index({ tokenize: 'strict', encoder: FlexSearch.Charset.LatinBalance });
      for (const doc of docs) flex.add(doc.id, doc.text);
      const buildMs = performance.now() - started;
      const query = await timeEach(data.queries, (text) => flex.search(text.trim(), { limit: RESULT_LIMIT }).length);
      let serialisedBytes = 0;
      flex.export((_key: string, value: string) => {
        serialisedBytes += value ? value.length : 0;
      });
      figures.push({ name: 'FlexSearch 0.8 (in memory)', buildMs, query, serialisedBytes });
    }
    {
      const started = performance.now();
      const flex = new FlexSearch.Index({ tokenize: 'strict', encoder: FlexSearch.Charset.LatinBalance });
      await flex.mount(new FlexSearch.IndexedDB('bench-flexsearch'));
      const CHUNK = 5000;
      for (let i = 0; i < docs.length; i += CHUNK) {
        for (const doc of docs.slice(i, i + CHUNK)) flex.add(doc.id, doc.text);
        await flex.commit();
      }
      const buildMs = performance.now() - started;
      const query = await timeEach(data.queries, async (text) => ((await flex.search(text.trim(), { limit: RESULT_LIMIT })) as unknown[]).length);
      figures.push({ name: `FlexSearch 0.8 (IndexedDB, committed every ${CHUNK} posts)`, buildMs, query, serialisedBytes: null });
    }
    return figures;
  },
};

(window as unknown as { searchBench: typeof searchBench }).searchBench = searchBench;
export type SearchBench = typeof searchBench;
