import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { ReaderDb, SEARCH_QUEUE_BATCH, type PostRow } from '../../../renderer/db/reader-db';
import { SearchEngine } from '../../../renderer/features/search/search-engine';
import { NO_FILTERS } from '../../../renderer/features/search/search-types';
import { SHIPPED_V2 } from '../../support/shipped-schemas';

const post = (n: number, html: string): PostRow => ({
  id: `old.example/p/${100 + n}`, forumId: 'old.example', threadId: 'old.example/t/7', remoteId: 100 + n, postNumber: n, username: `user${n}`, displayName: '', avatarUrl: null,
  createdAt: `2020-01-0${n}T10:00:00.000Z`, updatedAt: `2020-01-0${n}T10:00:00.000Z`, version: 1, html, replyToPostNumber: null, hidden: false, deleted: false,
});
const LIGHTBOX =
  '<p>The ballet</p><div class="lightbox-wrapper"><a class="lightbox" href="/uploads/default/original/1X/abc.png" title="ballet.png"><img src="/uploads/default/original/1X/abc.png" alt="ballet.png" width="480" height="270">' +
  '<div class="meta"><span class="filename">ballet.png</span><span class="informations">480×270 454 Bytes</span></div></a></div>';

describe('ReaderDb version 3', () => {
  it('indexes again the posts whose pictures have lightbox captions, which are no longer searchable text', async () => {
    const indexedDB = new IDBFactory();
    const old = new Dexie('forum-reader', { indexedDB, IDBKeyRange });
    old.version(2).stores(SHIPPED_V2);
    await old.table('posts').bulkPut([post(1, LIGHTBOX), post(2, '<p>No pictures here</p>')]);
    await old.table('threads').put({ id: 'old.example/t/7', forumId: 'old.example', boardId: 'old.example/c/1', title: 'Favourite scenes', bumpedAt: '2020-01-03' });
    old.close();

    const db = new ReaderDb('forum-reader', { indexedDB, IDBKeyRange });
    await db.open();
    const queued = await db.searchQueue.toArray();
    expect(queued).toHaveLength(1);
    expect(queued[0]!.postId.startsWith(SEARCH_QUEUE_BATCH)).toBe(true);
    expect(queued[0]!.postIds).toEqual(['old.example/p/101']);

    const engine = new SearchEngine(db, { cacheNotes: false });
    await engine.posts.catchUp();
    const search = async (query: string) => (await engine.search({ query, filters: NO_FILTERS, sort: 'relevance', limit: 10 })).hits.map((hit) => hit.postNumber);
    expect(await search('ballet ')).toEqual([1]);
    expect(await search('Bytes ')).toEqual([]);
    db.close();
  });
});
