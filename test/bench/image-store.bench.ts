// Where kept pictures should live, measured in Debian's Chromium: N distinct JPEGs of about 100 KB
//   A. as Blobs in IndexedDB (the renderer's database), shown through blob: URLs;
//   B. as files in main's data dir, shown from an HTTP route (/images/<sha256>), as the web host
//      would serve them and Electron's app:// protocol handler would.
// For each: the write (A: the bytes cross from main to the page, then one IndexedDB transaction per
// picture; B: main writes a file and renames it into place), the read in a freshly launched browser
// (each picture to a decoded <img>, naturalWidth > 0, one at a time and a thread's screenful of 20
// at once), bytes on disk, the memory of every Chromium process (PSS) with all N shown (the page's
// JS heap stays under 1 MB either way: pictures live outside it), and
// removing them all (Remove forum).
//   npm run bench image-store          READER_BENCH_IMAGES=100 for a quick run
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentAddress } from '../../main/sources/images/content-address';
import { IMAGE_MIME, readImageHeader } from '../../shared/images/image-header';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/chromium';

const COUNT = Number(process.env['READER_BENCH_IMAGES'] ?? 500);
const SCREENFUL = 20;
const MB = 1024 * 1024;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? NaN;
const ms = (value: number) => `${value.toFixed(2)} ms`;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const spread = (values: number[]) => `median ${ms(median(values))}, p95 ${ms(p95(values))}, total ${(values.reduce((a, b) => a + b, 0) / 1000).toFixed(2)} s`;

/** Bytes a directory takes on disk (allocated blocks, as du counts them). */
function diskBytes(path: string): number {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    total += entry.isDirectory() ? diskBytes(full) : statSync(full).blocks * 512;
  }
  return total;
}

/** The IndexedDB folders (database and blob files) of the bench page's origin in a Chromium profile. */
function indexedDbBytes(profile: string, port: number): number {
  const dir = join(profile, 'Default', 'IndexedDB');
  return readdirSync(dir)
    .filter((name) => name.startsWith(`http_127.0.0.1_${port}.`))
    .reduce((sum, name) => sum + diskBytes(join(dir, name)), 0);
}

/** PSS of every Chromium process of `profile`: those naming it on their command line and all below them. */
function chromiumPss(profile: string): { pss: number; processes: number } {
  const parents = new Map<number, number>();
  const tree = new Set<number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parents.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`--user-data-dir=${profile}`)) tree.add(pid);
    } catch {
      // The process ended while being looked at.
    }
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (!tree.has(pid) && tree.has(parent)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let pss = 0;
  for (const pid of tree) {
    try {
      const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      pss += Number(match?.[1] ?? 0) * 1024;
    } catch {
      // Gone.
    }
  }
  return { pss, processes: tree.size };
}

const body = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });

async function launch(profile: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  // tsx keeps function names with a __name helper that page.evaluate's copies would lack.
  await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** In the page: opens (or makes) the bench database. */
const OPEN_DB = `new Promise((resolve, reject) => {
  const open = indexedDB.open('image-bench', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('images', { keyPath: 'hash' });
  open.onsuccess = () => resolve(open.result);
  open.onerror = () => reject(open.error);
})`;

/**
 * In the page: shows each picture, one after the other, then in screenfuls of SCREENFUL at once;
 * `source` turns a hash into an image URL. Every <img> stays in the DOM, decoded.
 */
async function showAll(page: Page, hashes: string[], from: 'idb' | 'files') {
  return page.evaluate(
    async ({ hashes, from, screenful, openDb }) => {
      const db = from === 'idb' ? ((await (0, eval)(openDb)) as IDBDatabase) : null;
      const urlFor = async (hash: string) => {
        if (!db) return `/images/${hash}`;
        const row = await new Promise<{ blob: Blob }>((resolve, reject) => {
          const get = db.transaction('images').objectStore('images').get(hash);
          get.onsuccess = () => resolve(get.result as { blob: Blob });
          get.onerror = () => reject(get.error);
        });
        return URL.createObjectURL(row.blob);
      };
      const show = async (hash: string) => {
        const img = new Image();
        img.src = await urlFor(hash);
        document.body.append(img);
        await img.decode();
        if (img.naturalWidth === 0) throw new Error(`${hash} decoded to nothing`);
      };
      const half = Math.floor(hashes.length / 2);
      const one: number[] = [];
      for (const hash of hashes.slice(0, half)) {
        const start = performance.now();
        await show(hash);
        one.push(performance.now() - start);
      }
      const screens: number[] = [];
      const rest = hashes.slice(half);
      for (let at = 0; at < rest.length; at += screenful) {
        const start = performance.now();
        await Promise.all(rest.slice(at, at + screenful).map(show));
        screens.push(performance.now() - start);
      }
      const shown = [...document.images].filter((img) => img.naturalWidth > 0).length;
      return { one, screens, shown };
    },
    { hashes, from, screenful: SCREENFUL, openDb: OPEN_DB },
  );
}

export async function run(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'image-store-bench-'));
  const profile = join(work, 'profile');
  const dataDir = join(work, 'images');
  mkdirSync(dataDir);
  /** What main has fetched from a forum and holds before it stores it (the same for A and B). */
  const fetched = new Map<string, Buffer>();
  const server = createServer(async (req, res) => {
    const url = req.url ?? '/';
    if (req.method === 'POST' && url === '/fetched') {
      const bytes = await body(req);
      const header = readImageHeader(bytes);
      if (!header.ok) {
        res.writeHead(422).end(header.refusal.message);
        return;
      }
      const hash = contentAddress(bytes);
      fetched.set(hash, bytes);
      res.writeHead(200, { 'content-type': 'text/plain' }).end(hash);
      return;
    }
    // A: main hands the bytes to the page (over IPC in Electron, over HTTP in the web host).
    const handed = /^\/fetched\/([0-9a-f]{64})$/.exec(url);
    if (handed?.[1]) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(fetched.get(handed[1]));
      return;
    }
    // B: the route that serves main's files; a content address never changes, so it is immutable.
    const file = /^\/images\/([0-9a-f]{64})$/.exec(url);
    if (file?.[1]) {
      try {
        const bytes = await readFile(join(dataDir, file[1]));
        const header = readImageHeader(bytes);
        res.writeHead(200, {
          'content-type': header.ok ? IMAGE_MIME[header.header.type] : 'application/octet-stream',
          'x-content-type-options': 'nosniff',
          'cache-control': 'public, max-age=31536000, immutable',
        });
        res.end(bytes);
      } catch {
        res.writeHead(404).end();
      }
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; img-src 'self' blob:; connect-src 'self'",
    });
    res.end('<!doctype html><title>image store bench</title><body></body>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  try {
    // Setup, not timed: N distinct JPEGs drawn on a canvas, handed to "main".
    let { context, page } = await launch(profile);
    await page.goto(origin);
    const hashes = await page.evaluate(async (count) => {
      const out: string[] = [];
      for (let index = 0; index < count; index += 1) {
        const canvas = new OffscreenCanvas(640, 480);
        const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
        const gradient = ctx.createLinearGradient(0, 0, 640, 480);
        gradient.addColorStop(0, `hsl(${(index * 37) % 360} 70% 40%)`);
        gradient.addColorStop(1, `hsl(${(index * 91) % 360} 60% 70%)`);
        ctx.fillStyle = gradient;
        ctx.fillRect(0, 0, 640, 480);
        const pixels = ctx.getImageData(0, 0, 640, 480);
        let seed = index + 1;
        for (let at = 0; at < pixels.data.length; at += 4) {
          seed = (seed * 1103515245 + 12345) & 0x7fffffff;
          const noise = (seed % 72) - 36;
          pixels.data[at] = (pixels.data[at] ?? 0) + noise;
          pixels.data[at + 1] = (pixels.data[at + 1] ?? 0) + noise;
          pixels.data[at + 2] = (pixels.data[at + 2] ?? 0) + noise;
        }
        ctx.putImageData(pixels, 0, 0);
        const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
        const answer = await fetch('/fetched', { method: 'POST', body: blob });
        if (!answer.ok) throw new Error(await answer.text());
        out.push(await answer.text());
      }
      return out;
    }, COUNT);
    const totalBytes = [...fetched.values()].reduce((sum, bytes) => sum + bytes.length, 0);
    console.log(`${COUNT} distinct 640×480 JPEGs, ${mb(totalBytes)} in all (${((totalBytes / COUNT) / 1024).toFixed(0)} KB each on average)`);

    // A. write: hand over, then one transaction per picture (pictures arrive one by one after posts).
    const writeA = await page.evaluate(
      async ({ hashes, openDb }) => {
        const db = (await (0, eval)(openDb)) as IDBDatabase;
        const handOver: number[] = [];
        const store: number[] = [];
        for (const hash of hashes) {
          const start = performance.now();
          const blob = await (await fetch(`/fetched/${hash}`)).blob();
          const handed = performance.now();
          await new Promise<void>((resolve, reject) => {
            const tx = db.transaction('images', 'readwrite');
            tx.objectStore('images').put({ hash, blob, bytes: blob.size });
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          });
          handOver.push(handed - start);
          store.push(performance.now() - handed);
        }
        db.close();
        return { handOver, store };
      },
      { hashes, openDb: OPEN_DB },
    );
    await context.close();
    console.log(`A. IndexedDB write, per picture: hand-over main→page ${spread(writeA.handOver)}; put in its own transaction ${spread(writeA.store)}`);

    // B. write: a temporary name, then a rename, so a crash never leaves half a picture under its hash.
    const writeB: number[] = [];
    for (const hash of hashes) {
      const start = performance.now();
      const temporary = join(dataDir, `${hash}.partial`);
      await writeFile(temporary, fetched.get(hash) as Buffer);
      await rename(temporary, join(dataDir, hash));
      writeB.push(performance.now() - start);
    }
    console.log(`B. files write, per picture: write + rename ${spread(writeB)}`);
    console.log(`on disk: A. IndexedDB ${mb(indexedDbBytes(profile, port))}; B. files ${mb(diskBytes(dataDir))} (the pictures themselves: ${mb(totalBytes)})`);

    for (const from of ['idb', 'files'] as const) {
      ({ context, page } = await launch(profile));
      await page.goto(origin);
      const idle = chromiumPss(profile).pss;
      const read = await showAll(page, hashes, from);
      const { pss, processes } = chromiumPss(profile);
      const label = from === 'idb' ? 'A. IndexedDB blob: URLs' : 'B. files over HTTP';
      console.log(`${label}, fresh browser: one at a time ${spread(read.one)}; ${SCREENFUL} at once ${spread(read.screens)} per screenful; ${read.shown}/${COUNT} decoded`);
      console.log(`   memory with all ${COUNT} shown: Chromium PSS ${mb(pss)} (idle page ${mb(idle)}, +${mb(pss - idle)}) in ${processes} processes`);
      if (from === 'idb') {
        const removed = await page.evaluate(
          async ({ openDb }) => {
            const db = (await (0, eval)(openDb)) as IDBDatabase;
            const start = performance.now();
            await new Promise<void>((resolve, reject) => {
              const tx = db.transaction('images', 'readwrite');
              tx.objectStore('images').clear();
              tx.oncomplete = () => resolve();
              tx.onerror = () => reject(tx.error);
            });
            return performance.now() - start;
          },
          { openDb: OPEN_DB },
        );
        console.log(`   Remove forum: A. every blob deleted in one transaction in ${ms(removed)}`);
      } else {
        const start = performance.now();
        await Promise.all(hashes.map((hash) => unlink(join(dataDir, hash))));
        console.log(`   Remove forum: B. every file unlinked in ${ms(performance.now() - start)}`);
      }
      await context.close();
    }
    console.log(`on disk after removing: A. IndexedDB ${mb(indexedDbBytes(profile, port))}; B. files ${mb(diskBytes(dataDir))}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(work, { recursive: true, force: true });
  }
}
