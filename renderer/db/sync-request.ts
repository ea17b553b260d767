// What a sync run starts from: the forum's followed boards and threads with the cursors each has
// reached and the posts already stored, read from the database for main to plan the run.
import Dexie from 'dexie';
import { MAX_IMAGE_RETRY_HTML, MAX_IMAGE_RETRY_HTML_TOTAL, MAX_IMAGE_RETRY_POSTS, type SyncRequest } from '../../shared/api';
import { threadIdFor, type Thread, type ThreadCursor } from '../../shared/model';
import type { ReaderDb, ThreadRow } from './reader-db';
import { postsToCatchUpPictures, postsToRetryPictures } from './image-queries';
import { getSetting, keepImagesSetting, newsSyncSetting, picturesCaughtUpSetting, postLimitsSetting } from './settings';

export interface SyncScope {
  /** Topic ids to pass in full, re-reading every post (edits, deletions). */
  refresh?: number[];
  /** Pass only the `refresh` threads, not the followed categories. */
  threadsOnly?: boolean;
}

export async function buildSyncRequest(db: ReaderDb, forumId: string, scope: SyncScope = {}): Promise<SyncRequest> {
  return (await planSyncRequest(db, forumId, scope)).request;
}

/**
 * The request, and how far it takes the forum's stored posts whose pictures were never tried: a
 * run that completes records it (picturesCaughtUpSetting); one that does not leaves them for the next.
 */
export async function planSyncRequest(db: ReaderDb, forumId: string, scope: SyncScope = {}): Promise<{ request: SyncRequest; picturesThrough: string | null }> {
  const forum = await db.forums.get(forumId);
  if (!forum) throw new Error(`No forum ${forumId}.`);
  const refresh = scope.refresh ?? [];
  const threadsOnly = scope.threadsOnly === true;
  const allBoards = threadsOnly ? [] : await db.boards.where('forumId').equals(forumId).toArray();
  const boards = allBoards.filter((board) => board.followed);
  const threadIds = refresh.map((remoteId) => threadIdFor(forumId, remoteId));
  // Read side by side: with thousands of threads these reads are most of a run with nothing new.
  const [cursors, threads, cursorRows] = await Promise.all([
    db.boardCursors.bulkGet(boards.map((board) => board.id)),
    threadsOnly ? db.threads.bulkGet(threadIds).then((rows) => rows.filter((row) => row !== undefined)) : db.threads.where('forumId').equals(forumId).toArray(),
    threadsOnly ? db.threadCursors.bulkGet(threadIds) : db.threadCursors.where('threadId').startsWith(`${forumId}/t/`).toArray(), // threadIdFor's keys
  ]);
  const cursorOf = new Map(cursorRows.filter((row) => row !== undefined).map((row) => [row.threadId, row]));
  const threadCursors = threads.map((thread) => cursorOf.get(thread.id));
  const [stored, limits, keepImages, news] = await Promise.all([
    storedPosts(db, threads, threadCursors),
    getSetting(db, postLimitsSetting(forumId)),
    getSetting(db, keepImagesSetting(forumId)),
    forum.protocol === 'nntp' ? getSetting(db, newsSyncSetting(forumId)) : null,
  ]);
  const pictures = keepImages ? await picturesToFetch(db, forumId, !threadsOnly) : { posts: [], through: null };
  const request: SyncRequest = {
    forumId,
    baseUrl: forum.baseUrl,
    boards: boards.map((board, i) => ({
      boardId: board.id,
      remoteId: board.remoteId,
      slug: board.slug,
      threadLimit: board.threadLimit,
      watermark: cursors[i]?.watermark ?? null,
      childRemoteIds: allBoards.filter((child) => child.parentId === board.id).map((child) => child.remoteId),
    })),
    threads: threadsOnly ? [] : (forum.followedThreadIds ?? []).map((remoteId) => ({ boardId: null, remoteId })),
    // A thread never completed still reports the posts it has, so a resumed run skips them.
    known: threads
      .map((thread, i) => {
        const { ids = [], through } = stored.get(thread.id) ?? {};
        return {
          remoteId: thread.remoteId,
          highestPostNumber: threadCursors[i]?.highestPostNumber ?? -1,
          postsCount: threadCursors[i]?.postsCount ?? -1,
          lastPostedAt: threadCursors[i]?.lastPostedAt ?? '',
          postIds: ids,
          ...(through !== undefined && { storedThrough: through }),
          // A news run writes a thread's row whole and cannot ask the server for its start again.
          ...(news && { thread: newsThreadFields(thread) }),
        };
      })
      .filter((known) => known.highestPostNumber >= 0 || known.postIds.length > 0),
    refresh,
    ...(forum.requestsPerMinute !== undefined && { requestsPerMinute: forum.requestsPerMinute }),
    maxPostsPerThread: limits.perThread,
    maxPostsPerRun: limits.perRun,
    ...(news && { firstSyncArticles: news.firstSyncArticles, newsConnections: news.connections }),
    keepImages,
    ...(keepImages && { retryImagesOf: pictures.posts }),
  };
  return { request, picturesThrough: pictures.through };
}

/**
 * Stored posts whose pictures this run fetches: those to try again first, then (in a whole-forum
 * run, not a Refresh thread) those never tried, in the room MAX_IMAGE_RETRY_POSTS leaves.
 */
async function picturesToFetch(db: ReaderDb, forumId: string, catchUp: boolean): Promise<{ posts: NonNullable<SyncRequest['retryImagesOf']>; through: string | null }> {
  const retry: NonNullable<SyncRequest['retryImagesOf']> = [];
  let chars = MAX_IMAGE_RETRY_HTML_TOTAL;
  for (const post of await postsToRetryPictures(db, forumId)) {
    if (post.html.length > Math.min(chars, MAX_IMAGE_RETRY_HTML)) continue;
    retry.push(post);
    chars -= post.html.length;
  }
  if (!catchUp) return { posts: retry, through: null };
  const retried = new Set(retry.map((post) => post.id));
  const after = await getSetting(db, picturesCaughtUpSetting(forumId));
  const never = await postsToCatchUpPictures(db, forumId, after, { posts: MAX_IMAGE_RETRY_POSTS - retry.length, chars });
  return { posts: [...retry, ...never.posts.filter((post) => !retried.has(post.id))], through: never.through };
}

/** What a news run must know of a stored thread to write its row whole (SyncRequest known[].thread). */
export function newsThreadFields(thread: Thread): NonNullable<SyncRequest['known'][number]['thread']> {
  return {
    boardId: thread.boardId,
    title: thread.title,
    authorUsername: thread.authorUsername,
    createdAt: thread.createdAt,
    ...(thread.alsoInBoardIds && { alsoInBoardIds: thread.alsoInBoardIds }),
  };
}

/**
 * The forum's ids of each thread's stored posts. A completed pass leaves them in its cursor; when
 * the stored count says a later, unfinished pass added some, the thread's posts are read instead,
 * with the highest post number among them.
 */
async function storedPosts(db: ReaderDb, threads: ThreadRow[], cursors: Array<ThreadCursor | undefined>): Promise<Map<string, { ids: number[]; through?: number }>> {
  const byThread = new Map<string, { ids: number[]; through?: number }>();
  await Promise.all(
    threads.map(async (thread, i) => {
      const fromCursor = cursors[i]?.postIds;
      if (fromCursor && fromCursor.length === thread.storedPostCount) {
        byThread.set(thread.id, { ids: fromCursor });
        return;
      }
      if (thread.storedPostCount === 0 && !cursors[i]) return;
      const inThread = () => db.posts.where('[threadId+postNumber]').between([thread.id, Dexie.minKey], [thread.id, Dexie.maxKey]);
      const [keys, last] = await Promise.all([inThread().primaryKeys(), inThread().last()]);
      byThread.set(thread.id, { ids: keys.map((key) => remotePostId(String(key))), ...(last && { through: last.postNumber }) });
    }),
  );
  return byThread;
}

/** Post ids are `${forumId}/p/${remoteId}` (shared/model.ts postIdFor). */
const remotePostId = (id: string) => Number(id.slice(id.lastIndexOf('/') + 1));
