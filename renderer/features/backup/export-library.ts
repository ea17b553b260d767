// "Export library": writes every table of the library to a sink a page of rows at a time, so the
// memory it needs depends on the page size, not on how large the library is.
import type { ImageRow, ReaderDb } from '../../db/reader-db';
import { FORMAT_VERSION_WITHOUT_PICTURES, LIBRARY_FORMAT, LIBRARY_FORMAT_VERSION, LIBRARY_TABLES, PICTURE_TABLES, zeroCounts, type LibraryHeader, type TableCounts } from './library-format';
import { pictureLine } from './library-pictures';

/** Where the file goes: a file on disk (File System Access), a download built from parts, a Node stream in tests. */
export interface LibrarySink {
  write(chunk: string): Promise<void>;
  close(): Promise<void>;
  /** The export failed: drop what was written (a half file must not look like a library). */
  abort(reason: unknown): Promise<void>;
}

export interface ExportProgress {
  rowsDone: number;
  rowsTotal: number;
}

export interface ExportOptions {
  onProgress?: (progress: ExportProgress) => void;
  /** Rows read per query; the export holds at most one page and one chunk at a time. */
  pageRows?: number;
  /** Characters collected before a write; larger chunks mean fewer, cheaper writes. */
  chunkChars?: number;
  now?: () => Date;
  /** Pictures too (their bytes as base64): a larger file, but the library comes back whole. */
  includePictures?: boolean;
}

const PAGE_ROWS = 500;
/** Pictures read per query: up to 10 MB each, so a page of them is kept small. */
const PICTURE_PAGE_ROWS = 8;
const CHUNK_CHARS = 256 * 1024;

export async function exportLibrary(db: ReaderDb, sink: LibrarySink, options: ExportOptions = {}): Promise<TableCounts> {
  const pageRows = options.pageRows ?? PAGE_ROWS;
  const chunkChars = options.chunkChars ?? CHUNK_CHARS;
  const counts = zeroCounts();
  const tables = LIBRARY_TABLES.filter((table) => options.includePictures || !PICTURE_TABLES.has(table));
  // The total is for the progress bar only; rows synced meanwhile may make the count a little off.
  const rowsTotal = (await Promise.all(tables.map((table) => db.table(table).count()))).reduce((a, b) => a + b, 0);
  let rowsDone = 0;
  let pending = '';

  const flush = async () => {
    if (pending === '') return;
    const chunk = pending;
    pending = '';
    await sink.write(chunk);
  };
  const writeLine = async (value: unknown) => {
    pending += `${JSON.stringify(value)}\n`;
    if (pending.length >= chunkChars) await flush();
  };

  try {
    const header: LibraryHeader = {
      format: LIBRARY_FORMAT,
      formatVersion: options.includePictures ? LIBRARY_FORMAT_VERSION : FORMAT_VERSION_WITHOUT_PICTURES,
      schemaVersion: db.verno,
      exportedAt: (options.now?.() ?? new Date()).toISOString(),
      tables,
    };
    await writeLine(header);
    options.onProgress?.({ rowsDone, rowsTotal });
    for (const table of tables) {
      const store = db.table(table);
      const keyPath = store.schema.primKey.keyPath as string | string[];
      const rowsPerPage = table === 'images' ? Math.min(pageRows, PICTURE_PAGE_ROWS) : pageRows;
      let after: unknown = undefined;
      for (;;) {
        // Keyset paging: each page starts after the last key read, so no page is skipped or read
        // twice, and no cursor stays open across the writes.
        const page: Record<string, unknown>[] = await (after === undefined ? store.toCollection() : store.where(':id').above(after))
          .limit(rowsPerPage)
          .toArray();
        for (const row of page) await writeLine({ table, row: table === 'images' ? await pictureLine(row as unknown as ImageRow) : row });
        counts[table] += page.length;
        rowsDone += page.length;
        options.onProgress?.({ rowsDone, rowsTotal: Math.max(rowsTotal, rowsDone) });
        if (page.length < rowsPerPage) break;
        const last = page.at(-1)!;
        after = Array.isArray(keyPath) ? keyPath.map((key) => last[key]) : last[keyPath];
      }
    }
    await writeLine({ end: true, counts });
    await flush();
    await sink.close();
    return counts;
  } catch (error) {
    await sink.abort(error).catch(() => {});
    throw error;
  }
}

/** The file name offered for a library exported now: forum-reader-library-2026-03-14.ndjson. */
export const libraryFileName = (now = new Date()): string => `forum-reader-library-${now.toISOString().slice(0, 10)}.ndjson`;
