import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_FORUM_ID } from '../../shared/model';
import { postsOfThread, threadsOfBoard } from '../../renderer/db/queries';
import type { ReaderDb } from '../../renderer/db/reader-db';
import { addSampleForumOnce } from '../../renderer/features/forums/first-launch';
import { syncForum } from '../../renderer/features/sync/sync-forum';
import { startReaderBackend, type ReaderBackend } from '../support/reader-backend';
import { freshDb } from '../support/fresh-db';

const seed = readFileSync(new URL('../../main/sample-forum/seed/the-red-shoes-favourite-scenes.txt', import.meta.url), 'utf8');

describe('first launch against the sample forum over HTTP', () => {
  let backend: ReaderBackend;
  let db: ReaderDb;
  beforeEach(async () => {
    backend = await startReaderBackend();
    db = freshDb();
  });
  afterEach(async () => {
    db.close();
    await backend.close();
  });

  it('adds the sample forum and syncs its thread of 18 posts in order', async () => {
    await addSampleForumOnce(db, backend.api);
    const summary = await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    expect(summary.status).toBe('completed');

    const boards = await db.boards.where('forumId').equals(SAMPLE_FORUM_ID).toArray();
    expect(boards.map((board) => board.name)).toContain('The Red Shoes (1948)');
    const board = boards.find((b) => b.name === 'The Red Shoes (1948)')!;
    const [thread] = await threadsOfBoard(db, board.id);
    expect(thread?.title).toBe('What are your favourite scenes?');
    expect(thread?.storedPostCount).toBe(18);

    const posts = await postsOfThread(db, thread!.id);
    expect(posts.map((post) => post.postNumber)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(posts[1]?.html).toContain('See this baton?');
    // Every post's words are in the seed (the HTML adds only markup, entities and Discourse's
    // typography: ellipses for three dots or more, curled quotation marks), but for the captions
    // Discourse writes under uploaded pictures (seed/uploads.json's words, not the thread's).
    const text = (html: string) => html.replace(/<div class="meta">.*?<\/div>/g, '').replace(/<br>/g, '\n').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    const straighten = (words: string) => words.replace(/\.{3,}/g, '…').replace(/[“”]/g, '"').replace(/[‘’]/g, "'");
    for (const post of posts) {
      for (const line of text(post.html).split('\n').filter((l) => l.trim())) expect(straighten(seed)).toContain(straighten(line.trim()));
    }
  });

  it('a second run with nothing new makes one request per followed board and stores nothing twice', async () => {
    await addSampleForumOnce(db, backend.api);
    await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    const before = await db.posts.count();
    const again = await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    expect(again.status).toBe('completed');
    const followed = (await db.boards.toArray()).filter((board) => board.followed).length;
    expect(again.requests).toBeLessThanOrEqual(followed);
    expect(again.postsFetched).toBe(0);
    expect(await db.posts.count()).toBe(before);
  });

  it('keeps what is stored when the forum cannot be reached, and says so', async () => {
    await addSampleForumOnce(db, backend.api);
    await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    await backend.forum.close();
    const cut = await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    expect(cut.status).toBe('failed');
    expect(cut.error?.code).toBe('unreachable');
    expect(await db.posts.count()).toBe(18);
    expect((await db.forums.get(SAMPLE_FORUM_ID))?.lastSyncError).toMatch(/Could not reach/);
  });
});
