// "Remove forum": deletes a forum and everything stored for it, its pictures included (a picture
// another forum shows stays for that one), in one transaction, optionally keeping the person's
// bookmarks and highlights (they hold the post's text as it was, so they stay readable without
// the post) and, with them, the pictures of their posts.
import { imageWriteTables, removeImagesOfForum } from '../../db/image-writes';
import { postWriteTables, removePostsOfForum } from '../../db/post-writes';
import type { ReaderDb } from '../../db/reader-db';

export interface RemovedForum {
  threads: number;
  posts: number;
  keptBookmarks: number;
  /** Bytes of pictures that no other forum shows, deleted with it. */
  imageBytes: number;
}

export async function removeForum(db: ReaderDb, forumId: string, options: { keepBookmarks: boolean }): Promise<RemovedForum> {
  const tables = [...postWriteTables(db), ...imageWriteTables(db), db.forums, db.boards, db.threadCursors, db.boardCursors, db.bookmarks, db.highlights, db.drafts, db.outbox, db.syncLog];
  return db.transaction('rw', tables, async (tx) => {
    const boardIds = (await db.boards.where('forumId').equals(forumId).primaryKeys()) as string[];
    const threadIds = (await db.threads.where('forumId').equals(forumId).primaryKeys()) as string[];
    const keptBookmarks = options.keepBookmarks ? await db.bookmarks.where('forumId').equals(forumId).count() : 0;
    const keptPosts = new Set<string>();
    if (options.keepBookmarks) {
      for (const table of [db.bookmarks, db.highlights]) await table.where('forumId').equals(forumId).each((row) => keptPosts.add(row.postId));
    }

    const posts = await removePostsOfForum(tx, forumId);
    const imageBytes = await removeImagesOfForum(tx, forumId, keptPosts);
    // Read marks whose post is not stored go too.
    await db.readMarks.where('threadId').anyOf(threadIds).delete();
    await db.drafts.where('threadId').anyOf(threadIds).delete();
    await db.threadCursors.bulkDelete(threadIds);
    await db.threads.bulkDelete(threadIds);
    await db.boardCursors.bulkDelete(boardIds);
    await db.boards.bulkDelete(boardIds);
    await db.outbox.where('forumId').equals(forumId).delete();
    await db.syncLog.where('forumId').equals(forumId).delete();
    if (!options.keepBookmarks) {
      await db.bookmarks.where('forumId').equals(forumId).delete();
      await db.highlights.where('forumId').equals(forumId).delete();
    }
    await db.forums.delete(forumId);
    return { threads: threadIds.length, posts, keptBookmarks, imageBytes };
  });
}
