// A library with something in every table, of any size: the backup tests and bench fill a
// database with it, export, import elsewhere and compare.
import type {
  BoardRow,
  BookmarkRow,
  DraftRow,
  ForumRow,
  HighlightRow,
  OutboxRow,
  PostRow,
  ReadMarkRow,
  ReaderDb,
  SyncLogRow,
  ThreadRow,
} from '../../renderer/db/reader-db';
import { LIBRARY_TABLES, type LibraryTable } from '../../renderer/features/backup/library-format';
import { boardIdFor, postIdFor, threadIdFor } from '../../shared/model';

export interface LibraryShape {
  forumId?: string;
  threads: number;
  postsPerThread: number;
  /** Characters of HTML per post (a typical forum post is about 1 KB). */
  postChars?: number;
  /** Every n-th post is read (1: all, 0: none). */
  readEvery?: number;
  /** Seeds the varying parts, so two libraries of one shape can differ. */
  seed?: number;
}

const WRITE_ROWS = 2000;

async function putInChunks<T>(table: { bulkPut(rows: T[]): Promise<unknown> }, rows: Iterable<T>): Promise<void> {
  let chunk: T[] = [];
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length >= WRITE_ROWS) {
      await table.bulkPut(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) await table.bulkPut(chunk);
}

const at = (minutes: number) => new Date(Date.UTC(2024, 0, 1) + minutes * 60_000).toISOString();

/** Fills `db` with one forum of `threads` threads of `postsPerThread` posts, plus the person's own data. */
export async function seedLibrary(db: ReaderDb, shape: LibraryShape): Promise<{ posts: number }> {
  const forumId = shape.forumId ?? 'forum.example.org';
  const postChars = shape.postChars ?? 1000;
  const readEvery = shape.readEvery ?? 2;
  const seed = shape.seed ?? 0;
  const boardId = boardIdFor(forumId, 5);
  const filler = 'Lorem ipsum dolor sit amet, “Red Shoes” – ünïcödé ✓. '.repeat(Math.ceil(postChars / 50)).slice(0, postChars);

  const forum: ForumRow = { id: forumId, name: `Forum ${forumId}`, baseUrl: `https://${forumId}`, protocol: 'discourse', isSample: false, addedAt: at(0), lastSyncedAt: at(5), lastSyncError: null };
  const board: BoardRow = { id: boardId, forumId, remoteId: 5, name: 'Films', slug: 'films', description: 'About films', position: 0, parentId: null, threadCount: shape.threads, followed: true, threadLimit: 100 };
  await db.forums.put(forum);
  await db.boards.put(board);
  await db.boardCursors.put({ boardId, watermark: at(shape.threads) });

  const threads: ThreadRow[] = [];
  for (let t = 1; t <= shape.threads; t += 1) {
    const readCount = readEvery === 0 ? 0 : Math.ceil(shape.postsPerThread / readEvery);
    threads.push({
      id: threadIdFor(forumId, t),
      forumId,
      boardId,
      remoteId: t,
      title: `Thread ${t}: favourite scenes`,
      slug: `thread-${t}`,
      authorUsername: `user${t % 17}`,
      createdAt: at(t),
      lastPostedAt: at(t + shape.postsPerThread),
      bumpedAt: at(t + shape.postsPerThread),
      postsCount: shape.postsPerThread,
      highestPostNumber: shape.postsPerThread,
      pinned: t === 1,
      closed: false,
      storedPostCount: shape.postsPerThread,
      unreadCount: shape.postsPerThread - readCount,
    });
  }
  await putInChunks(db.threads, threads);
  await putInChunks(
    db.threadCursors,
    threads.map((thread) => ({ threadId: thread.id, highestPostNumber: thread.highestPostNumber, postsCount: thread.postsCount, lastPostedAt: thread.lastPostedAt })),
  );

  function* posts(): Generator<PostRow> {
    for (let t = 1; t <= shape.threads; t += 1) {
      for (let n = 1; n <= shape.postsPerThread; n += 1) {
        const remoteId = (t - 1) * shape.postsPerThread + n;
        yield {
          id: postIdFor(forumId, remoteId),
          forumId,
          threadId: threadIdFor(forumId, t),
          remoteId,
          postNumber: n,
          username: `user${(remoteId + seed) % 23}`,
          displayName: `User ${(remoteId + seed) % 23}`,
          avatarUrl: n % 3 === 0 ? null : `https://${forumId}/avatar/${remoteId}.png`,
          createdAt: at(t + n),
          updatedAt: at(t + n),
          version: 1 + (n % 2),
          html: `<p>Post ${remoteId}. ${filler}</p>`,
          replyToPostNumber: n > 1 && n % 4 === 0 ? n - 1 : null,
          hidden: false,
          deleted: false,
        };
      }
    }
  }
  await putInChunks(db.posts, posts());

  function* readMarks(): Generator<ReadMarkRow> {
    if (readEvery === 0) return;
    for (let t = 1; t <= shape.threads; t += 1) {
      for (let n = 1; n <= shape.postsPerThread; n += readEvery) {
        yield { postId: postIdFor(forumId, (t - 1) * shape.postsPerThread + n), threadId: threadIdFor(forumId, t), readAt: at(t + n + 1) };
      }
    }
  }
  await putInChunks(db.readMarks, readMarks());

  const firstThread = threadIdFor(forumId, 1);
  const bookmarks: BookmarkRow[] = [1, 2, 3].map((n) => ({
    id: `bookmark-${seed}-${n}`,
    postId: postIdFor(forumId, n),
    threadId: firstThread,
    forumId,
    note: n === 1 ? 'The ballet, of course' : '',
    tags: n === 2 ? ['ballet', 'favourite'] : [],
    createdAt: at(100 + n),
    postVersion: 1,
    postHtml: `<p>Post ${n} as it was</p>`,
    postNumber: n,
    username: `user${n}`,
  }));
  await db.bookmarks.bulkPut(bookmarks);
  const highlights: HighlightRow[] = [
    { id: `highlight-${seed}-1`, postId: postIdFor(forumId, 1), threadId: firstThread, forumId, exact: 'Red Shoes', prefix: 'ipsum dolor sit amet, “', suffix: '” – ünïcödé', note: 'the title', tags: ['title'], createdAt: at(200) },
  ];
  await db.highlights.bulkPut(highlights);
  const draft: DraftRow = { id: `draft-${seed}`, forumId, threadId: firstThread, replyToPostNumber: 2, text: 'I agree, the ballet sequence…', createdAt: at(300), updatedAt: at(301), seenHighestPostNumber: shape.postsPerThread };
  await db.drafts.put(draft);
  const outbox: OutboxRow = {
    id: `client-${seed}`,
    draftId: `draft-${seed}-sent`,
    forumId,
    threadId: firstThread,
    replyToPostNumber: null,
    text: 'Queued while offline.',
    state: 'queued',
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    queuedAt: at(400),
    remotePostId: null,
  };
  await db.outbox.put(outbox);
  await db.settings.bulkPut([
    { key: 'theme', value: 'dark' },
    { key: 'textSize', value: 18 },
    { key: 'paneLayout', value: { forumsWidth: 300, threadsWidth: 400 } },
  ]);
  const log: SyncLogRow = { forumId, runId: `run-${seed}`, startedAt: at(4), finishedAt: at(5), status: 'completed', threadsChanged: shape.threads, postsFetched: shape.threads * shape.postsPerThread, requests: 12, serverWaitMs: 340, errors: [] };
  await db.syncLog.add(log);
  return { posts: shape.threads * shape.postsPerThread };
}

/** Every row of every library table, in key order; the sync log without its local ids. */
export async function dumpLibrary(db: ReaderDb): Promise<Record<LibraryTable, unknown[]>> {
  const dump = {} as Record<LibraryTable, unknown[]>;
  for (const table of LIBRARY_TABLES) {
    const rows = (await db.table(table).toArray()) as Record<string, unknown>[];
    dump[table] =
      table === 'syncLog' ? rows.map(({ id: _id, ...row }) => row).sort((a, b) => String(a.runId).localeCompare(String(b.runId))) : rows;
  }
  return dump;
}

/** A sink that keeps the chunks, as a download built from parts would. */
export function memorySink() {
  const chunks: string[] = [];
  let state: 'open' | 'closed' | 'aborted' = 'open';
  return {
    chunks,
    get state() {
      return state;
    },
    text: () => chunks.join(''),
    file: () => new Blob(chunks),
    sink: {
      write: async (chunk: string) => {
        chunks.push(chunk);
      },
      close: async () => {
        state = 'closed';
      },
      abort: async () => {
        state = 'aborted';
      },
    },
  };
}
