// Library backup, round trip: a 50,000-post library (plus read marks, bookmarks, highlights,
// drafts, the outbox, settings, the sync log) is exported to a file on disk, imported into an empty
// profile from that file, and every table is compared. Memory is measured in the same run for the
// streaming export and, side by side, for the naive one that builds the whole file in memory first.
//
// Runs in Node with Dexie on fake-indexeddb, whose rows live in the same JS heap: each figure is the
// heap ABOVE the level measured (after a full GC) just before that step, so the database itself
// is not counted. "Live" samples force a GC every few chunks and show what the step really holds;
// "raw" samples show the heap as V8 left it, garbage included.
//   npm run bench backup          BENCH_BACKUP_POSTS=5000 for a quick run
import { createWriteStream, openAsBlob, rmSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { ReaderDb } from '../../renderer/db/reader-db';
import { exportLibrary, type LibrarySink } from '../../renderer/features/backup/export-library';
import { importLibrary } from '../../renderer/features/backup/import-library';
import { LIBRARY_TABLES, type LibraryTable } from '../../renderer/features/backup/library-format';
import { RESTORED_REPLY_NOTE } from '../../renderer/features/backup/merge-library-rows';
import { seedLibrary } from '../support/library-fixture';

const POSTS = Number(process.env.BENCH_BACKUP_POSTS ?? 50_000);
const POSTS_PER_THREAD = 500;
/** A GC and a "live" sample every this many chunks written or rows imported. */
const LIVE_EVERY_CHUNKS = 8;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

/** Heap above a baseline: the highest seen, raw and right after forced collections. */
class HeapWatch {
  private readonly baseline: number;
  rawPeak = 0;
  livePeak = 0;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor() {
    gc();
    this.baseline = process.memoryUsage().heapUsed;
    this.timer = setInterval(() => this.sample(), 2);
  }

  sample(): void {
    this.rawPeak = Math.max(this.rawPeak, process.memoryUsage().heapUsed - this.baseline);
  }

  sampleLive(): void {
    gc();
    this.livePeak = Math.max(this.livePeak, process.memoryUsage().heapUsed - this.baseline);
  }

  stop(): { raw: number; live: number } {
    clearInterval(this.timer);
    this.sample();
    this.sampleLive();
    return { raw: this.rawPeak, live: this.livePeak };
  }
}

function fileSink(file: string, watch: HeapWatch): LibrarySink & { bytes: () => number } {
  const out = createWriteStream(file);
  let chunks = 0;
  return {
    write: async (chunk) => {
      watch.sample();
      if (++chunks % LIVE_EVERY_CHUNKS === 0) watch.sampleLive();
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    },
    close: () => new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve()))),
    abort: async () => {
      out.destroy();
    },
    bytes: () => out.bytesWritten,
  };
}

/** The naive export: every table read whole, the whole file built as one string, then written. */
async function exportInMemory(db: ReaderDb, file: string, watch: HeapWatch): Promise<void> {
  const lines: string[] = [JSON.stringify({ format: 'forum-reader-library', formatVersion: 1, schemaVersion: db.verno })];
  for (const table of LIBRARY_TABLES) {
    const rows = await db.table(table).toArray();
    watch.sample();
    for (const row of rows) lines.push(JSON.stringify({ table, row }));
    watch.sampleLive();
  }
  const text = `${lines.join('\n')}\n`;
  watch.sampleLive();
  const sink = fileSink(file, watch);
  await sink.write(text);
  await sink.close();
}

/** A digest of a table, read a page at a time (the comparison must not need the library in memory either). */
async function digest(db: ReaderDb, table: LibraryTable): Promise<{ rows: number; sha256: string }> {
  const hash = createHash('sha256');
  const store = db.table(table);
  const keyPath = store.schema.primKey.keyPath as string;
  let after: unknown;
  let rows = 0;
  for (;;) {
    const page: Record<string, unknown>[] = await (after === undefined ? store.toCollection() : store.where(':id').above(after)).limit(1000).toArray();
    for (const row of page) {
      // The sync log numbers its rows itself; imported replies waiting to be sent are marked "may have been sent".
      const { id: _id, ...withoutId } = row;
      const normal = table === 'syncLog' ? withoutId : table === 'outbox' ? { ...row, state: 'waiting-to-retry', maybeSent: true, nextAttemptAt: null, lastError: RESTORED_REPLY_NOTE } : row;
      hash.update(JSON.stringify(normal));
    }
    rows += page.length;
    if (page.length < 1000) break;
    after = page.at(-1)?.[keyPath];
  }
  return { rows, sha256: hash.digest('hex').slice(0, 16) };
}

const newDb = (name: string) => new ReaderDb(name, { indexedDB: new IDBFactory(), IDBKeyRange });

export interface BackupBenchFigures {
  posts: number;
  fileBytes: number;
  exportSeconds: number;
  importSeconds: number;
  streamingPeak: { raw: number; live: number };
  inMemoryPeak: { raw: number; live: number };
  importPeak: { raw: number; live: number };
  lossless: boolean;
}

export async function benchBackup(log: (line: string) => void = console.log): Promise<BackupBenchFigures> {
  const dir = await mkdtemp(path.join(tmpdir(), 'backup-bench-'));
  try {
    const source = newDb('backup-bench-source');
    const threads = Math.ceil(POSTS / POSTS_PER_THREAD);
    let started = performance.now();
    await seedLibrary(source, { threads, postsPerThread: POSTS_PER_THREAD, postChars: 1000, readEvery: 2 });
    log(`library: ${POSTS.toLocaleString('en')} posts in ${threads} threads, half read, seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    // Streaming export, to a file on disk.
    const file = path.join(dir, 'library.ndjson');
    let watch = new HeapWatch();
    started = performance.now();
    const sink = fileSink(file, watch);
    await exportLibrary(source, sink);
    const exportSeconds = (performance.now() - started) / 1000;
    const streamingPeak = watch.stop();
    const fileBytes = statSync(file).size;

    // The naive export, side by side.
    watch = new HeapWatch();
    await exportInMemory(source, path.join(dir, 'in-memory.ndjson'), watch);
    const inMemoryPeak = watch.stop();

    // Import into an empty profile, reading the file from disk.
    const target = newDb('backup-bench-target');
    await target.open();
    watch = new HeapWatch();
    const blob = await openAsBlob(file);
    started = performance.now();
    let progressCalls = 0;
    const outcome = await importLibrary(target, blob, {
      onProgress: () => {
        watch.sample();
        if (++progressCalls % (LIVE_EVERY_CHUNKS * 4) === 0) watch.sampleLive();
      },
    });
    const importSeconds = (performance.now() - started) / 1000;
    const importPeak = watch.stop();
    if (!outcome.ok) throw new Error(outcome.message);

    let lossless = true;
    for (const table of LIBRARY_TABLES) {
      const [a, b] = await Promise.all([digest(source, table), digest(target, table)]);
      const same = a.rows === b.rows && a.sha256 === b.sha256;
      lossless &&= same;
      if (!same || table === 'posts') log(`  ${table}: ${a.rows} rows ${a.sha256} -> ${b.rows} rows ${b.sha256}${same ? '' : '  DIFFERENT'}`);
    }

    log(`file: ${mb(fileBytes)} (${Math.round(fileBytes / POSTS)} bytes a post)`);
    log(`export (streaming):  ${exportSeconds.toFixed(1)} s, ${Math.round(POSTS / exportSeconds).toLocaleString('en')} posts/s`);
    log(`import (2 passes, 1 transaction): ${importSeconds.toFixed(1)} s, ${Math.round(POSTS / importSeconds).toLocaleString('en')} posts/s`);
    log(`peak heap above the library, live (after GC) / raw:`);
    log(`  streaming export  ${mb(streamingPeak.live).padStart(9)} / ${mb(streamingPeak.raw).padStart(9)}   = ${((100 * streamingPeak.live) / fileBytes).toFixed(1)} % of the file (live)`);
    log(`  in-memory export  ${mb(inMemoryPeak.live).padStart(9)} / ${mb(inMemoryPeak.raw).padStart(9)}   = ${((100 * inMemoryPeak.live) / fileBytes).toFixed(1)} % of the file (live)`);
    log(`  import            ${mb(importPeak.live).padStart(9)} / ${mb(importPeak.raw).padStart(9)}   (includes the imported rows: fake-indexeddb keeps its database in this heap)`);
    log(`  in-memory / streaming (live): ${(inMemoryPeak.live / Math.max(1, streamingPeak.live)).toFixed(1)}x`);
    log(`round trip lossless (every table, row for row): ${lossless ? 'yes' : 'NO'}`);
    source.close();
    target.close();
    return { posts: POSTS, fileBytes, exportSeconds, importSeconds, streamingPeak, inMemoryPeak, importPeak, lossless };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  await benchBackup();
}
