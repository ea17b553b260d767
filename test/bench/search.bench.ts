// Search at scale: 100,000 posts (generateForum, the same shape as the sync bench) in Chromium
// with a profile on disk. In one run, on the same posts and the same two-word queries:
//   - query latency through the index worker (top 20 with snippets) beside a plain in-memory scan;
//   - the index's share of sync time: the sync commits with no index vs. the same commits with the
//     worker indexing alongside until it has caught up, three of each, each in a fresh profile
//     (commit only, no network: the harshest denominator, since a real sync also waits on the forum);
//   - catching up 100,000 older posts from scratch, reading the stored index back at launch, and
//     the index's stored size beside the text it covers;
//   - the candidates compared for the README: the own index, MiniSearch and FlexSearch.
import { chromium } from '@playwright/test';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateForum } from '../../main/sample-forum/generate-forum';
import type { ForumStore } from '../../main/sample-forum/forum-store';
import { foldedWords, isIndexedTerm } from '../../renderer/features/search/fold-text';
import { postTextOf } from '../../renderer/features/search/post-text';
import { SeededRandom } from '../../main/sample-forum/seeded-random';
import { boardIdFor, postIdFor, threadIdFor, type Post, type SyncBatch, type Thread } from '../../shared/model';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/chromium';
import type { BenchData, CandidateFigures, Latency, SearchBench } from './search-page/search-bench-page';

/** SEARCH_BENCH_BOARDS scales the run down for a quick look (each board is 5,000 posts). */
const BOARDS = Number(process.env['SEARCH_BENCH_BOARDS'] ?? 20);
const THREADS_PER_BOARD = 100;
const POSTS_PER_THREAD = 50;
/** As the sync engine flushes them (postsPerBatch). */
const POSTS_PER_BATCH = 500;
const QUERIES = 300;
const FORUM_ID = 'bench.example';

const pageDir = fileURLToPath(new URL('./search-page', import.meta.url));

/** The generated forum as the sync engine would hand it to the renderer, in batches. */
function batchesOf(store: ForumStore): SyncBatch[] {
  const batches: SyncBatch[] = [];
  let current: SyncBatch | null = null;
  for (const topic of store.topics.values()) {
    const author = store.users.get(topic.userId)?.username ?? 'system';
    const thread: Thread = {
      id: threadIdFor(FORUM_ID, topic.id),
      forumId: FORUM_ID,
      boardId: boardIdFor(FORUM_ID, topic.categoryId),
      remoteId: topic.id,
      title: topic.title,
      slug: topic.slug,
      authorUsername: author,
      createdAt: topic.createdAt,
      lastPostedAt: topic.lastPostedAt,
      bumpedAt: topic.bumpedAt,
      postsCount: topic.posts.length,
      highestPostNumber: topic.highestPostNumber,
      pinned: topic.pinned,
      closed: topic.closed,
    };
    for (const p of topic.posts) {
      if (!current || current.posts.length >= POSTS_PER_BATCH) {
        current = { runId: 'bench', seq: batches.length, forumId: FORUM_ID, threads: [], posts: [], removedPostIds: [], threadCursors: [], boardCursors: [] };
        batches.push(current);
      }
      if (current.threads.at(-1)?.id !== thread.id) current.threads.push(thread);
      const user = store.users.get(p.userId);
      const post: Post = {
        id: postIdFor(FORUM_ID, p.id),
        forumId: FORUM_ID,
        threadId: thread.id,
        remoteId: p.id,
        postNumber: p.postNumber,
        username: user?.username ?? 'system',
        displayName: user?.name ?? '',
        avatarUrl: null,
        createdAt: p.createdAt,
        updatedAt: p.updatedAt,
        version: p.version,
        html: p.cooked,
        replyToPostNumber: p.replyToPostNumber,
        hidden: p.hidden,
        deleted: false,
      };
      current.posts.push(post);
    }
  }
  return batches;
}

/** Two words from one post (so most queries match something), then two from anywhere. */
function twoWordQueries(batches: SyncBatch[], count: number): string[] {
  const rng = new SeededRandom(7);
  const posts = batches.flatMap((batch) => batch.posts);
  const wordsOf = (post: Post) => [...new Set(foldedWords(postTextOf(post.html)).filter((word) => isIndexedTerm(word) && word.length >= 3 && !/^\d+$/.test(word)))];
  const queries: string[] = [];
  while (queries.length < count) {
    const words = wordsOf(rng.pick(posts));
    if (words.length < 2) continue;
    const first = rng.pick(words);
    const second = queries.length % 2 === 0 ? rng.pick(words.filter((word) => word !== first)) : rng.pick(wordsOf(rng.pick(posts)));
    if (!second || second === first) continue;
    queries.push(`${first} ${second} `);
  }
  return queries;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

function serve(dir: string, data: string): Promise<Server & { url: string }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/data.json') {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(data);
      return;
    }
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(Object.assign(server, { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/` }));
    }),
  );
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const line = (name: string, l: Latency) => `${name}: p50 ${ms(l.p50)}, p95 ${ms(l.p95)}, mean ${ms(l.mean)} (${l.hits.toFixed(0)} matching posts per query on average)`;

export interface SearchBenchFigures {
  posts: number;
  index: Latency;
  scan: Latency;
  syncShare: number;
  indexBytes: number;
  textBytes: number;
  candidates: CandidateFigures[];
}

export async function benchSearch(log: (line: string) => void = console.log): Promise<SearchBenchFigures> {
  const started = Date.now();
  const store = generateForum({ boards: BOARDS, threadsPerBoard: THREADS_PER_BOARD, postsPerThread: POSTS_PER_THREAD, seed: 1948 });
  const batches = batchesOf(store);
  const data: BenchData = { batches, queries: twoWordQueries(batches, QUERIES) };
  const posts = batches.reduce((sum, batch) => sum + batch.posts.length, 0);
  log(`generated ${posts} posts in ${store.topics.size} threads (${batches.length} batches) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const outDir = mkdtempSync(join(tmpdir(), 'search-bench-page-'));
  const profiles: string[] = [];
  const newProfile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'search-bench-profile-'));
    profiles.push(dir);
    return dir;
  };
  const { build } = await import('vite');
  await build({ configFile: false, root: pageDir, base: './', logLevel: 'warn', build: { outDir, emptyOutDir: true, assetsInlineLimit: 0 } });
  const server = await serve(outDir, JSON.stringify(data));
  const open = async (profile: string) => {
    const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    const page = context.pages()[0] ?? (await context.newPage());
    if (process.env['SEARCH_BENCH_CONSOLE']) page.on('console', (message) => log(`  [page] ${message.text()}`));
    page.setDefaultTimeout(30 * 60_000);
    await page.goto(server.url);
    await page.waitForFunction(() => 'searchBench' in window);
    const call = <K extends Exclude<keyof SearchBench, 'load'>>(name: K, ...args: Parameters<SearchBench[K]>) =>
      page.evaluate(
        ([key, params]) => (window as unknown as { searchBench: Record<string, (...a: unknown[]) => Promise<unknown>> }).searchBench[key]!(...params),
        [name as string, args] as const,
      ) as ReturnType<SearchBench[K]>;
    const loadPosts = () => page.evaluate((url) => (window as unknown as { searchBench: SearchBench }).searchBench.load(url), `${server.url}data.json`);
    return { context, call, loadPosts };
  };
  try {
    // Each sync in a fresh profile: Chromium keeps all of an origin's databases in one store, which
    // grew with every sync and slowed each later one (in one profile, the same sync without the
    // index took 21 s first and 31 s fourth). Three of each, in an order (without, with, with,
    // without, without, with) that cancels a steady drift of the machine: identical syncs differ
    // by up to 20% here (the browser's IndexedDB threads alone by 28-36 CPU-seconds), and two of
    // each gave shares from +9% to +32% for the same code.
    const plain: number[] = [];
    const indexed: { commitMs: number; caughtUpMs: number }[] = [];
    const kept: { plain?: string; indexed?: string } = {};
    // Not counted: the first sync of a run took 35-37 s against 19-27 s for the others in two runs
    // (the disk still busy with what ran before), which flattered the index.
    {
      const warmUp = await open(newProfile());
      try {
        await warmUp.loadPosts();
        log(`sync commits, no search index, not counted (warming up): ${((await warmUp.call('syncWithoutIndex', 'bench-plain')) / 1000).toFixed(1)} s`);
      } finally {
        await warmUp.context.close();
      }
    }
    for (const withIndex of [false, true, true, false, false, true]) {
      const profile = newProfile();
      const { context, call, loadPosts } = await open(profile);
      try {
        await loadPosts();
        if (withIndex) {
          const figures = await call('syncWithIndex', 'bench-indexed');
          indexed.push(figures);
          log(`sync commits with the index (queue in the commit, worker alongside): commits done in ${(figures.commitMs / 1000).toFixed(1)} s, index caught up at ${(figures.caughtUpMs / 1000).toFixed(1)} s`);
        } else {
          const ms = await call('syncWithoutIndex', 'bench-plain');
          plain.push(ms);
          log(`sync commits, no search index: ${(ms / 1000).toFixed(1)} s for ${posts} posts`);
        }
      } finally {
        await context.close();
      }
      if (withIndex) kept.indexed ??= profile;
      else kept.plain ??= profile;
    }
    const total = (times: number[]) => times.reduce((sum, ms) => sum + ms, 0);
    const syncShare = total(indexed.map((run) => run.caughtUpMs)) / total(plain) - 1;
    log(`index share of sync time: ${syncShare >= 0 ? '+' : ''}${(syncShare * 100).toFixed(0)}% (three syncs of each, until the index has caught up; commit only, no network; aim ≤ 30%)`);

    const older = await open(kept.plain as string);
    const scratchMs = await older.call('catchUpFromScratch', 'bench-plain').finally(() => older.context.close());
    log(`catching up ${posts} older posts from scratch in the worker: ${(scratchMs / 1000).toFixed(1)} s (${Math.round(posts / (scratchMs / 1000))} posts/s)`);

    const { context, call, loadPosts } = await open(kept.indexed as string);
    try {
      // Asked before this page holds the posts (as the reader's page never does all of them): their
      // collections would otherwise land on the answers.
      const index = await call('queryIndex', 'bench-indexed', data.queries);
      await loadPosts();
      const scan = await call('queryScan');
      log(line(`two-word queries through the index worker, top ${20} with snippets (${QUERIES} queries)`, index));
      log(`  of which in the worker (lookup, titles not read before, snippets): p50 ${ms(index.inWorker.p50)}, p95 ${ms(index.inWorker.p95)}`);
      log(line('the same queries as a plain in-memory scan of the folded texts', scan));
      log(`ratio scan / index: p50 ${(scan.p50 / index.p50).toFixed(1)}x, p95 ${(scan.p95 / index.p95).toFixed(1)}x (aim: index p95 < 10 ms)`);

      const sizes = await call('sizes', 'bench-indexed');
      log(
        `stored index: ${mb(sizes.indexBytes)} in ${sizes.segments} segments for ${sizes.docs} posts; their text ${mb(sizes.textBytes)} (HTML ${mb(sizes.htmlBytes)}); index / text = ${(sizes.indexBytes / sizes.textBytes).toFixed(2)}`,
      );
      log(`reading the stored index back into memory (as at launch): ${ms(sizes.loadMs)}; the posts' texts it holds there: ${mb(sizes.memoryTextBytes)}`);

      // SEARCH_BENCH_CANDIDATES=0 skips the library comparison (minutes at 100,000 posts).
      const candidates = process.env['SEARCH_BENCH_CANDIDATES'] === '0' ? [] : await call('candidates');
      log('candidates on the same posts and queries (in memory on the page thread unless said):');
      for (const c of candidates) {
        log(`  ${c.name}: build ${(c.buildMs / 1000).toFixed(1)} s; query p50 ${ms(c.query.p50)}, p95 ${ms(c.query.p95)}; serialised ${c.serialisedBytes === null ? 'n/a' : mb(c.serialisedBytes)}`);
      }
      return { posts, index, scan, syncShare, indexBytes: sizes.indexBytes, textBytes: sizes.textBytes, candidates };
    } finally {
      await context.close();
    }
  } finally {
    server.close();
    for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  await benchSearch();
}
