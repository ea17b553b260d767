import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitSyncBatch } from '../../../../renderer/db/commit-sync-batch';
import type { ReaderDb } from '../../../../renderer/db/reader-db';
import { annotationsNewestFirst, postStateOf } from '../../../../renderer/features/bookmarks/annotation-queries';
import {
  addHighlight,
  renameTag,
  restoreBookmark,
  saveBookmarkNote,
  saveHighlightNote,
  toggleBookmark,
} from '../../../../renderer/features/bookmarks/annotation-writes';
import type { SyncBatch } from '../../../../shared/model';
import { freshDb } from '../../../support/fresh-db';
import { FORUM, POST_1, POST_2, storeSampleLibrary, thread } from './sample-library';

let db: ReaderDb;
beforeEach(async () => {
  db = freshDb();
  await storeSampleLibrary(db);
});
afterEach(async () => {
  await db.delete();
});

const batch = (parts: Partial<SyncBatch>): SyncBatch => ({
  runId: 'run', seq: 0, forumId: FORUM, threads: [thread], posts: [], removedPostIds: [], threadCursors: [], boardCursors: [], ...parts,
});

describe('bookmarks', () => {
  it('toggling bookmarks a post with a copy of its text, and toggling again removes it', async () => {
    const first = await toggleBookmark(db, POST_1);
    expect('added' in first && first.added).toMatchObject({ postId: POST_1.id, postVersion: 1, postHtml: POST_1.html, postNumber: 1, username: 'majesty_guard' });
    const second = await toggleBookmark(db, POST_1);
    expect('removed' in second).toBe(true);
    expect(await db.bookmarks.count()).toBe(0);
  });

  it('undo puts back the removed bookmark with its note and tags, but never a second one on the post', async () => {
    const added = await toggleBookmark(db, POST_1);
    if (!('added' in added)) throw new Error('expected a new bookmark');
    await saveBookmarkNote(db, added.added.id, '  favourite ', ['ballet']);
    const removed = await toggleBookmark(db, POST_1);
    if (!('removed' in removed)) throw new Error('expected a removal');
    await restoreBookmark(db, removed.removed);
    expect(await db.bookmarks.toArray()).toEqual([{ ...added.added, note: 'favourite', tags: ['ballet'] }]);
    await restoreBookmark(db, removed.removed);
    expect(await db.bookmarks.count()).toBe(1);
  });

  it('renaming a tag to an existing one merges them, on bookmarks and highlights alike', async () => {
    const added = await toggleBookmark(db, POST_1);
    if (!('added' in added)) throw new Error('expected a new bookmark');
    await saveBookmarkNote(db, added.added.id, '', ['Ballet', 'scenes']);
    const highlight = await addHighlight(db, POST_2, { exact: 'See this baton?', prefix: 'Julian: ', suffix: '\nVicky' });
    await saveHighlightNote(db, highlight.id, '', ['ballet', 'rehearsal']);
    expect(await renameTag(db, 'Ballet', 'ballet')).toBe(1);
    expect((await db.bookmarks.get(added.added.id))?.tags).toEqual(['ballet', 'scenes']);
    expect(await renameTag(db, 'rehearsal', 'ballet')).toBe(1);
    expect((await db.highlights.get(highlight.id))?.tags).toEqual(['ballet']);
    expect(await db.bookmarks.where('tags').equals('Ballet').count()).toBe(0);
  });
});

describe('bookmarks through a re-sync', () => {
  it('a re-sync that updates posts neither loses nor duplicates a bookmark, and flags it edited since bookmarked', async () => {
    await toggleBookmark(db, POST_1);
    await addHighlight(db, POST_2, { exact: 'See this baton?', prefix: 'Julian: ', suffix: '\nVicky' });
    const edited = { ...POST_1, version: 2, html: `${POST_1.html}\n<p>Edit: and the finale.</p>` };
    await commitSyncBatch(db, batch({ posts: [edited, POST_2] }));
    await commitSyncBatch(db, batch({ posts: [edited, POST_2] }));
    const items = await annotationsNewestFirst(db);
    expect(items).toHaveLength(2);
    const bookmark = items.find((item) => item.kind === 'bookmark')!;
    expect(postStateOf(bookmark)).toBe('edited');
    // The text as bookmarked stays beside the new one.
    expect(bookmark.kind === 'bookmark' && bookmark.row.postHtml).toBe(POST_1.html);
    expect(bookmark.post?.html).toBe(edited.html);
  });

  it('a post deleted on the server keeps its bookmark and highlight with the text kept', async () => {
    await toggleBookmark(db, POST_1);
    await addHighlight(db, POST_2, { exact: 'See this baton?', prefix: 'Julian: ', suffix: '\nVicky' });
    await commitSyncBatch(db, batch({ removedPostIds: [POST_1.id, POST_2.id] }));
    expect(await db.posts.count()).toBe(0);
    const items = await annotationsNewestFirst(db);
    expect(items.map((item) => [item.kind, postStateOf(item)])).toEqual(
      expect.arrayContaining([
        ['bookmark', 'deleted'],
        ['highlight', 'deleted'],
      ]),
    );
    const bookmark = items.find((item) => item.kind === 'bookmark')!;
    expect(bookmark.kind === 'bookmark' && bookmark.row.postHtml).toContain('The Red Shoes ballet sequence.');
  });

  it('lists bookmarks and highlights newest first', async () => {
    await toggleBookmark(db, POST_1, new Date('2024-01-01T00:00:00Z'));
    await addHighlight(db, POST_2, { exact: 'Vicky: Yes', prefix: '', suffix: '' }, new Date('2024-03-01T00:00:00Z'));
    await toggleBookmark(db, POST_2, new Date('2024-02-01T00:00:00Z'));
    expect((await annotationsNewestFirst(db)).map((item) => `${item.kind} ${item.row.postId}`)).toEqual([
      `highlight ${POST_2.id}`,
      `bookmark ${POST_2.id}`,
      `bookmark ${POST_1.id}`,
    ]);
  });
});
