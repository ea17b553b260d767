// Sync, end to end: 100,000 posts over 2,000 threads from the sample forum (generateForum, in its
// own process, enforcing Discourse's default per-IP limits) into IndexedDB in Chromium through the
// web host, with a profile on disk (a plain launch() keeps IndexedDB in memory and flatters every
// figure). Measured: requests, wall time under the limits, the time to the first post of threads
// opened before the sync reached them (three, at different moments of the sync), the client's CPU
// per 1,000 posts beside a raw Dexie bulkPut of the same records, and a re-sync with nothing new.
import { chromium, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateForum } from '../../main/sample-forum/generate-forum';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/chromium';
import type { CallName, EventName, EventPayload, Handlers } from '../../shared/api';
import type { ForumStore } from '../../main/sample-forum/forum-store';
import { createServices } from '../../main/services';
import { DEFAULT_BUDGET } from '../../main/sources/polite-http';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';

// BENCH_SYNC_BOARDS runs a smaller forum (100 threads of 50 posts a board) while profiling.
const BOARDS = Number(process.env.BENCH_SYNC_BOARDS ?? 20);
const THREADS_PER_BOARD = 100;
const POSTS_PER_THREAD = 50;
const RAW_BATCH = 500;
/** Threads opened before the sync reaches them, one after another as it goes on. */
const OPENINGS = 3;
const SEED = 1948;

export interface SyncBenchFigures {
  posts: number;
  syncSeconds: number;
  syncPostsPerSecond: number;
  rawPostsPerSecond: number;
  requests: number;
  firstPostSeconds: number;
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
  // The same forum the child process serves (generateForum is deterministic): the bench reads
  // its shape here, to check the count and to pick a thread to open.
  const forum = generateForum({ boards: BOARDS, threadsPerBoard: THREADS_PER_BOARD, postsPerThread: POSTS_PER_THREAD, seed: SEED });
  const expected = forum.posts.size;
  const candidates = threadsToOpen(forum);
  // The forum runs in its own process, enforcing Discourse's default per-IP limits; the reader
  // syncs it with the default budget of a real forum. BENCH_SYNC_UNLIMITED=1 drops both (profiling).
  const limited = !process.env.BENCH_SYNC_UNLIMITED;
  const backend = await startWebBackend({ limited });
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
    const browserBefore = chromiumCpuSeconds(backend.forumPid);
    const wallBefore = performance.now();
    await page.goto(backend.host.launchUrl);
    await installStoredPosts(page);
    // A person opens threads the sync has not reached: from the click to their first post on screen.
    const openings = await openUnsyncedThreads(page, candidates);
    await backend.syncsDone(1, 60 * 60_000);
    await waitForSyncRuns(page, 1, 60_000);
    const cpu = process.cpuUsage(cpuBefore);
    const browser = chromiumCpuSeconds(backend.forumPid);
    const wall = (performance.now() - wallBefore) / 1000;
    if (profiler) writeFileSync(process.env.BENCH_SYNC_PROFILE as string, JSON.stringify((await profiler.send('Profiler.stop')).profile));
    const [first] = await syncRuns(page);
    if (!first || first.status !== 'completed') throw new Error(`the first sync did not complete: ${JSON.stringify(first)}`);
    await installBenchHelpers(page);
    const stored = await storedPostsOf(page, null);
    if (stored !== expected) throw new Error(`stored ${stored} posts, the forum has ${expected}`);
    const syncSeconds = (Date.parse(first.finishedAt) - Date.parse(first.startedAt)) / 1000;
    const syncPostsPerSecond = expected / syncSeconds;
    const perThousand = (value: number) => (value / expected) * 1000;
    log(`sync: ${expected} posts over ${forum.topics.size} threads in ${syncSeconds.toFixed(1)} s = ${(syncSeconds / 60).toFixed(1)} min, ${Math.round(syncPostsPerSecond)} posts/s`);
    log(`  ${first.requests} requests = ${perThousand(first.requests).toFixed(1)} per 1,000 posts (aim ≤ 42); ${limited ? `under Discourse's default limits (200/min, 50/10 s), default budget; ${Math.round(first.serverWaitMs / 1000)} s waited on 429s` : 'no limits (BENCH_SYNC_UNLIMITED)'}`);
    if (limited) log(`  wall time of the first sync at Discourse's limits: ${(syncSeconds / 60).toFixed(1)} min, ${((syncSeconds / 60) * (100_000 / expected)).toFixed(1)} min per 100,000 posts (aim < 25)`);
    const worst = Math.max(...openings);
    log(
      `  opened before the sync reached them: ${openings.length} threads showed their first post ${openings.map((seconds) => `${seconds.toFixed(2)} s`).join(', ')} after the click, worst ${worst.toFixed(2)} s (aim < 1 s on the sample forum)`,
    );
    const mainCpu = (cpu.user + cpu.system) / 1e6;
    log(
      `  client CPU per 1,000 posts: main (services + web host, not the forum) ${perThousand(mainCpu).toFixed(2)} s, renderer ${perThousand(browser.renderer - browserBefore.renderer).toFixed(2)} s, browser (other Chromium processes) ${perThousand(browser.other - browserBefore.other).toFixed(2)} s; wall ${wall.toFixed(1)} s`,
    );

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
      `raw Dexie bulkPut of the same ${expected} posts in batches of ${RAW_BATCH}: ${perThousand(rawSeconds).toFixed(2)} s per 1,000 posts (${rawSeconds.toFixed(1)} s; passes: ${passes.map((seconds) => `${seconds.toFixed(1)} s`).join(', ')})`,
    );

    // Nothing new: from the click until the run is over.
    // Main stamps finishedAt once the renderer has committed the run's last batch; main runs in
    // this process, so the click and that stamp share one clock.
    const clicked = Date.now();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await backend.syncsDone(2, 60_000);
    await waitForSyncRuns(page, 2, 60_000);
    const second = (await syncRuns(page))[1];
    const noChangeSeconds = (Date.parse(second?.finishedAt ?? '') - clicked) / 1000;
    log(`no-change re-sync: ${second?.requests} requests (aim 1), ${noChangeSeconds.toFixed(2)} s from the click`);
    await close();

    // The search index's share of the sync, end to end (issue 7): the same first sync in a fresh
    // profile whose index worker cannot start. Its page still hands each batch to the worker it
    // asked for, so the share below leaves out that copy. Under the forum's limits both syncs
    // wait on requests, so this one runs without them (BENCH_SYNC_INDEX_SHARE=1 asks for it).
    if (!process.env.BENCH_SYNC_NO_SEARCH && (!limited || process.env.BENCH_SYNC_INDEX_SHARE)) {
      const plain = await openProfile({ withoutSearch: true });
      try {
        await plain.page.goto(backend.host.launchUrl);
        await backend.syncsDone(3, 60 * 60_000);
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
    return { posts: expected, syncSeconds, syncPostsPerSecond, rawPostsPerSecond, requests: first.requests, firstPostSeconds: worst, noChangeSeconds, noChangeRequests: second?.requests ?? -1 };
  } finally {
    await close();
    await backend.close();
  }
}

/**
 * Threads, with titles of their own, of the category whose threads a first sync passes last, the
 * last listed first: the walk of the forum's latest posts is least likely to have brought them.
 */
function threadsToOpen(forum: ForumStore): OpenedThread[] {
  // Categories are listed four at a time in the order of their board ids (strings).
  const category = [...forum.categories.values()].sort((a, b) => `${a.id}`.localeCompare(`${b.id}`)).at(-1)!;
  const titles = [...forum.topics.values()].map((topic) => topic.title);
  return forum
    .listTopics(category.id)
    .filter((t) => titles.indexOf(t.title) === titles.lastIndexOf(t.title))
    .reverse()
    .map((topic) => ({ id: topic.id, title: topic.title, category: category.name }));
}

interface OpenedThread {
  id: number;
  title: string;
  category: string;
}

/**
 * Opens OPENINGS of the candidates in turn, each one none of whose posts are stored yet, the next
 * once the sync has committed at least another 3,700 posts, so that the clicks land at different
 * moments of its work (its batches hold up to 1,000) and of the forum. Timed in the page, from the click's event
 * to the first frame after a post of the thread is in the document: what a person sees, without
 * the time Playwright takes to deliver the click and to notice the post.
 */
async function openUnsyncedThreads(page: Page, candidates: OpenedThread[]): Promise<number[]> {
  const escape = (text: string) => text.replace(/[?()]/g, '\\$&');
  const openings: number[] = [];
  let untried = candidates;
  while (openings.length < OPENINGS) {
    if (openings.length > 0) {
      const before = await storedPostsOf(page, null);
      await page.waitForFunction((least) => (window as unknown as BenchWindow).storedPosts(null).then((count) => count >= least), before + 3700, { polling: 250, timeout: 10 * 60_000 });
    }
    const stored = await Promise.all(untried.map((candidate) => storedPostsOf(page, candidate.id)));
    const at = stored.findIndex((count) => count === 0);
    const opened = untried[at];
    if (!opened) throw new Error(`the sync stored every candidate before ${OPENINGS} could be opened`);
    untried = untried.slice(at + 1);
    // The category's button names it, then its unread count ("Musicals" is not "Musicals 2").
    const category = new RegExp(`^${escape(opened.category)}(?: \\d[\\d,]* unread)?$`);
    await page.getByRole('navigation', { name: 'Forums' }).getByRole('button', { name: category }).click({ timeout: 60 * 60_000 });
    const entry = page.getByRole('region', { name: 'Threads' }).getByRole('button', { name: new RegExp(escape(opened.title)) });
    await entry.waitFor({ timeout: 60 * 60_000 });
    await page.evaluate(() => {
      const timing = { clickedAt: 0, shownAt: 0 };
      (window as unknown as { openTiming: typeof timing }).openTiming = timing;
      document.addEventListener('click', (event) => (timing.clickedAt = event.timeStamp), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        const pane = document.querySelector('section[aria-label="Thread"]');
        if (!timing.clickedAt || !pane?.querySelector('article')) return;
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => (timing.shownAt = performance.now())));
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    await entry.click();
    await page.waitForFunction(() => (window as unknown as { openTiming: { shownAt: number } }).openTiming.shownAt > 0, null, { timeout: 10 * 60_000 });
    const timing = await page.evaluate(() => (window as unknown as { openTiming: { clickedAt: number; shownAt: number } }).openTiming);
    openings.push((timing.shownAt - timing.clickedAt) / 1000);
  }
  return openings;
}

/** Stored posts: of a thread (its remote id), or of the whole database (null). */
const storedPostsOf = (page: Page, remoteId: number | null): Promise<number> => page.evaluate((id) => (window as unknown as BenchWindow).storedPosts(id), remoteId);

/** Defines the page's storedPosts (raw IndexedDB: the bench's Dexie is loaded later, for the baseline). */
async function installStoredPosts(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as BenchWindow).storedPosts = (id) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('forum-reader');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(id === null ? 'posts' : 'threads');
          const request = id === null ? tx.objectStore('posts').count() : tx.objectStore('threads').get(`sample/t/${id}`);
          request.onsuccess = () => {
            open.result.close();
            resolve(typeof request.result === 'number' ? request.result : ((request.result as { storedPostCount?: number } | undefined)?.storedPostCount ?? 0));
          };
          request.onerror = () => reject(request.error);
        };
      });
  });
}

/**
 * CPU seconds of this process's Chromium descendants (not the forum's process), split into the
 * page's renderer and the rest (browser process, GPU, network, storage services).
 */
function chromiumCpuSeconds(forumPid: number): { renderer: number; other: number } {
  const ticks = 100; // CLK_TCK on Linux
  const parents = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      cpu.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / ticks);
    } catch {
      // The process ended while being read.
    }
  }
  const descends = (pid: number): boolean => {
    for (let at = parents.get(pid); at !== undefined && at > 1; at = parents.get(at)) {
      if (at === forumPid) return false;
      if (at === process.pid) return true;
    }
    return false;
  };
  const totals = { renderer: 0, other: 0 };
  for (const [pid, seconds] of cpu) {
    if (pid === forumPid || !descends(pid)) continue;
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!/chrom/i.test(cmdline)) continue;
    if (cmdline.includes('--type=renderer')) totals.renderer += seconds;
    else totals.other += seconds;
  }
  return totals;
}

/** Chromium with a fresh profile on disk; closing it removes the profile. */
export async function openProfile(options: { withoutSearch: boolean }) {
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
  storedPosts(remoteId: number | null): Promise<number>;
  rawBulkPut(batch: number): Promise<number>;
  Dexie: typeof import('dexie').default;
}

interface RunRow {
  status: string;
  startedAt: string;
  finishedAt: string;
  requests: number;
  serverWaitMs: number;
}

export async function syncRuns(page: Page): Promise<RunRow[]> {
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
export async function waitForSyncRuns(page: Page, count: number, timeout: number): Promise<void> {
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

export function storeCount(page: Page, store: string): Promise<number> {
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
 * forum, served by its own process (main/sample-forum/cli.ts), as its sample forum. Not
 * test/support's backend: that one also relays every event to a stand-in of Electron's IPC,
 * which clones and keeps each batch.
 */
export async function startWebBackend(options: { limited: boolean; forumArgs?: string[]; onCall?: (name: CallName) => void }) {
  const forum = await startForumProcess(options.limited, options.forumArgs);
  let host: WebHost | null = null;
  let done = 0;
  const doneWaiters = new Set<() => void>();
  const services = createServices({
    version: '0.0.0-bench',
    host: 'web',
    sampleForumUrl: forum.url,
    emit: <K extends EventName>(name: K, payload: EventPayload<K>) => {
      host?.emit(name, payload);
      if (name !== 'syncDone') return;
      done++;
      for (const wake of doneWaiters) wake();
    },
    openExternal: async () => false,
    log: { error: () => {}, warn: () => {}, info: () => {} },
    ...(options.limited && { sync: { sampleForumBudget: DEFAULT_BUDGET } }),
  });
  const { onCall } = options;
  // A bench may note when main is called (the image bench: when the last batch is acknowledged).
  const handlers = onCall
    ? (Object.fromEntries(Object.entries(services.handlers).map(([name, handle]) => [name, (input: never) => (onCall(name as CallName), (handle as (input: never) => unknown)(input))])) as Handlers)
    : services.handlers;
  const started = await startWebHost({ port: 0, rendererDir, handlers });
  host = started;
  return {
    host: started,
    forumPid: forum.pid,
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

/** The generated forum in a child process, so that its CPU is not counted as the client's. */
async function startForumProcess(
  limited: boolean,
  forumArgs = ['--generate', `${BOARDS}x${THREADS_PER_BOARD}x${POSTS_PER_THREAD}`, '--seed', String(SEED)],
): Promise<{ url: string; pid: number; close(): Promise<void> }> {
  const cli = fileURLToPath(new URL('../../main/sample-forum/cli.ts', import.meta.url));
  const args = ['--import', 'tsx', cli, '--port', '0', ...forumArgs];
  const child = spawn(process.execPath, limited ? [...args, '--discourse-limits'] : args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /sample forum at (http:\/\/\S+)/.exec(out);
      if (found) resolve(found[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`the forum process ended (${code}) before it served: ${out}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    pid: child.pid as number,
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The runner's entry point (test/bench/run-bench.ts). */
export async function run(): Promise<void> {
  await benchSync();
}
