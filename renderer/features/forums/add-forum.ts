import type { ForumProbe } from '../../../shared/api';
import type { ReaderDb } from '../../db/reader-db';

export const DEFAULT_THREAD_LIMIT = 100;

/** Stores a probed forum and the boards the person chose to keep offline. */
export async function addForum(db: ReaderDb, probe: ForumProbe, followedBoardIds: ReadonlySet<string>, isSample = false): Promise<void> {
  await db.transaction('rw', [db.forums, db.boards], async () => {
    await db.forums.put({
      id: probe.forumId,
      name: probe.title,
      baseUrl: probe.baseUrl,
      protocol: 'discourse',
      isSample,
      addedAt: new Date().toISOString(),
      lastSyncedAt: null,
      lastSyncError: null,
    });
    await db.boards.bulkPut(
      probe.boards.map((board) => ({ ...board, followed: followedBoardIds.has(board.id), threadLimit: DEFAULT_THREAD_LIMIT })),
    );
  });
}
