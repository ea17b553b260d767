import { afterEach, describe, expect, it } from 'vitest';
import type { ReaderDb } from '../../../../renderer/db/reader-db';
import { startReply } from '../../../../renderer/features/drafts/drafts-db';
import { newsQuote } from '../../../../renderer/features/drafts/news-quote';
import type { Forum } from '../../../../shared/model';
import { freshDb } from '../../../support/fresh-db';

let db: ReaderDb;
afterEach(async () => {
  await db?.delete();
});

async function storeThread(protocol: Forum['protocol']) {
  await db.forums.put({ id: 'f', name: 'f', baseUrl: 'nntp://127.0.0.1:119', protocol, isSample: false, addedAt: '2026-01-01T00:00:00.000Z', lastSyncedAt: null, lastSyncError: null });
  await db.threads.put({
    id: 'f/t/5', forumId: 'f', boardId: 'f/c/1', remoteId: 5, title: 'Credits', slug: 'credits', authorUsername: 'Jane', createdAt: '2026-01-01T00:00:00.000Z',
    lastPostedAt: '2026-01-01T00:00:00.000Z', bumpedAt: '2026-01-01T00:00:00.000Z', postsCount: 1, highestPostNumber: 1, pinned: false, closed: false, storedPostCount: 0, unreadCount: 0,
  });
}

describe('quoting in a reply to a news server', () => {
  it('writes an attribution line and "> " before each line, one more ">" on lines already quoted', () => {
    expect(newsQuote({ username: 'Jane Doe', text: '\r\nFirst line\n\n> older\nlast\n' })).toBe('Jane Doe wrote:\n> First line\n>\n>> older\n> last\n\n');
  });

  it('is how a reply to a news server opens, and a Discourse reply keeps its [quote] markup', async () => {
    db = freshDb();
    await storeThread('nntp');
    const quote = { text: 'They roll over a painting.', postNumber: 1, username: 'Jane' };
    const news = await startReply(db, { threadId: 'f/t/5', post: { postNumber: 1, username: 'Jane' }, quote });
    expect((await db.drafts.get(news))!.text).toBe('Jane wrote:\n> They roll over a painting.\n\n');
    await db.delete();

    db = freshDb();
    await storeThread('discourse');
    const discourse = await startReply(db, { threadId: 'f/t/5', post: { postNumber: 1, username: 'Jane' }, quote });
    expect((await db.drafts.get(discourse))!.text).toBe('[quote="Jane, post:1, topic:5"]\nThey roll over a painting.\n[/quote]\n\n');
  });
});
