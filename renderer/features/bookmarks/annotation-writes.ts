// Every change to bookmarks and highlights. Bookmarks are keyed by post id (a unique index), so
// a toggle, a re-sync or an import can never leave two on one post; the post's text is copied
// in, so a bookmark outlives the post's edit or deletion on the server.

import type { BookmarkRow, HighlightRow, PostRow, ReaderDb } from '../../db/reader-db';
import { renameInTags } from './tags';
import type { TextQuote } from './text-quote';
import { postHtmlOf } from '../../ui/plain-text-html';

export type BookmarkToggle = { added: BookmarkRow } | { removed: BookmarkRow };

const bookmarkFor = (post: PostRow, at: Date): BookmarkRow => ({
  id: crypto.randomUUID(),
  postId: post.id,
  threadId: post.threadId,
  forumId: post.forumId,
  note: '',
  tags: [],
  createdAt: at.toISOString(),
  postVersion: post.version,
  postHtml: postHtmlOf(post),
  postNumber: post.postNumber,
  username: post.username,
});

/** Bookmarks the post, or takes its bookmark away (returned, so it can be put back). */
export function toggleBookmark(db: ReaderDb, post: PostRow, at = new Date()): Promise<BookmarkToggle> {
  return db.transaction('rw', db.bookmarks, async () => {
    const existing = await db.bookmarks.where('postId').equals(post.id).first();
    if (existing) {
      await db.bookmarks.delete(existing.id);
      return { removed: existing };
    }
    const added = bookmarkFor(post, at);
    await db.bookmarks.add(added);
    return { added };
  });
}

/** Undoes a removal; a bookmark made on the post in the meantime is kept instead. */
export function restoreBookmark(db: ReaderDb, row: BookmarkRow): Promise<void> {
  return db.transaction('rw', db.bookmarks, async () => {
    if ((await db.bookmarks.where('postId').equals(row.postId).count()) === 0) await db.bookmarks.add(row);
  });
}

export async function removeBookmark(db: ReaderDb, id: string): Promise<BookmarkRow | undefined> {
  return db.transaction('rw', db.bookmarks, async () => {
    const row = await db.bookmarks.get(id);
    if (row) await db.bookmarks.delete(id);
    return row;
  });
}

export async function saveBookmarkNote(db: ReaderDb, id: string, note: string, tags: string[]): Promise<void> {
  await db.bookmarks.update(id, { note: note.trim(), tags });
}

export async function addHighlight(db: ReaderDb, post: PostRow, quote: TextQuote, at = new Date()): Promise<HighlightRow> {
  const row: HighlightRow = {
    id: crypto.randomUUID(),
    postId: post.id,
    threadId: post.threadId,
    forumId: post.forumId,
    exact: quote.exact,
    prefix: quote.prefix,
    suffix: quote.suffix,
    note: '',
    tags: [],
    createdAt: at.toISOString(),
    postNumber: post.postNumber,
    username: post.username,
  };
  await db.highlights.add(row);
  return row;
}

export async function saveHighlightNote(db: ReaderDb, id: string, note: string, tags: string[]): Promise<void> {
  await db.highlights.update(id, { note: note.trim(), tags });
}

export async function removeHighlight(db: ReaderDb, id: string): Promise<HighlightRow | undefined> {
  return db.transaction('rw', db.highlights, async () => {
    const row = await db.highlights.get(id);
    if (row) await db.highlights.delete(id);
    return row;
  });
}

export async function restoreHighlight(db: ReaderDb, row: HighlightRow): Promise<void> {
  await db.highlights.put(row);
}

/**
 * Renames a tag on every bookmark and highlight. Renaming to a tag that already exists merges
 * the two: an item that carried both keeps one. Returns how many items changed.
 */
export function renameTag(db: ReaderDb, from: string, to: string): Promise<number> {
  return db.transaction('rw', db.bookmarks, db.highlights, async () => {
    let changed = 0;
    for (const table of [db.bookmarks, db.highlights] as const) {
      const rows: (BookmarkRow | HighlightRow)[] = await table.where('tags').equals(from).toArray();
      for (const row of rows) {
        const tags = renameInTags(row.tags, from, to);
        await table.update(row.id, { tags });
        changed += 1;
      }
    }
    return changed;
  });
}
