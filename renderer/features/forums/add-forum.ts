import type { ForumProbe } from '../../../shared/api';
import type { ReaderDb } from '../../db/reader-db';
import { setKeepImages } from '../../db/settings';

export const DEFAULT_THREAD_LIMIT = 100;

/** The boards kept offline with one ticked or unticked. */
export function withToggled(followed: ReadonlySet<string>, boardId: string): ReadonlySet<string> {
  const next = new Set(followed);
  if (next.has(boardId)) next.delete(boardId);
  else next.add(boardId);
  return next;
}

export interface ForumChoice {
  /** Categories kept offline whole (their most recently active threads). */
  followedBoardIds: ReadonlySet<string>;
  threadLimit?: number;
  /** Topic ids kept offline on their own. */
  followedThreadIds?: number[];
  /** "Keep images offline"; absent leaves the forum's setting as it is. */
  keepImages?: boolean;
}

/**
 * Stores a probed forum and what the person chose to keep offline. Adding a forum again keeps
 * its sync state and changes only the choice.
 */
export async function addForum(db: ReaderDb, probe: ForumProbe, choice: ForumChoice, isSample = false): Promise<void> {
  const threadLimit = choice.threadLimit ?? DEFAULT_THREAD_LIMIT;
  await db.transaction('rw', [db.forums, db.boards, db.settings], async () => {
    if (choice.keepImages !== undefined) await setKeepImages(db, probe.forumId, choice.keepImages);
    const existing = await db.forums.get(probe.forumId);
    await db.forums.put({
      id: probe.forumId,
      name: probe.title,
      baseUrl: probe.baseUrl,
      protocol: probe.protocol,
      isSample,
      addedAt: existing?.addedAt ?? new Date().toISOString(),
      lastSyncedAt: existing?.lastSyncedAt ?? null,
      lastSyncError: existing?.lastSyncError ?? null,
      ...(existing?.requestsPerMinute !== undefined && { requestsPerMinute: existing.requestsPerMinute }),
      followedThreadIds: [...new Set(choice.followedThreadIds ?? [])],
    });
    const before = new Map((await db.boards.bulkGet(probe.boards.map((board) => board.id))).filter((row) => row !== undefined).map((row) => [row.id, row]));
    await db.boards.bulkPut(
      probe.boards.map((board) => ({
        ...board,
        followed: choice.followedBoardIds.has(board.id),
        threadLimit,
        ...(before.get(board.id)?.holdsFollowedThread && { holdsFollowedThread: true }),
      })),
    );
  });
}
