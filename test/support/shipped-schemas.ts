// The reader's database schemas exactly as each version shipped, so upgrade tests keep opening
// what real users have on disk (renderer/db/reader-db.ts declares the versions in force).
export const SHIPPED_V1 = {
  forums: 'id',
  boards: 'id, forumId',
  threads: 'id, forumId, [boardId+bumpedAt]',
  posts: 'id, forumId, [threadId+postNumber]',
  threadCursors: 'threadId',
  boardCursors: 'boardId',
  settings: 'key',
  readMarks: 'postId, threadId',
  bookmarks: 'id, &postId, threadId, forumId, createdAt, *tags',
  highlights: 'id, postId, threadId, forumId, createdAt, *tags',
  drafts: 'id, threadId, updatedAt',
  outbox: 'id, state, threadId, forumId',
  syncLog: '++id, forumId, startedAt',
};

export const SHIPPED_V2 = { ...SHIPPED_V1, searchSegments: '++id', searchQueue: 'postId' };
