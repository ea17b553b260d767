import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { ReaderDb, type PostRow } from '../../../renderer/db/reader-db';
import { SearchEngine } from '../../../renderer/features/search/search-engine';
import { NO_FILTERS } from '../../../renderer/features/search/search-types';
import { SHIPPED_V1 } from '../../support/shipped-schemas';

const post = (n: number, html: string): PostRow => ({
  id: `old.example/p/${100 + n}`,
  forumId: 'old.example',
  threadId: 'old.example/t/7',
  remoteId: 100 + n,
  postNumber: n,
  username: `user${n}`,
  displayName: '',
  avatarUrl: null,
  createdAt: `2020-01-0${n}T10:00:00.000Z`,
  updatedAt: `2020-01-0${n}T10:00:00.000Z`,
  version: 1,
  html,
  replyToPostNumber: null,
  hidden: false,
  deleted: false,
});

describe('ReaderDb version 2 (search index)', () => {
  it('opens a version 1 database with its data and queues its posts for indexing', async () => {
    const indexedDB = new IDBFactory();
    const old = new Dexie('forum-reader', { indexedDB, IDBKeyRange });
    old.version(1).stores(SHIPPED_V1);
    await old.table('posts').bulkPut([post(1, '<p>The ballet sequence</p>'), post(2, '<p>See this baton?</p>'), post(3, '<p>Lermontov’s villa</p>')]);
    await old.table('threads').put({ id: 'old.example/t/7', forumId: 'old.example', boardId: 'old.example/c/1', title: 'Favourite scenes', bumpedAt: '2020-01-03' });
    await old.table('bookmarks').put({ id: 'b1', postId: 'old.example/p/102', threadId: 'old.example/t/7', forumId: 'old.example', note: 'the baton line', tags: [], createdAt: '2020-02-01T00:00:00.000Z', postVersion: 1, postHtml: '' });
    old.close();

    const db = new ReaderDb('forum-reader', { indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(2);
    expect(await db.posts.count()).toBe(3);
    expect((await db.bookmarks.get('b1'))?.note).toBe('the baton line');
    expect((await db.searchQueue.toCollection().primaryKeys()).sort()).toEqual(['old.example/p/101', 'old.example/p/102', 'old.example/p/103']);
    expect(await db.searchSegments.count()).toBe(0);

    const engine = new SearchEngine(db, { cacheNotes: false });
    await engine.posts.catchUp();
    expect(await db.searchQueue.count()).toBe(0);
    const found = await engine.search({ query: 'baton ', filters: NO_FILTERS, sort: 'relevance', limit: 10 });
    expect(found.hits.map((hit) => `${hit.kind} ${hit.postNumber}`)).toEqual(['bookmark 2', 'post 2']);
    const accented = await engine.search({ query: 'LERMONTOV villa', filters: NO_FILTERS, sort: 'relevance', limit: 10 });
    expect(accented.hits.map((hit) => hit.postNumber)).toEqual([3]);
    db.close();
  });
});
