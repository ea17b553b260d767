// Reads of bookmarks and highlights, for the post actions, the Bookmarks view and the exports.

import type { BoardRow, BookmarkRow, ForumRow, HighlightRow, PostRow, ReaderDb, ThreadRow } from '../../db/reader-db';

/** The bookmark or highlight a note editor is open on; undefined once it is gone. */
export const annotationOf = (db: ReaderDb, target: { kind: 'bookmark' | 'highlight'; id: string }): Promise<BookmarkRow | HighlightRow | undefined> =>
  target.kind === 'bookmark' ? db.bookmarks.get(target.id) : db.highlights.get(target.id);

/** A thread's bookmarks by post: the posts on screen share one read (renderer/db/shared-live-query). */
export async function bookmarksOfThread(db: ReaderDb, threadId: string): Promise<Map<string, BookmarkRow>> {
  const rows = await db.bookmarks.where('threadId').equals(threadId).toArray();
  return new Map(rows.map((row) => [row.postId, row]));
}

/** A thread's highlights by post, oldest first within each post. */
export async function highlightsOfThread(db: ReaderDb, threadId: string): Promise<Map<string, HighlightRow[]>> {
  const rows = await db.highlights.where('threadId').equals(threadId).sortBy('createdAt');
  const byPost = new Map<string, HighlightRow[]>();
  for (const row of rows) {
    const list = byPost.get(row.postId);
    if (list) list.push(row);
    else byPost.set(row.postId, [row]);
  }
  return byPost;
}

/** Where an annotation lives; any part may be gone (a post deleted on the server, a forum removed). */
export interface AnnotationPlace {
  post: PostRow | undefined;
  thread: ThreadRow | undefined;
  board: BoardRow | undefined;
  forum: ForumRow | undefined;
}

export type AnnotationItem =
  | ({ kind: 'bookmark'; row: BookmarkRow } & AnnotationPlace)
  | ({ kind: 'highlight'; row: HighlightRow } & AnnotationPlace);

/** Every bookmark and highlight with its post, thread, board and forum, newest first. */
export async function annotationsNewestFirst(db: ReaderDb): Promise<AnnotationItem[]> {
  return db.transaction('r', [db.bookmarks, db.highlights, db.posts, db.threads, db.boards, db.forums], async () => {
    const [bookmarks, highlights] = await Promise.all([db.bookmarks.toArray(), db.highlights.toArray()]);
    const rows = [...bookmarks, ...highlights];
    const postIds = [...new Set(rows.map((row) => row.postId))];
    const threadIds = [...new Set(rows.map((row) => row.threadId))];
    const [posts, threads, forums] = await Promise.all([db.posts.bulkGet(postIds), db.threads.bulkGet(threadIds), db.forums.toArray()]);
    const boardIds = [...new Set(threads.flatMap((thread) => (thread ? [thread.boardId] : [])))];
    const boards = await db.boards.bulkGet(boardIds);
    const postById = byId(posts);
    const threadById = byId(threads);
    const boardById = byId(boards);
    const forumById = byId(forums);
    const placeOf = (row: BookmarkRow | HighlightRow): AnnotationPlace => {
      const thread = threadById.get(row.threadId);
      return { post: postById.get(row.postId), thread, board: thread && boardById.get(thread.boardId), forum: forumById.get(row.forumId) };
    };
    const items: AnnotationItem[] = [
      ...bookmarks.map((row) => ({ kind: 'bookmark' as const, row, ...placeOf(row) })),
      ...highlights.map((row) => ({ kind: 'highlight' as const, row, ...placeOf(row) })),
    ];
    return items.sort((a, b) => b.row.createdAt.localeCompare(a.row.createdAt) || a.row.id.localeCompare(b.row.id));
  });
}

function byId<T extends { id: string }>(rows: readonly (T | undefined)[]): Map<string, T> {
  return new Map(rows.flatMap((row) => (row ? [[row.id, row] as const] : [])));
}

/** The post number and author of an annotation, from the post or, once it is gone, from the copy kept. */
export function postLabelOf(item: AnnotationItem): { postNumber: number | undefined; username: string | undefined } {
  return { postNumber: item.post?.postNumber ?? item.row.postNumber, username: item.post?.username ?? item.row.username };
}

/**
 * The post's address on its forum, as Discourse links posts: /t/{slug}/{topic id}/{post number};
 * a newsgroup article's is its Message-ID as a news: URI (RFC 5538 §2.2), while the post is stored.
 */
export function postUrlOf(item: AnnotationItem): string | null {
  const { postNumber } = postLabelOf(item);
  if (item.forum?.protocol === 'nntp') return item.post?.remoteKey ? `news:${item.post.remoteKey.slice(1, -1)}` : null;
  if (!item.forum || !item.thread || postNumber === undefined) return null;
  return `${item.forum.baseUrl.replace(/\/+$/, '')}/t/${item.thread.slug}/${item.thread.remoteId}/${postNumber}`;
}

export type PostState = 'current' | 'edited' | 'deleted' | 'not-stored';

/**
 * What became of an annotation's post: as it was, edited on the server since it was bookmarked
 * (bookmarks only: a highlight follows its passage instead), deleted on the server (its thread
 * is stored without it), or not stored in this profile at all (an import from elsewhere).
 */
export function postStateOf(item: AnnotationItem): PostState {
  const { post } = item;
  if (post && !post.deleted) return item.kind === 'bookmark' && post.version > item.row.postVersion ? 'edited' : 'current';
  return post || item.thread ? 'deleted' : 'not-stored';
}
