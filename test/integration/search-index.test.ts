// Live queries run only where a global indexedDB exists (Dexie checks at load): the search
// client's watches need fake-indexeddb's globals before anything imports Dexie.
import 'fake-indexeddb/auto';
import { IDBTransaction } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SAMPLE_FORUM_ID } from '../../shared/model';
import type { ReaderDb } from '../../renderer/db/reader-db';
import { addSampleForumOnce } from '../../renderer/features/forums/first-launch';
import { postTextOf } from '../../renderer/features/search/post-text';
import { removeForum } from '../../renderer/features/storage/remove-forum';
import { searchClientFor } from '../../renderer/features/search/search-client';
import { SearchEngine } from '../../renderer/features/search/search-engine';
import { NO_FILTERS, type SearchResponse } from '../../renderer/features/search/search-types';
import { syncForum } from '../../renderer/features/sync/sync-forum';
import { startReaderBackend, type ReaderBackend } from '../support/reader-backend';
import { freshDb } from '../support/fresh-db';

const hitsOf = (response: SearchResponse) => response.hits.map((hit) => `${hit.kind} ${hit.postNumber} ${hit.author}`);
const markedIn = (response: SearchResponse) => response.hits.flatMap((hit) => hit.snippet.filter((part) => part.marked).map((part) => part.text));

describe('the search index against the sample forum over HTTP', () => {
  let backend: ReaderBackend;
  let db: ReaderDb;
  let engine: SearchEngine;
  const search = (query: string, filters = NO_FILTERS) => engine.search({ query, filters, sort: 'relevance', limit: 20 });

  beforeEach(async () => {
    backend = await startReaderBackend();
    db = freshDb();
    engine = new SearchEngine(db, { cacheNotes: false });
    await addSampleForumOnce(db, backend.api);
    expect((await syncForum(db, backend.api, SAMPLE_FORUM_ID)).status).toBe('completed');
    await engine.posts.catchUp();
  });
  afterEach(async () => {
    db.close();
    await backend.close();
  });

  it('finds the rehearsal post by a word of it, with the word marked', async () => {
    const found = await search('baton ');
    expect(hitsOf(found)).toHaveLength(1);
    expect(found.hits[0]).toMatchObject({ kind: 'post', postNumber: 2, threadTitle: 'What are your favourite scenes?' });
    expect(markedIn(found)).toEqual(['baton']);
  });

  it('answers from the index alone: no post is read, and each result shows its post as stored', async () => {
    const stores = vi.spyOn(IDBTransaction.prototype, 'objectStore');
    let found: SearchResponse;
    try {
      found = await search('scene ');
    } finally {
      stores.mockRestore();
    }
    expect(stores.mock.calls.map(([name]) => name)).not.toContain('posts');
    expect(found.hits.length).toBeGreaterThan(1);
    for (const hit of found.hits) {
      const post = (await db.posts.get(hit.key))!;
      const thread = (await db.threads.get(post.threadId))!;
      expect(hit).toMatchObject({ forumId: post.forumId, threadId: post.threadId, threadTitle: thread.title, postNumber: post.postNumber, author: post.username });
      expect(Date.parse(hit.date)).toBe(Math.floor(Date.parse(post.createdAt) / 1000) * 1000);
      const shown = hit.snippet.map((part) => part.text).join('').replace(/^… | …$/g, '');
      const text = `${post.postNumber === 1 ? `${thread.title} ` : ''}${postTextOf(post.html)}`.replace(/\s+/g, ' ');
      expect(text).toContain(shown);
    }
  });

  it('leaves out the posts of a forum removed since they were indexed', async () => {
    const client = searchClientFor(db);
    const baton = () => client.search({ query: 'baton ', filters: NO_FILTERS, sort: 'relevance', limit: 20 });
    try {
      expect(hitsOf(await baton())).toEqual(['post 2 baton_follower']);
      await removeForum(db, SAMPLE_FORUM_ID, { keepBookmarks: false });
      await vi.waitFor(async () => expect(hitsOf(await baton())).toEqual([]));
    } finally {
      client.close();
    }
  });

  it("finds no post by its pictures' lightbox captions (file name, size and bytes), only by its words", async () => {
    const captions = (await db.posts.toArray()).flatMap((post) => [...post.html.matchAll(/<span class="informations">([^<]+)<\/span>/g)].map((match) => match[1]!));
    expect(captions.length).toBeGreaterThan(0);
    // "480×270 454 Bytes", "1024×576 21.5 KB": the unit is a word no post of the sample writes.
    const units = [...new Set(captions.map((caption) => caption.split(' ').at(-1)!))];
    for (const unit of units) expect(hitsOf(await search(`${unit} `))).toEqual([]);
    expect(hitsOf(await search('baton '))).toHaveLength(1);
  });

  it("a result shows its thread's title as it is now, after the thread is renamed", async () => {
    const client = searchClientFor(db);
    const titleOfFirstHit = async () => (await client.search({ query: 'baton ', filters: NO_FILTERS, sort: 'relevance', limit: 20 })).hits[0]?.threadTitle;
    try {
      expect(await titleOfFirstHit()).toBe('What are your favourite scenes?');
      const [thread] = await db.threads.toArray();
      await db.threads.update(thread!.id, { title: 'Favourite scenes (renamed)' });
      await vi.waitFor(async () => expect(await titleOfFirstHit()).toBe('Favourite scenes (renamed)'));
    } finally {
      client.close();
    }
  });

  it('an edited post is found by its new words and not its old ones', async () => {
    const topic = [...backend.forum.store.topics.values()][0]!;
    const rehearsal = topic.posts.find((post) => post.postNumber === 2)!;
    expect(hitsOf(await search('trouble '))).toEqual(['post 2 baton_follower']);
    backend.forum.store.editPost(rehearsal.id, 'The practice where Julian conducts with a metronome instead.');
    const refreshed = await syncForum(db, backend.api, SAMPLE_FORUM_ID, { refresh: [topic.id], threadsOnly: true });
    expect(refreshed.status).toBe('completed');
    expect(await db.searchQueue.count()).toBeGreaterThan(0);
    await engine.posts.catchUp();

    expect(hitsOf(await search('metronome '))).toEqual(['post 2 baton_follower']);
    expect(hitsOf(await search('trouble '))).toEqual([]);
    expect(await db.searchQueue.count()).toBe(0);
  });

  it('comes back from storage without reading posts again, and keeps up with removed posts', async () => {
    const reopened = new SearchEngine(db, { cacheNotes: false });
    await reopened.posts.load();
    expect(reopened.posts.index.aliveCount).toBe(18);
    const before = await reopened.search({ query: 'carriage ', filters: NO_FILTERS, sort: 'newest', limit: 20 });
    expect(before.total).toBeGreaterThan(0);

    const topic = [...backend.forum.store.topics.values()][0]!;
    const removed = topic.posts.find((post) => post.postNumber === 3)!;
    backend.forum.store.deletePost(removed.id);
    await syncForum(db, backend.api, SAMPLE_FORUM_ID, { refresh: [topic.id], threadsOnly: true });
    await reopened.posts.catchUp();
    expect(reopened.posts.index.aliveCount).toBe(17);
    const after = await reopened.search({ query: 'practice hall', filters: NO_FILTERS, sort: 'relevance', limit: 20 });
    expect(after.hits.map((hit) => hit.postNumber)).not.toContain(3);
  });
});
