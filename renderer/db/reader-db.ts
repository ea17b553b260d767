// The one source of truth for user data. Every schema version stays listed, in order; each
// upgrade has a test that opens a database written by the version before it.
import Dexie, { type EntityTable } from 'dexie';
import type { Board, BoardCursor, Forum, Post, Thread, ThreadCursor } from '../../shared/model';

export interface ForumRow extends Forum {
  lastSyncedAt: string | null;
  lastSyncError: string | null;
}

export interface BoardRow extends Board {
  followed: boolean;
  /** Most recently active threads kept offline. */
  threadLimit: number;
}

export interface ThreadRow extends Thread {
  /** Kept as posts are committed: counting a 10,000-post thread in IndexedDB is too slow for a list. */
  storedPostCount: number;
}

export type PostRow = Post;

export interface SettingRow {
  key: string;
  value: unknown;
}

export class ReaderDb extends Dexie {
  forums!: EntityTable<ForumRow, 'id'>;
  boards!: EntityTable<BoardRow, 'id'>;
  threads!: EntityTable<ThreadRow, 'id'>;
  posts!: EntityTable<PostRow, 'id'>;
  threadCursors!: EntityTable<ThreadCursor, 'threadId'>;
  boardCursors!: EntityTable<BoardCursor, 'boardId'>;
  settings!: EntityTable<SettingRow, 'key'>;

  constructor(name = 'forum-reader', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      forums: 'id',
      boards: 'id, forumId',
      // [boardId+bumpedAt]: a board's threads by activity, newest first.
      threads: 'id, forumId, [boardId+bumpedAt]',
      // [threadId+postNumber]: a thread's posts in order, and any window of them.
      posts: 'id, forumId, [threadId+postNumber]',
      threadCursors: 'threadId',
      boardCursors: 'boardId',
      settings: 'key',
    });
  }
}
