// Keeping pictures must not slow the text (issue 19): the same first sync of a generated forum with
// one uploaded picture every 20 posts (a PNG of its own each, served by the forum in its own
// process), in a fresh profile on disk each, once without keeping pictures and once with, in turn.
// Text throughput is the posts over the time from the run's start until main is told the last
// batch of posts is committed; with pictures the run goes on after that until the last picture is
// stored. Also: the pictures stored, their bytes, and the bytes stored per picture kept.
//   BENCH_SYNC_IMAGES_BOARDS   boards of 100 threads of 50 posts (default 2: 10,000 posts, 500 pictures)
//   BENCH_SYNC_IMAGES_ROUNDS   rounds of (without, with) (default 1)
//   BENCH_SYNC_UNLIMITED=1     no request limits on either side (CPU, not requests, decides)
import type { Page } from '@playwright/test';
import { openProfile, startWebBackend, storeCount, syncRuns, waitForSyncRuns } from './sync.bench';

const BOARDS = Number(process.env.BENCH_SYNC_IMAGES_BOARDS ?? 2);
const ROUNDS = Number(process.env.BENCH_SYNC_IMAGES_ROUNDS ?? 1);
const THREADS_PER_BOARD = 100;
const POSTS_PER_THREAD = 50;
const PICTURE_EVERY = 20;
const SEED = 1948;

interface RunFigures {
  keep: boolean;
  posts: number;
  textSeconds: number;
  runSeconds: number;
  requests: number;
  pictures: number;
  pictureBytes: number;
  pictureFailures: number;
}

export async function benchSyncImages(log: (line: string) => void = console.log): Promise<RunFigures[]> {
  const limited = !process.env.BENCH_SYNC_UNLIMITED;
  const posts = BOARDS * THREADS_PER_BOARD * POSTS_PER_THREAD;
  let startedAt = 0;
  let lastAckAt = 0;
  const backend = await startWebBackend({
    limited,
    forumArgs: ['--generate', `${BOARDS}x${THREADS_PER_BOARD}x${POSTS_PER_THREAD}`, '--seed', String(SEED), '--pictures', String(PICTURE_EVERY)],
    onCall: (name) => {
      if (name === 'startSync' && startedAt === 0) startedAt = performance.now();
      if (name === 'ackSyncBatch') lastAckAt = performance.now();
    },
  });
  log(`${posts} posts, one picture in ${PICTURE_EVERY} (${posts / PICTURE_EVERY} PNGs of 480×270), ${limited ? "at Discourse's default limits (assets apart: 200 per 10 s), the default budget" : 'no limits (BENCH_SYNC_UNLIMITED)'}`);
  const figures: RunFigures[] = [];
  let runsDone = 0;
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const keep of [false, true]) {
        const profile = await openProfile({ withoutSearch: false });
        try {
          // The sample forum keeps pictures by default; "without" turns that off for the run.
          if (!keep) await profile.page.route('**/api/call/startSync', (route) => route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), keepImages: false }) }));
          startedAt = 0;
          lastAckAt = 0;
          await profile.page.goto(backend.host.launchUrl);
          runsDone += 1;
          await backend.syncsDone(runsDone, 60 * 60_000);
          await waitForSyncRuns(profile.page, 1, 60_000);
          const [run] = await syncRuns(profile.page);
          if (!run || run.status !== 'completed') throw new Error(`the sync did not complete: ${JSON.stringify(run)}`);
          const stored = await storeCount(profile.page, 'posts');
          if (stored !== posts) throw new Error(`stored ${stored} posts, the forum has ${posts}`);
          const pictures = await storedPictures(profile.page);
          const figure: RunFigures = {
            keep,
            posts,
            textSeconds: (lastAckAt - startedAt) / 1000,
            runSeconds: (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000,
            requests: run.requests,
            ...pictures,
          };
          figures.push(figure);
          log(
            `  ${keep ? 'with pictures   ' : 'without pictures'}: text ${figure.textSeconds.toFixed(1)} s = ${Math.round(posts / figure.textSeconds)} posts/s, ${figure.requests} requests for it; whole run ${figure.runSeconds.toFixed(1)} s` +
              (keep ? `; ${pictures.pictures} pictures kept (${pictures.pictureFailures} not), ${(pictures.pictureBytes / 1024 / 1024).toFixed(1)} MB, ${Math.round(pictures.pictureBytes / Math.max(1, pictures.pictures) / 1024)} KB per picture kept` : ''),
          );
        } finally {
          await profile.close();
        }
      }
    }
  } finally {
    await backend.close();
  }
  const mean = (keep: boolean) => {
    const runs = figures.filter((figure) => figure.keep === keep);
    return runs.reduce((sum, figure) => sum + figure.textSeconds, 0) / runs.length;
  };
  const slower = mean(true) / mean(false) - 1;
  log(`text throughput: without pictures ${Math.round(posts / mean(false))} posts/s, with ${Math.round(posts / mean(true))} posts/s: pictures made the text ${slower >= 0 ? `${Math.round(slower * 100)}% slower` : `${Math.round(-slower * 100)}% faster`} (aim ≤ 10% slower)`);
  return figures;
}

/** Pictures stored, their bytes (each once), and the posts' pictures that were not kept. */
function storedPictures(page: Page): Promise<{ pictures: number; pictureBytes: number; pictureFailures: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('forum-reader');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['images', 'imageUses']);
          const images = tx.objectStore('images').getAll();
          const uses = tx.objectStore('imageUses').getAll();
          tx.oncomplete = () => {
            open.result.close();
            const rows = images.result as { byteLength: number }[];
            resolve({
              pictures: rows.length,
              pictureBytes: rows.reduce((sum, row) => sum + row.byteLength, 0),
              pictureFailures: (uses.result as { hash?: string }[]).filter((use) => !use.hash).length,
            });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** The runner's entry point (test/bench/run-bench.ts). */
export async function run(): Promise<void> {
  await benchSyncImages();
}
