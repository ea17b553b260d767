// Bookmarks and highlights through real syncs of the sample forum over HTTP: re-syncs that update
// posts never lose or duplicate them, an edit on the server flags the bookmark and the highlight
// follows its passage, a deletion on the server keeps the bookmark with its text.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_FORUM_ID } from '../../shared/model';
import type { PostRow, ReaderDb } from '../../renderer/db/reader-db';
import { annotationsNewestFirst, postStateOf } from '../../renderer/features/bookmarks/annotation-queries';
import { addHighlight, toggleBookmark } from '../../renderer/features/bookmarks/annotation-writes';
import { anchorQuote, quoteOf } from '../../renderer/features/bookmarks/text-quote';
import { addSampleForumOnce } from '../../renderer/features/forums/first-launch';
import { syncForum } from '../../renderer/features/sync/sync-forum';
import { startReaderBackend, type ReaderBackend } from '../support/reader-backend';
import { freshDb } from '../support/fresh-db';

/** Text of cooked HTML, near enough to what the reader shows for these posts (no entities, no images). */
const textOf = (html: string) => html.replace(/<[^>]+>/g, '');

describe('bookmarks through syncs of the sample forum', () => {
  let backend: ReaderBackend;
  let db: ReaderDb;
  const postNumbered = async (n: number): Promise<PostRow> => (await db.posts.toArray()).find((post) => post.postNumber === n)!;

  beforeEach(async () => {
    backend = await startReaderBackend();
    db = freshDb();
    await addSampleForumOnce(db, backend.api);
    expect((await syncForum(db, backend.api, SAMPLE_FORUM_ID)).status).toBe('completed');
  });
  afterEach(async () => {
    db.close();
    await backend.close();
  });

  it('keeps every bookmark once through edits and deletions on the server, flagging the edited one', async () => {
    const [rehearsal, practiceHall] = [await postNumbered(2), await postNumbered(3)];
    const text = textOf(rehearsal.html);
    const baton = quoteOf(text, { start: text.indexOf('See this baton?'), end: text.indexOf('Well follow it!') + 'Well follow it!'.length })!;
    await toggleBookmark(db, rehearsal);
    await toggleBookmark(db, practiceHall);
    await addHighlight(db, rehearsal, baton);

    const topic = [...backend.forum.store.topics.values()][0]!;
    const remote = (n: number) => topic.posts.find((post) => post.postNumber === n)!;
    backend.forum.store.editPost(remote(2).id, `Edit: I remembered another one.\n\n${remote(2).raw}`);
    backend.forum.store.deletePost(remote(3).id);
    for (let run = 0; run < 2; run += 1) {
      expect((await syncForum(db, backend.api, SAMPLE_FORUM_ID, { refresh: [topic.id], threadsOnly: true })).status).toBe('completed');
    }

    expect(await db.posts.get(practiceHall.id)).toBeUndefined();
    const items = await annotationsNewestFirst(db);
    expect(items.map((item) => `${item.kind} ${item.row.postNumber} ${postStateOf(item)}`).sort()).toEqual([
      'bookmark 2 edited',
      'bookmark 3 deleted',
      'highlight 2 current',
    ]);
    const edited = items.find((item) => item.kind === 'bookmark' && item.row.postNumber === 2)!;
    expect(edited.post?.html).toContain('Edit: I remembered another one.');
    expect(edited.kind === 'bookmark' && edited.row.postHtml).toBe(rehearsal.html);
    const deleted = items.find((item) => item.kind === 'bookmark' && item.row.postNumber === 3)!;
    expect(deleted.kind === 'bookmark' && deleted.row.postHtml).toContain('practice hall');
    const editedText = textOf(edited.post!.html);
    const span = anchorQuote(editedText, baton);
    expect(span && editedText.slice(span.start, span.end)).toBe(baton.exact);
  });
});
