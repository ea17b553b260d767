// "Import library": restores a library file into this profile, empty or not, without duplicates.
// A file that is damaged, cut short or not a library changes nothing: the whole file is checked
// first (streamed, a line at a time), and then written in ONE transaction, which aborts, leaving
// the database as it was, if anything at all goes wrong while writing.
import * as v from 'valibot';
import type { ReaderDb } from '../../db/reader-db';
import {
  describeCounts,
  LIBRARY_FORMAT,
  LIBRARY_FORMAT_VERSION,
  LIBRARY_TABLES,
  LibraryEndSchema,
  LibraryHeaderSchema,
  LibraryRowLineSchema,
  ROW_SCHEMAS,
  TABLE_WORDS,
  zeroCounts,
  type LibraryTable,
  type TableCounts,
} from './library-format';
import { LineReader, LineTooLongError, NotTextError, type Waiter } from './line-reader';
import { readPictureLine, type PictureLine } from './library-pictures';
import { LibraryReferences, OrphanWritingError, type LibraryRow } from './library-references';
import { mergeLibraryRows, recountThreads, type MergeTally } from './merge-library-rows';

/** What the import reads: a File, or anything that can stream its bytes again for the second pass. */
export interface LibrarySource {
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
}

export interface ImportProgress {
  phase: 'checking' | 'importing';
  bytesDone: number;
  bytesTotal: number;
}

export type ImportOutcome =
  | { ok: true; read: TableCounts; added: TableCounts; replaced: TableCounts; kept: TableCounts; skipped: TableCounts; message: string }
  | { ok: false; message: string };

const NOTHING_CHANGED = 'Nothing was imported; your library is as it was.';
/** Rows written per bulk operation; pictures (up to 10 MB each) a few at a time. */
const BATCH_ROWS = 500;
const PICTURE_BATCH_ROWS = 8;

/** A file that is not a library we can read; the message says what is wrong with it. */
export class LibraryFileError extends Error {}

type RowLine = LibraryRow;

/**
 * Reads the file line by line, checking each line against the format. Calls `onRow` with every row
 * in file order; throws LibraryFileError naming the line when the file is not a complete library.
 */
async function readLibrary(
  db: ReaderDb,
  source: LibrarySource,
  wait: Waiter,
  onRow: (line: RowLine) => Promise<void> | void,
  onBytes: (bytes: number) => void,
): Promise<TableCounts> {
  const reader = new LineReader(source.stream(), wait);
  // Progress moves when a chunk of the file is read, not on every line.
  let reported = -1;
  const report = (bytes: number) => {
    if (bytes === reported) return;
    reported = bytes;
    onBytes(bytes);
  };
  try {
    const first = await reader.next();
    report(reader.bytesRead);
    const header = v.safeParse(LibraryHeaderSchema, parseJson(first));
    if (!header.success) {
      const format = (parseJson(first) as { format?: unknown } | undefined)?.format;
      if (format === LIBRARY_FORMAT) throw new LibraryFileError(`The library file's first line is damaged (${issueText(header.issues)}).`);
      throw new LibraryFileError('This is not a Forum Reader library file (it does not start with a library header).');
    }
    if (header.output.formatVersion > LIBRARY_FORMAT_VERSION || header.output.schemaVersion > db.verno) {
      throw new LibraryFileError(
        `This library was exported by a newer version of Forum Reader (library format ${header.output.formatVersion}, database version ${header.output.schemaVersion}). Update the reader, then import it.`,
      );
    }

    const counts = zeroCounts();
    let end: v.InferOutput<typeof LibraryEndSchema> | null = null;
    for (let line = await reader.next(); line !== null; line = await reader.next()) {
      report(reader.bytesRead);
      if (line.trim() === '') continue;
      const at = reader.lineNumber;
      if (end) throw new LibraryFileError(`The library file goes on after its closing line (line ${at.toLocaleString('en')}), so it is damaged.`);
      const value = parseJson(line);
      if (value === undefined) throw new LibraryFileError(`The library file is damaged at line ${at.toLocaleString('en')} (not a JSON line).`);
      if (typeof value === 'object' && value !== null && 'end' in value) {
        const closing = v.safeParse(LibraryEndSchema, value);
        if (!closing.success) throw new LibraryFileError(`The library file's closing line (line ${at.toLocaleString('en')}) is damaged.`);
        end = closing.output;
        continue;
      }
      const rowLine = v.safeParse(LibraryRowLineSchema, value);
      if (!rowLine.success) throw new LibraryFileError(`The library file is damaged at line ${at.toLocaleString('en')}: ${issueText(rowLine.issues)}.`);
      const { table } = rowLine.output;
      const row = v.safeParse(ROW_SCHEMAS[table], rowLine.output.row);
      if (!row.success) {
        throw new LibraryFileError(`The library file is damaged at line ${at.toLocaleString('en')} (a ${TABLE_WORDS[table][0]}): ${issueText(row.issues)}.`);
      }
      let checked = row.output as Record<string, unknown>;
      if (table === 'images') {
        const picture = await wait(readPictureLine(row.output as unknown as PictureLine));
        if (!picture.ok) throw new LibraryFileError(`The library file's picture at line ${at.toLocaleString('en')} cannot be kept: ${picture.reason}.`);
        checked = picture.image as unknown as Record<string, unknown>;
      }
      counts[table] += 1;
      await onRow({ table, row: checked, line: at });
    }
    if (!end) {
      throw new LibraryFileError(`The library file ends early, after line ${reader.lineNumber.toLocaleString('en')}: it may have been cut off while it was written or copied.`);
    }
    for (const table of LIBRARY_TABLES) {
      const promised = end.counts[table] ?? 0;
      if (promised !== counts[table]) {
        throw new LibraryFileError(
          `The library file is damaged: its closing line promises ${promised.toLocaleString('en')} ${TABLE_WORDS[table][1]} but it holds ${counts[table].toLocaleString('en')}.`,
        );
      }
    }
    return counts;
  } catch (error) {
    if (error instanceof NotTextError) throw new LibraryFileError('This is not a Forum Reader library file (it is not text).');
    if (error instanceof LineTooLongError) throw new LibraryFileError(`This is not a Forum Reader library file (line ${error.lineNumber.toLocaleString('en')} is far too long).`);
    throw error;
  } finally {
    await reader.cancel();
  }
}

/** Checks a whole library file without writing anything: which rows point nowhere, or a LibraryFileError. */
async function checkLibraryFile(db: ReaderDb, source: LibrarySource, onBytes: (bytes: number) => void): Promise<LibraryReferences> {
  const references = new LibraryReferences();
  await readLibrary(db, source, (promise) => promise, (line) => references.note(line), onBytes);
  try {
    await references.resolve(db);
  } catch (error) {
    if (error instanceof OrphanWritingError) throw new LibraryFileError(error.message);
    throw error;
  }
  return references;
}

export async function importLibrary(
  db: ReaderDb,
  source: LibrarySource,
  options: { onProgress?: (progress: ImportProgress) => void } = {},
): Promise<ImportOutcome> {
  const report = (phase: ImportProgress['phase']) => (bytesDone: number) => options.onProgress?.({ phase, bytesDone, bytesTotal: source.size });
  let references: LibraryReferences;
  try {
    references = await checkLibraryFile(db, source, report('checking'));
  } catch (error) {
    if (error instanceof LibraryFileError) return { ok: false, message: `${error.message} ${NOTHING_CHANGED}` };
    return { ok: false, message: `The library file could not be read (${errorText(error)}). ${NOTHING_CHANGED}` };
  }

  const tally: MergeTally = { added: zeroCounts(), replaced: zeroCounts(), kept: zeroCounts(), touchedThreads: new Set(), loggedRuns: null };
  const skipped = zeroCounts();
  let read: TableCounts;
  try {
    const tables = [...LIBRARY_TABLES.map((table) => db.table(table)), db.searchQueue];
    read = await db.transaction('rw', tables, async (tx) => {
      // Reading the file is not IndexedDB work: the transaction would commit while it waits.
      // Transaction.waitFor (what Dexie.waitFor uses) keeps it open; called on the transaction
      // itself, it does not depend on Dexie's async zone surviving the awaits in between.
      const keepAlive = tx as unknown as { waitFor<T>(promise: Promise<T>): Promise<T> };
      let batch: RowLine[] = [];
      const flush = async () => {
        const rows = batch;
        batch = [];
        if (rows.length > 0) await mergeLibraryRows(tx, rows[0]!.table, rows.map((line) => line.row), tally);
      };
      // The file is checked again as it is written: if it changed since the first pass, the
      // transaction aborts like any other failure.
      const counts = await readLibrary(
        db,
        source,
        (promise) => keepAlive.waitFor(promise),
        async (line) => {
          if (references.isOrphan(line)) {
            skipped[line.table] += 1;
            return;
          }
          const full = batch.length >= (line.table === 'images' ? PICTURE_BATCH_ROWS : BATCH_ROWS);
          if (full || (batch.length > 0 && batch[0]!.table !== line.table)) await flush();
          batch.push(line);
        },
        report('importing'),
      );
      await flush();
      await recountThreads(tx, tally.touchedThreads);
      return counts;
    });
  } catch (error) {
    if (error instanceof LibraryFileError) return { ok: false, message: `${error.message} ${NOTHING_CHANGED}` };
    const full = isQuotaError(error);
    return {
      ok: false,
      message: full
        ? `There is not enough storage space for this library. ${NOTHING_CHANGED} Remove forums you no longer read (Storage), then try again.`
        : `The library could not be imported (${errorText(error)}). ${NOTHING_CHANGED}`,
    };
  }
  return { ok: true, read, ...tally, skipped, message: importedMessage(tally) + skippedMessage(skipped) };
}

function importedMessage(tally: MergeTally): string {
  const fresh = LIBRARY_TABLES.reduce((sum, table) => sum + tally.added[table] + tally.replaced[table], 0);
  const already = LIBRARY_TABLES.reduce((sum, table) => sum + tally.kept[table], 0);
  const added = Object.fromEntries(LIBRARY_TABLES.map((table) => [table, tally.added[table] + tally.replaced[table]]));
  if (fresh === 0) return 'Imported the library: everything in it was already here.';
  return `Imported ${describeCounts(added)}.${already > 0 ? ` ${already.toLocaleString('en')} items were already here and were kept.` : ''}`;
}

function skippedMessage(skipped: TableCounts): string {
  const total = LIBRARY_TABLES.reduce((sum, table) => sum + skipped[table], 0);
  if (total === 0) return '';
  return ` Skipped ${total.toLocaleString('en')} ${total === 1 ? 'item' : 'items'} whose forum, board or thread is in neither the file nor this library (they could never be shown); the next sync fetches what the forum still has.`;
}

function parseJson(line: string | null): unknown {
  if (line === null) return undefined;
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

function issueText(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'not as expected';
  const path = v.getDotPath(issue);
  return `${path ? `${path}: ` : ''}${issue.message}`;
}

const errorText = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** Quota errors arrive as the DOMException itself or wrapped by Dexie (an AbortError whose inner error is it). */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { inner?: unknown }).inner, depth += 1) {
    if ((e as { name?: unknown }).name === 'QuotaExceededError') return true;
  }
  return false;
}
