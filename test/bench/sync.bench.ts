// Sync, end to end: 100,000 posts over 2,000 threads from the sample forum (generateForum) into
// IndexedDB in Chromium through the web host, with a profile on disk (a plain launch() keeps
// IndexedDB in memory and flatters every figure). In the same run, on the same records: a raw
// Dexie bulkPut in batches of 500, and a re-sync with nothing new.
import { chromium, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateForum } from '../../main/sample-forum/generate-forum';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/chromium';
import type { EventName, EventPayload } from '../../shared/api';
import type { ForumStore } from '../../main/sample-forum/forum-store';
import { startSampleForum } from '../../main/sample-forum/server';
import { createServices } from '../../main/services';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';

// BENCH_SYNC_BOARDS runs a smaller forum (100 threads of 50 posts a board) while profiling.
const BOARDS = Number(process.env.BENCH_SYNC_BOARDS ?? 20);
const THREADS_PER_BOARD = 100;
const POSTS_PER_THREAD = 50;
const RAW_BATCH = 500;

export interface SyncBenchFigures {
  posts: number;
  syncSeconds: number;
  syncPostsPerSecond: number;
  rawPostsPerSecond: number;
  ratio: number;
  noChangeSeconds: number;
  noChangeRequests: number;
}

const rendererDir = process.env.BENCH_SYNC_RENDERER_DIR ?? fileURLToPath(new URL('../../out/renderer', import.meta.url));
const dexieUmd = fileURLToPath(new URL('../../node_modules/dexie/dist/dexie.min.js', import.meta.url));

export async function benchSync(log: (line: string) => void = console.log): Promise<SyncBenchFigures> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    const { build } = await import('vite');
    await build({ logLevel: 'warn' });
  }
  const forum = generateForum({ boards: BOARDS, threadsPerBoard: THREADS_PER_BOARD, postsPerThread: POSTS_PER_THREAD, seed: 1948 });
  const expected = forum.posts.size;
  const backend = await startWebBackend(forum);
  // Profiling aid: BENCH_SYNC_NO_SEARCH=1 keeps the search index's worker from starting.
  const { context, page, close } = await openProfile({ withoutSearch: Boolean(process.env.BENCH_SYNC_NO_SEARCH) });
  try {
    // Profiling aid: BENCH_SYNC_PROFILE=file.cpuprofile records the page's JavaScript during the sync.
    const profiler = process.env.BENCH_SYNC_PROFILE ? await context.newCDPSession(page) : null;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.start');
    }
    // The first launch adds the sample forum (here: the generated one, all categories followed)
    // and syncs it; main times the run from its start until the renderer acknowledged the last batch.
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    await page.goto(backend.host.launchUrl);
    await backend.syncsDone(1, 15 * 60_000);
    await waitForSyncRuns(page, 1, 60_000);
    const cpu = process.cpuUsage(cpuBefore);
    const wall = (performance.now() - wallBefore) / 1000;
    if (profiler) writeFileSync(process.env.BENCH_SYNC_PROFILE as string, JSON.stringify((await profiler.send('Profiler.stop')).profile));
    const [first] = await syncRuns(page);
    if (!first || first.status !== 'completed') throw new Error(`the first sync did not complete: ${JSON.stringify(first)}`);
    await installBenchHelpers(page);
    const stored = await page.evaluate(() => (window as unknown as BenchWindow).countPosts());
    if (stored !== expected) throw new Error(`stored ${stored} posts, the forum has ${expected}`);
    const syncSeconds = (Date.parse(first.finishedAt) - Date.parse(first.startedAt)) / 1000;
    const syncPostsPerSecond = expected / syncSeconds;
    log(`sync: ${expected} posts over ${forum.topics.size} threads in ${syncSeconds.toFixed(1)} s = ${Math.round(syncPostsPerSecond)} posts/s (${first.requests} requests)`);
    log(`  main process (forum + services + web host) used ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU in ${wall.toFixed(1)} s`);

    // The search index catches up in the background; the next figures are taken once it has, so
    // that they measure the write and the re-sync alone.
    const indexWait = performance.now();
    if (!process.env.BENCH_SYNC_NO_SEARCH) await waitForEmptySearchQueue(page, 15 * 60_000);
    const indexLagSeconds = (performance.now() - indexWait) / 1000;
    log(`  the search index caught up ${indexLagSeconds.toFixed(1)} s after the sync`);
    // Two passes, averaged: on a shared machine one pass can land on a busy moment.
    const passes: number[] = [];
    for (let pass = 0; pass < 2; pass++) passes.push(await page.evaluate((batch) => (window as unknown as BenchWindow).rawBulkPut(batch), RAW_BATCH));
    const rawSeconds = passes.reduce((sum, seconds) => sum + seconds, 0) / passes.length;
    const rawPostsPerSecond = expected / rawSeconds;
    log(
      `raw Dexie bulkPut of the same ${expected} posts in batches of ${RAW_BATCH}: ${rawSeconds.toFixed(1)} s = ${Math.round(rawPostsPerSecond)} posts/s (passes: ${passes.map((seconds) => `${seconds.toFixed(1)} s`).join(', ')})`,
    );
    const ratio = syncPostsPerSecond / rawPostsPerSecond;
    log(`ratio sync / raw bulkPut: ${ratio.toFixed(2)} (aim ≥ 0.7)`);

    // Nothing new: from the click until the run is over.
    // Main stamps finishedAt once the renderer has committed the run's last batch; main runs in
    // this process, so the click and that stamp share one clock.
    const clicked = Date.now();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await backend.syncsDone(2, 60_000);
    await waitForSyncRuns(page, 2, 60_000);
    const second = (await syncRuns(page))[1];
    const noChangeSeconds = (Date.parse(second?.finishedAt ?? '') - clicked) / 1000;
    log(`no-change re-sync: ${noChangeSeconds.toFixed(2)} s from the click (${second?.requests} requests; aim < 2 s)`);
    await close();

    // The search index's share of the sync, end to end (issue 7): the same first sync in a fresh
    // profile whose index worker cannot start. Its page still hands each batch to the worker it
    // asked for, so the share below leaves out that copy.
    if (!process.env.BENCH_SYNC_NO_SEARCH) {
      const plain = await openProfile({ withoutSearch: true });
      try {
        await plain.page.goto(backend.host.launchUrl);
        await backend.syncsDone(3, 15 * 60_000);
        await waitForSyncRuns(plain.page, 1, 60_000);
        const [run] = await syncRuns(plain.page);
        if (!run || run.status !== 'completed') throw new Error(`the sync without the index did not complete: ${JSON.stringify(run)}`);
        const plainSeconds = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
        const share = (syncSeconds + indexLagSeconds) / plainSeconds - 1;
        log(`the same sync without the search index: ${plainSeconds.toFixed(1)} s; with it, until the index caught up: ${(syncSeconds + indexLagSeconds).toFixed(1)} s: index share of sync time ${share >= 0 ? '+' : ''}${Math.round(share * 100)}% (aim ≤ 30%)`);
      } finally {
        await plain.close();
      }
    }
    return { posts: expected, syncSeconds, syncPostsPerSecond, rawPostsPerSecond, ratio, noChangeSeconds, noChangeRequests: second?.requests ?? -1 };
  } finally {
    await close();
    await backend.close();
  }
}

/** Chromium with a fresh profile on disk; closing it removes the profile. */
async function openProfile(options: { withoutSearch: boolean }) {
  const profile = mkdtempSync(join(tmpdir(), 'reader-bench-profile-'));
  // bypassCSP: the raw baseline loads Dexie's UMD build into the page as a script tag.
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: CHROMIUM_ARGS, bypassCSP: true });
  const page = context.pages()[0] ?? (await context.newPage());
  if (options.withoutSearch) await page.route('**/search-worker*', (route) => route.abort());
  let closing: Promise<void> | null = null;
  return {
    context,
    page,
    close: () =>
      (closing ??= context.close().then(() => rmSync(profile, { recursive: true, force: true }))),
  };
}

// ---- in the page: plain IndexedDB and the UMD Dexie, nothing of the app's bundle ----

/** What the bench adds to the page's window. */
interface BenchWindow {
  countPosts(): Promise<number>;
  rawBulkPut(batch: number): Promise<number>;
  Dexie: typeof import('dexie').default;
}

interface RunRow {
  status: string;
  startedAt: string;
  finishedAt: string;
  requests: number;
}

async function syncRuns(page: Page): Promise<RunRow[]> {
  return page.evaluate(
    () =>
      new Promise<RunRow[]>((resolve, reject) => {
        const open = indexedDB.open('forum-reader');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('syncLog').objectStore('syncLog').getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve((request.result as RunRow[]).sort((a, b) => a.startedAt.localeCompare(b.startedAt)));
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/**
 * Polls the sync log from Node (page.waitForFunction does not wait on a predicate's promise), once
 * main has reported the run done: polling while it runs would load all three processes.
 */
async function waitForSyncRuns(page: Page, count: number, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  while ((await syncRunCount(page)) < count) {
    if (Date.now() > deadline) throw new Error(`no sync run ${count} within ${timeout / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitForEmptySearchQueue(page: Page, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  while ((await storeCount(page, 'searchQueue')) > 0) {
    if (Date.now() > deadline) throw new Error(`the search index did not catch up within ${timeout / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function syncRunCount(page: Page): Promise<number> {
  return storeCount(page, 'syncLog');
}

function storeCount(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('forum-reader');
        open.onerror = () => resolve(0);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(name)) {
            db.close();
            return resolve(0);
          }
          const request = db.transaction(name).objectStore(name).count();
          request.onsuccess = () => {
            db.close();
            resolve(request.result);
          };
          request.onerror = () => resolve(0);
        };
      }),
    store,
  );
}

async function installBenchHelpers(page: Page): Promise<void> {
  await page.addScriptTag({ path: dexieUmd });
  await page.evaluate(() => {
    const bench = window as unknown as BenchWindow;
    const Dexie = bench.Dexie;
    bench.countPosts = () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('forum-reader');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('posts').objectStore('posts').count();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
      });
    bench.rawBulkPut = async (batch) => {
      const source = new Dexie('forum-reader');
      await source.open();
      const posts = await source.table('posts').toArray();
      source.close();
      const target = new Dexie('bench-raw-bulkput');
      // The same indexes as the reader's posts table.
      target.version(1).stores({ posts: 'id, forumId, [threadId+postNumber]' });
      await target.open();
      const started = performance.now();
      for (let i = 0; i < posts.length; i += batch) await target.table('posts').bulkPut(posts.slice(i, i + batch));
      const seconds = (performance.now() - started) / 1000;
      await target.delete();
      return seconds;
    };
  });
}

/**
 * The program as `npm start -- --web` composes it (main/boot.ts, web-main.ts), with the generated
 * forum as its sample forum. Not test/support's backend: that one also relays every event to a
 * stand-in of Electron's IPC, which clones and keeps each batch.
 */
async function startWebBackend(store: ForumStore) {
  const forum = await startSampleForum({ dataDir: null, forum: store });
  let host: WebHost | null = null;
  let done = 0;
  const doneWaiters = new Set<() => void>();
  const services = createServices({
    version: '0.0.0-bench',
    host: 'web',
    sampleForumUrl: forum.url,
    sampleForumApiKey: forum.apiKey,
    emit: <K extends EventName>(name: K, payload: EventPayload<K>) => {
      host?.emit(name, payload);
      if (name !== 'syncDone') return;
      done++;
      for (const wake of doneWaiters) wake();
    },
    openExternal: async () => false,
    log: { error: () => {}, warn: () => {}, info: () => {} },
  });
  const started = await startWebHost({ port: 0, rendererDir, handlers: services.handlers });
  host = started;
  return {
    host: started,
    /** Resolves once main has reported `count` runs done, without asking the page. */
    syncsDone: (count: number, timeout: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no sync run ${count} within ${timeout / 1000} s`)), timeout);
        const wake = () => {
          if (done < count) return;
          clearTimeout(timer);
          doneWaiters.delete(wake);
          resolve();
        };
        doneWaiters.add(wake);
        wake();
      }),
    close: async () => {
      await services.close();
      await started.close();
      await forum.close();
    },
  };
}

/** The runner's entry point (test/bench/run-bench.ts). */
export async function run(): Promise<void> {
  await benchSync();
}
