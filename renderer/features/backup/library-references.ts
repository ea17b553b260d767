// Rows of a library file that point at a forum, board or thread that is in neither the file nor
// this library. Stored, they could never be shown (every view starts from a forum and a thread)
// nor removed (Remove forum starts from the forum). A file exported while a sync was committing can
// hold such rows (the export reads one table after another), so rows the forum can give back are
// skipped and counted; a draft or queued reply is the person's own writing, so one of those
// refuses the whole file rather than lose its text.
import type { ReaderDb } from '../../db/reader-db';
import { TABLE_WORDS, type LibraryTable } from './library-format';

type ParentTable = 'forums' | 'boards' | 'threads';

/** The fields of each table that name the row it belongs to. Bookmarks and highlights hold the
 * post's text and stay readable after Remove forum, so they need no parent. */
const PARENT_FIELDS: Partial<Record<LibraryTable, ReadonlyArray<readonly [field: string, parent: ParentTable]>>> = {
  boards: [['forumId', 'forums']],
  threads: [['forumId', 'forums'], ['boardId', 'boards']],
  threadCursors: [['threadId', 'threads']],
  boardCursors: [['boardId', 'boards']],
  posts: [['forumId', 'forums'], ['threadId', 'threads']],
  readMarks: [['threadId', 'threads']],
  drafts: [['forumId', 'forums'], ['threadId', 'threads']],
  outbox: [['forumId', 'forums'], ['threadId', 'threads']],
  imageUses: [['forumId', 'forums'], ['threadId', 'threads']],
};
const PARENT_WORDS: Record<ParentTable, string> = { forums: 'forum', boards: 'board', threads: 'thread' };
const OWN_WRITING: ReadonlySet<LibraryTable> = new Set(['drafts', 'outbox']);

export interface LibraryRow {
  table: LibraryTable;
  row: Record<string, unknown>;
  line: number;
}

/** A draft or queued reply in the file whose forum or thread exists nowhere. */
export class OrphanWritingError extends Error {}

const keyOf = (parent: ParentTable, id: unknown) => `${parent}\u0000${String(id)}`;

export class LibraryReferences {
  /** Forums, boards and threads the file defines, with the parents each of them names. */
  private readonly defined = new Map<string, string[]>();
  private readonly referenced = new Set<string>();
  private readonly ownWriting: Array<{ table: LibraryTable; line: number; parents: string[] }> = [];
  private missing: ReadonlySet<string> = new Set();

  /** First pass: notes what each row defines and what it points at. */
  note({ table, row, line }: LibraryRow): void {
    const parents = parentsOf(table, row);
    for (const parent of parents) this.referenced.add(parent);
    if (table === 'forums' || table === 'boards' || table === 'threads') this.defined.set(keyOf(table, row.id), parents);
    if (OWN_WRITING.has(table)) this.ownWriting.push({ table, line, parents });
  }

  /** After the first pass: finds the parents that exist nowhere; throws OrphanWritingError for the person's own writing. */
  async resolve(db: ReaderDb): Promise<void> {
    const unknown = [...this.referenced].filter((key) => !this.defined.has(key));
    const stored = await storedKeys(db, [...unknown, ...this.defined.keys()]);
    const missing = new Set(unknown.filter((key) => !stored.has(key)));
    // A board of a missing forum, and a thread of a missing board, are missing too, unless stored.
    for (let grew = true; grew; ) {
      grew = false;
      for (const [key, parents] of this.defined) {
        if (!missing.has(key) && !stored.has(key) && parents.some((parent) => missing.has(parent))) {
          missing.add(key);
          grew = true;
        }
      }
    }
    this.missing = missing;
    const orphan = this.ownWriting.find((entry) => entry.parents.some((parent) => missing.has(parent)));
    if (orphan) {
      const parent = orphan.parents.find((key) => missing.has(key))!;
      const word = PARENT_WORDS[parent.split('\u0000')[0] as ParentTable];
      throw new OrphanWritingError(
        `The library file has a ${TABLE_WORDS[orphan.table][0]} at line ${orphan.line.toLocaleString('en')} whose ${word} is in neither the file nor this library, so it could never be shown or sent. Add its forum and sync it, then import again.`,
      );
    }
  }

  /** Second pass: whether this row points at a forum, board or thread that exists nowhere. */
  isOrphan({ table, row }: LibraryRow): boolean {
    return this.missing.size > 0 && parentsOf(table, row).some((parent) => this.missing.has(parent));
  }
}

function parentsOf(table: LibraryTable, row: Record<string, unknown>): string[] {
  return (PARENT_FIELDS[table] ?? []).map(([field, parent]) => keyOf(parent, row[field]));
}

async function storedKeys(db: ReaderDb, keys: string[]): Promise<Set<string>> {
  const stored = new Set<string>();
  for (const parent of ['forums', 'boards', 'threads'] as const) {
    const ids = keys.filter((key) => key.startsWith(`${parent}\u0000`)).map((key) => key.slice(parent.length + 1));
    const rows = await db.table(parent).bulkGet(ids);
    ids.forEach((id, index) => rows[index] !== undefined && stored.add(keyOf(parent, id)));
  }
  return stored;
}
