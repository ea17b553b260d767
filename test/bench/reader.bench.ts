// Reading at scale, through the whole program: the sample forum serves a generated board with a
// 10,000-post thread and a 20-post one, the reader syncs both into a Chromium profile on disk
// (launchPersistentContext), and then, in one run, side by side:
//   - open time: from clicking a thread in the list to its first posts painted, 10,000 posts vs 20,
//     opened fresh and then again (when the reader looks for the first unread post);
//   - scrolling the 10,000-post thread end to end, a screen at a time, with frame times;
//   - JS heap after opening each (after a forced GC), and after the scroll: memory stays bounded.
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateForum } from '../../main/sample-forum/generate-forum';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/chromium';
import { startReaderBackend } from '../support/reader-backend';

const LONG_POSTS = Number(process.env['READER_BENCH_POSTS'] ?? 10_000);
const SHORT_POSTS = 20;
const ROUNDS = 5;
const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Clicks the thread in the list and resolves when its first post has been painted. */
async function timeOpen(page: Page, title: string): Promise<number> {
  return page.evaluate(async (wanted) => {
    const entry = [...document.querySelectorAll<HTMLButtonElement>('.thread-list button')].find((button) => button.querySelector('.thread-title')?.textContent === wanted);
    if (!entry) throw new Error(`no thread "${wanted}" in the list`);
    const pane = document.querySelector('section[aria-label="Thread"]') as HTMLElement;
    const shown = () => pane.querySelector('.thread-heading')?.textContent === wanted && pane.querySelector('article') !== null;
    const start = performance.now();
    entry.click();
    await new Promise<void>((resolve) => {
      if (shown()) return resolve();
      const observer = new MutationObserver(() => {
        if (!shown()) return;
        observer.disconnect();
        resolve();
      });
      observer.observe(pane, { childList: true, subtree: true, characterData: true });
    });
    // The frame that shows it: the next animation frame runs after the browser painted.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - start;
  }, title);
}

/** Scrolls the open thread from top to bottom one screen per frame; frame times in ms. */
async function scrollEndToEnd(page: Page) {
  return page.evaluate(async () => {
    const scroller = document.querySelector('.thread-scroller') as HTMLElement;
    scroller.scrollTop = 0;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const frames: number[] = [];
    let blankFrames = 0;
    let maxArticles = 0;
    let last = performance.now();
    const start = last;
    for (;;) {
      const atEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
      if (atEnd) break;
      scroller.scrollTop += scroller.clientHeight;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const now = performance.now();
      frames.push(now - last);
      last = now;
      maxArticles = Math.max(maxArticles, scroller.querySelectorAll('article').length);
      if (scroller.querySelector('.post-loading')) blankFrames += 1;
      if (now - start > 600_000) throw new Error('scrolling took over ten minutes');
    }
    const totalMs = performance.now() - start;
    // At the end, the frames until the last posts are in.
    let settleFrames = 0;
    while (scroller.querySelector('.post-loading') && settleFrames < 600) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      settleFrames += 1;
    }
    const lastArticle = [...scroller.querySelectorAll('article')].at(-1)?.getAttribute('aria-label') ?? null;
    return { frames, blankFrames, maxArticles, totalMs, lastArticle, settleFrames };
  });
}

async function heapAfterGc(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/** Waits until background work on the stored posts (the search indexer's queue) has drained. */
async function waitForQuiet(page: Page) {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('forum-reader');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('searchQueue')) return resolve(true);
          const count = db.transaction('searchQueue').objectStore('searchQueue').count();
          count.onsuccess = () => resolve(count.result === 0);
          count.onerror = () => resolve(true);
        };
        open.onerror = () => resolve(true);
      }),
    undefined,
    { timeout: 600_000, polling: 1000 },
  );
}

export async function run(): Promise<void> {
  const forum = generateForum({
    boards: 1,
    threadsPerBoard: 2,
    postsPerThread: (threadIndex) => (threadIndex === 0 ? LONG_POSTS : SHORT_POSTS),
    seed: 4,
  });
  const [longTopic, shortTopic] = [...forum.topics.values()].sort((a, b) => b.posts.length - a.posts.length);
  if (!longTopic || !shortTopic) throw new Error('the generated forum lacks its two threads');
  const backend = await startReaderBackend({ forum, rendererDir });
  const profile = mkdtempSync(join(tmpdir(), 'reader-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
  // tsx keeps function names with a __name helper that page.evaluate's copies would lack.
  await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const syncStart = Date.now();
    await page.goto(backend.host.launchUrl);
    await page.getByRole('status').filter({ hasText: /Synced at/ }).waitFor({ timeout: 600_000 });
    console.log(`synced ${LONG_POSTS + SHORT_POSTS} posts in ${((Date.now() - syncStart) / 1000).toFixed(1)} s`);
    await waitForQuiet(page);
    const board = [...forum.categories.values()][0]?.name ?? '';
    await page.getByRole('navigation', { name: 'Forums' }).getByRole('button', { name: board }).click();

    // Warm-up: each thread once (the reader opens the newest by itself at launch), so every
    // measured open below switches from the other thread.
    await timeOpen(page, longTopic.title);
    const openShortFirst = await timeOpen(page, shortTopic.title);
    const open = { long: [] as number[], short: [] as number[] };
    let heapShort = 0;
    let heapLong = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      open.long.push(await timeOpen(page, longTopic.title));
      if (round === 0) heapLong = await heapAfterGc(context, page);
      open.short.push(await timeOpen(page, shortTopic.title));
      if (round === 0) heapShort = await heapAfterGc(context, page);
    }
    const longMedian = median(open.long);
    const shortMedian = median(open.short);
    console.log(`open (click to first posts painted), median of ${ROUNDS} alternating: ${LONG_POSTS} posts ${ms(longMedian)}, ${SHORT_POSTS} posts ${ms(shortMedian)}: ratio ${(longMedian / shortMedian).toFixed(2)}x`);
    console.log(`  every open: ${LONG_POSTS} posts [${open.long.map((t) => t.toFixed(0)).join(', ')}] ms; ${SHORT_POSTS} posts [${open.short.map((t) => t.toFixed(0)).join(', ')}] ms (first ever: ${ms(openShortFirst)})`);
    console.log(`heap after opening (after GC): ${SHORT_POSTS}-post thread ${mb(heapShort)}, ${LONG_POSTS}-post thread ${mb(heapLong)} (+${mb(heapLong - heapShort)})`);

    await timeOpen(page, longTopic.title);
    await page.locator('.thread-scroller').waitFor();
    const scroll = await scrollEndToEnd(page);
    const sorted = [...scroll.frames].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? NaN;
    console.log(
      `scroll end to end, a screen per frame: ${scroll.frames.length} frames in ${(scroll.totalMs / 1000).toFixed(1)} s; frame median ${ms(median(scroll.frames))}, p95 ${ms(p95)}, max ${ms(sorted.at(-1) ?? NaN)}; frames showing a placeholder ${scroll.blankFrames}; at most ${scroll.maxArticles} posts in the DOM; ended at "${scroll.lastArticle}" ${scroll.settleFrames} frames after the scroll stopped`,
    );
    console.log(`heap after scrolling end to end (after GC): ${mb(await heapAfterGc(context, page))}`);
  } finally {
    await context.close();
    await backend.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
