// The library file: everything the person made and stored, as newline-delimited JSON, so it can
// be written and read a line at a time however large the library is.
//
//   {"format":"forum-reader-library","formatVersion":2,"schemaVersion":3,"exportedAt":"…","tables":[…]}
//   {"table":"forums","row":{…}}
//   …one line per row…
//   {"end":true,"counts":{"forums":1,"posts":50000,…}}
//
// The closing line's counts tell a complete file from one cut short. Rows are read back through
// the schemas below: the required fields of each row are checked, fields a newer version added
// are kept as they are.
//
// Pictures are in the file only when the person chose to include them: one line per picture with
// its bytes in base64 (`images`), and the posts' uses of them (`imageUses`). Such a file is format
// version 2; one without pictures is written as version 1, which every version reads.
import * as v from 'valibot';
import { FORUM_PROTOCOLS, PostSchema } from '../../../shared/model';
import { MAX_IMAGE_BYTES } from '../../../shared/api';
import type { ReaderDb } from '../../db/reader-db';

export const LIBRARY_FORMAT = 'forum-reader-library';
/** The newest format this version reads and writes: 2 adds pictures. */
export const LIBRARY_FORMAT_VERSION = 2;
export const FORMAT_VERSION_WITHOUT_PICTURES = 1;

/**
 * The tables a library holds, in the order they are written. Cursors come before the posts they
 * vouch for: the export reads table by table while sync may be committing, and a cursor read
 * first never promises posts that are missing from the file (posts only grow between the reads).
 */
export const LIBRARY_TABLES = [
  'forums',
  'boards',
  'threadCursors',
  'boardCursors',
  'threads',
  'posts',
  'readMarks',
  'bookmarks',
  'highlights',
  'drafts',
  'outbox',
  'settings',
  'syncLog',
  'images',
  'imageUses',
] as const satisfies readonly (keyof ReaderDb)[];
export type LibraryTable = (typeof LIBRARY_TABLES)[number];

/** The tables written only when the export includes pictures. */
export const PICTURE_TABLES: ReadonlySet<LibraryTable> = new Set(['images', 'imageUses']);

/** Tables rebuilt from the others (the search index), so not worth a byte of the file. */
export const DERIVED_TABLES = ['searchSegments', 'searchQueue'] as const;

const text = v.string();
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const nullableText = v.nullable(v.string());
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(4096));

const row = <T extends v.ObjectEntries>(entries: T) => v.looseObject(entries);

const ForumRow = row({ id, name: text, baseUrl: text, protocol: v.picklist(FORUM_PROTOCOLS), isSample: v.boolean(), addedAt: text, lastSyncedAt: nullableText, lastSyncError: nullableText });
const BoardRow = row({ id, forumId: id, remoteId: v.number(), name: text, slug: text, description: text, position: v.number(), parentId: v.nullable(text), threadCount: v.number(), followed: v.boolean(), threadLimit: count });
const ThreadCursorRow = row({ threadId: id, highestPostNumber: v.number(), postsCount: v.number(), lastPostedAt: text });
const BoardCursorRow = row({ boardId: id, watermark: text });
const ThreadRow = row({
  id,
  forumId: id,
  boardId: id,
  remoteId: v.number(),
  title: text,
  slug: text,
  authorUsername: text,
  createdAt: text,
  lastPostedAt: text,
  bumpedAt: text,
  postsCount: v.number(),
  highestPostNumber: v.number(),
  pinned: v.boolean(),
  closed: v.boolean(),
  storedPostCount: count,
  unreadCount: count,
});
const PostRow = row({
  id,
  forumId: id,
  threadId: id,
  remoteId: v.number(),
  postNumber: v.number(),
  username: text,
  displayName: text,
  avatarUrl: nullableText,
  createdAt: text,
  updatedAt: text,
  version: v.number(),
  html: text,
  // How the body is written decides whether it is read as HTML: checked, as the model declares it.
  bodyFormat: PostSchema.entries.bodyFormat,
  remoteKey: PostSchema.entries.remoteKey,
  replyToPostNumber: v.nullable(v.number()),
  hidden: v.boolean(),
  deleted: v.boolean(),
});
const ReadMarkRow = row({ postId: id, threadId: id, readAt: text });
const tags = v.array(v.string());
const BookmarkRow = row({ id, postId: id, threadId: id, forumId: id, note: text, tags, createdAt: text, postVersion: v.number(), postHtml: text });
const HighlightRow = row({ id, postId: id, threadId: id, forumId: id, exact: text, prefix: text, suffix: text, note: text, tags, createdAt: text });
const DraftRow = row({ id, forumId: id, threadId: id, replyToPostNumber: v.nullable(v.number()), text, createdAt: text, updatedAt: text, seenHighestPostNumber: v.number() });
const OutboxRow = row({
  id,
  draftId: text,
  forumId: id,
  threadId: id,
  replyToPostNumber: v.nullable(v.number()),
  text,
  state: v.picklist(['queued', 'sending', 'sent', 'awaiting-approval', 'waiting-to-retry', 'needs-attention']),
  attempts: count,
  nextAttemptAt: nullableText,
  lastError: nullableText,
  queuedAt: text,
  remotePostId: v.nullable(v.number()),
});
const SettingRow = row({ key: id, value: v.unknown() });
const SyncLogRow = row({
  id: v.optional(v.number()),
  forumId: text,
  runId: text,
  startedAt: text,
  finishedAt: text,
  status: text,
  threadsChanged: v.number(),
  postsFetched: v.number(),
  requests: v.number(),
  serverWaitMs: v.number(),
  errors: v.array(v.string()),
});

const sha256 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex'));
const pixels = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000));
/** Base64 of at most MAX_IMAGE_BYTES: four characters for every three bytes. */
export const MAX_PICTURE_BASE64_CHARS = Math.ceil(MAX_IMAGE_BYTES / 3) * 4;
const PictureRow = row({
  hash: sha256,
  bytes: v.pipe(v.string(), v.maxLength(MAX_PICTURE_BASE64_CHARS, 'the picture is larger than the 10 MB a picture may be'), v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64')),
  mime: v.picklist(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']),
  width: pixels,
  height: pixels,
  byteLength: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_IMAGE_BYTES)),
  forumIds: v.pipe(v.array(id), v.minLength(1), v.maxLength(1000)),
  storedAt: text,
});
const PictureUseRow = row({
  postId: id,
  url: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)),
  threadId: id,
  forumId: id,
  hash: v.optional(sha256),
  failure: v.optional(v.object({ code: v.pipe(v.string(), v.maxLength(100)), message: v.pipe(v.string(), v.maxLength(1000)) })),
  at: text,
});

export const ROW_SCHEMAS = {
  forums: ForumRow,
  boards: BoardRow,
  threadCursors: ThreadCursorRow,
  boardCursors: BoardCursorRow,
  threads: ThreadRow,
  posts: PostRow,
  readMarks: ReadMarkRow,
  bookmarks: BookmarkRow,
  highlights: HighlightRow,
  drafts: DraftRow,
  outbox: OutboxRow,
  settings: SettingRow,
  syncLog: SyncLogRow,
  images: PictureRow,
  imageUses: PictureUseRow,
} satisfies Record<LibraryTable, v.GenericSchema>;

export const LibraryHeaderSchema = v.looseObject({
  format: v.literal(LIBRARY_FORMAT),
  formatVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  schemaVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  exportedAt: v.string(),
  tables: v.array(v.string()),
});
export type LibraryHeader = v.InferOutput<typeof LibraryHeaderSchema>;

export const LibraryRowLineSchema = v.object({ table: v.picklist(LIBRARY_TABLES), row: v.record(v.string(), v.unknown()) });

export const LibraryEndSchema = v.object({
  end: v.literal(true),
  counts: v.record(v.string(), count),
});

export type TableCounts = Record<LibraryTable, number>;

/** What an import did with the file's rows, table by table (merge-library-rows.ts). */
export interface MergeTally {
  added: TableCounts;
  replaced: TableCounts;
  kept: TableCounts;
  /** Threads whose stored and unread counts must be worked out again once every row is in. */
  touchedThreads: Set<string>;
  /** Sync runs already logged here, by run id (the log's own ids differ between profiles). */
  loggedRuns: Set<string> | null;
}

export const zeroCounts = (): TableCounts => Object.fromEntries(LIBRARY_TABLES.map((table) => [table, 0])) as TableCounts;

/** What a person calls each table, for messages ("50,000 posts, 12 bookmarks"). */
export const TABLE_WORDS: Record<LibraryTable, [singular: string, plural: string]> = {
  forums: ['forum', 'forums'],
  boards: ['board', 'boards'],
  threadCursors: ['thread sync point', 'thread sync points'],
  boardCursors: ['board sync point', 'board sync points'],
  threads: ['thread', 'threads'],
  posts: ['post', 'posts'],
  readMarks: ['read mark', 'read marks'],
  bookmarks: ['bookmark', 'bookmarks'],
  highlights: ['highlight', 'highlights'],
  drafts: ['draft', 'drafts'],
  outbox: ['queued reply', 'queued replies'],
  settings: ['setting', 'settings'],
  syncLog: ['sync log entry', 'sync log entries'],
  images: ['picture', 'pictures'],
  imageUses: ['picture of a post', 'pictures of posts'],
};

/** "50,000 posts, 12 bookmarks and 3 drafts": the tables a person cares about, those with rows. */
export function describeCounts(counts: Partial<TableCounts>): string {
  const shown: LibraryTable[] = ['forums', 'threads', 'posts', 'readMarks', 'bookmarks', 'highlights', 'drafts', 'outbox', 'images'];
  const parts = shown
    .filter((table) => (counts[table] ?? 0) > 0)
    .map((table) => {
      const n = counts[table] ?? 0;
      return `${n.toLocaleString('en')} ${TABLE_WORDS[table][n === 1 ? 0 : 1]}`;
    });
  if (parts.length === 0) return 'nothing';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
