import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commitSyncBatch } from '../../../../renderer/db/commit-sync-batch';
import { onPostsCommitted, onPostsCommitting, type CommittedPosts } from '../../../../renderer/db/posts-committed';
import { searchQueueBatch, type PostRow, type ReaderDb, type SearchSegmentRow } from '../../../../renderer/db/reader-db';
import { applySegment, compactSegment, SegmentBuilder } from '../../../../renderer/features/search/index-segment';
import { indexPost, postHash } from '../../../../renderer/features/search/indexable-post';
import { InvertedIndex } from '../../../../renderer/features/search/inverted-index';
import { PostIndex, type CatchUpProgress } from '../../../../renderer/features/search/post-index';
import { postTextOf } from '../../../../renderer/features/search/post-text';
import { SearchEngine } from '../../../../renderer/features/search/search-engine';
import { NO_FILTERS } from '../../../../renderer/features/search/search-types';
import { freshDb } from '../../../support/fresh-db';

const post = (n: number, html: string, over: Partial<PostRow> = {}): PostRow => ({
  id: `f.example/p/${1000 + n}`,
  forumId: 'f.example',
  threadId: `f.example/t/${1 + Math.floor(n / 50)}`,
  remoteId: 1000 + n,
  postNumber: (n % 50) + 1,
  username: `user${n % 7}`,
  displayName: '',
  avatarUrl: null,
  createdAt: new Date(Date.UTC(2020, 0, 1) + n * 60_000).toISOString(),
  updatedAt: new Date(Date.UTC(2020, 0, 1) + n * 60_000).toISOString(),
  version: 1,
  html,
  replyToPostNumber: null,
  hidden: false,
  deleted: false,
  ...over,
});

async function store(db: ReaderDb, posts: PostRow[]) {
  await db.transaction('rw', db.posts, db.searchQueue, async () => {
    await db.posts.bulkPut(posts);
    await db.searchQueue.bulkPut(posts.map((p) => ({ postId: p.id, mark: Math.random() })));
  });
}

const postsWith = (index: PostIndex, word: string) => (index.index.terms.get(word) ? index.index.match([[word]], [], () => true).docs.length : 0);

describe('PostIndex', () => {
  let db: ReaderDb;
  beforeEach(() => {
    db = freshDb();
  });
  afterEach(() => db.close());

  it('keeps the number of stored segments small as many small syncs add up', async () => {
    const index = new PostIndex(db);
    for (let round = 0; round < 70; round += 1) {
      await store(db, Array.from({ length: 10 }, (_, i) => post(round * 10 + i, `<p>round ${round} word${i} common</p>`)));
      await index.catchUp();
    }
    expect(index.segmentCount).toBeLessThan(16);
    expect(await db.searchSegments.count()).toBe(index.segmentCount);

    const reopened = new PostIndex(db);
    await reopened.load();
    expect(reopened.index.aliveCount).toBe(700);
    expect(postsWith(reopened, 'common')).toBe(700);
    expect(postsWith(reopened, 'word3')).toBe(70);
  });

  it('an edit replaces the old words, also after reading the index back', async () => {
    const index = new PostIndex(db);
    await store(db, [post(1, '<p>the old carriage scene</p>'), post(2, '<p>another carriage</p>')]);
    await index.catchUp();
    await store(db, [post(1, '<p>the new mirror scene</p>', { version: 2 })]);
    await index.catchUp();
    await store(db, [post(1, '<p>the newest ballet scene</p>', { version: 3 })]);
    await index.catchUp();
    for (const current of [index, await reopen(db)]) {
      expect(postsWith(current, 'carriage')).toBe(1);
      expect(postsWith(current, 'mirror')).toBe(0);
      expect(postsWith(current, 'ballet')).toBe(1);
      expect(current.index.aliveCount).toBe(2);
    }
  });

  it('drops a removed post, and does not index an unchanged post twice', async () => {
    const index = new PostIndex(db);
    await store(db, [post(1, '<p>alpha</p>'), post(2, '<p>alpha beta</p>')]);
    await index.catchUp();
    const segments = await db.searchSegments.count();
    await store(db, [post(1, '<p>alpha</p>')]);
    await index.catchUp();
    expect(await db.searchSegments.count()).toBe(segments);

    await db.transaction('rw', db.posts, db.searchQueue, async () => {
      await db.posts.delete(post(2, '').id);
      await db.searchQueue.put({ postId: post(2, '').id, mark: 1 });
    });
    await index.catchUp();
    expect(postsWith(index, 'beta')).toBe(0);
    expect(postsWith(await reopen(db), 'alpha')).toBe(1);
  });

  it('rewrites the whole index when most entries belong to edited posts', async () => {
    const index = new PostIndex(db);
    const posts = Array.from({ length: 1200 }, (_, i) => post(i, `<p>first ${i}</p>`));
    await store(db, posts);
    await index.catchUp();
    await store(db, posts.map((p) => ({ ...p, html: `<p>second ${p.remoteId}</p>`, version: 2 })));
    await index.catchUp();
    expect(index.index.docCount).toBe(1200);
    expect(index.segmentCount).toBe(1);
    expect(postsWith(index, 'first')).toBe(0);
    expect(postsWith(index, 'second')).toBe(1200);
  });

  /** Commits posts as a sync does, in one batch of one thread; the search index is handed them. */
  const commitBatch = (posts: PostRow[], title: string, seq = 0) => {
    const first = posts[0]!;
    const thread = { id: first.threadId, forumId: 'f.example', boardId: 'f.example/c/1', remoteId: 1, title, slug: 'thread', authorUsername: 'user0', createdAt: first.createdAt, lastPostedAt: first.createdAt, bumpedAt: first.createdAt, postsCount: 2, highestPostNumber: 2, pinned: false, closed: false };
    return commitSyncBatch(db, { runId: 'r', seq, forumId: 'f.example', threads: [thread], posts, removedPostIds: [], threadCursors: [], boardCursors: [] });
  };

  /** Commits `count` batches and returns what each hands over, without handing it to an index yet. */
  const commitBatches = async (count: number, postsOf: (batch: number) => PostRow[], title: string) => {
    const committed: Omit<CommittedPosts, 'db'>[] = [];
    const stop = onPostsCommitted(({ db: _db, ...batch }) => committed.push(batch));
    try {
      for (let batch = 0; batch < count; batch += 1) await commitBatch(postsOf(batch), title, batch);
    } finally {
      stop();
    }
    return committed;
  };

  it('indexes posts a sync commit hands over, and takes their queue row off', async () => {
    const index = new PostIndex(db);
    let handed: Promise<void> | null = null;
    const stop = onPostsCommitted(({ db: _db, ...committed }) => (handed = index.indexCommitted(committed)));
    try {
      await commitBatch([post(0, '<p>opening words</p>'), post(1, '<p>a reply</p>')], 'Handed over');
      expect(handed).not.toBeNull();
      await handed;
      expect(await db.searchQueue.count()).toBe(0);
      expect(postsWith(index, 'opening')).toBe(1);
      expect(postsWith(index, 'handed')).toBe(1);
    } finally {
      stop();
    }
  });

  it('writes batches handed over in quick succession as one segment', async () => {
    const index = new PostIndex(db);
    await index.load();
    const committed = await commitBatches(3, (batch) => [post(batch * 2, `<p>batch${batch} first</p>`), post(batch * 2 + 1, `<p>batch${batch} second</p>`)], 'Quick');
    // Handed over together, as a fast sync's batches arrive (however slowly this machine commits).
    await Promise.all(committed.map((batch) => index.indexCommitted(batch)));
    expect(committed).toHaveLength(3);
    expect(index.segmentCount).toBe(1);
    expect(await db.searchQueue.count()).toBe(0);
    expect(postsWith(index, 'batch2')).toBe(2);
  });

  it('waits for a pause after the last batch handed over, not after the first, before writing them', async () => {
    const index = new PostIndex(db);
    await index.load();
    const committed = await commitBatches(3, (batch) => [post(batch, `<p>steady${batch}</p>`)], 'Steady');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      // A steady sync: a batch every 200 ms, each sooner than the pause that ends a run of them.
      const stored: Promise<void>[] = [];
      for (const batch of committed) {
        stored.push(index.indexCommitted(batch));
        await vi.advanceTimersByTimeAsync(200);
      }
      expect(index.segmentCount).toBe(0);
      await vi.advanceTimersByTimeAsync(200);
      await Promise.all(stored);
    } finally {
      vi.useRealTimers();
    }
    expect(index.segmentCount).toBe(1);
    expect(postsWith(index, 'steady2')).toBe(1);
  });

  it('a catch-up leaves a batch a sync is about to hand over to the hand-over, and takes it if the commit fails', async () => {
    const index = new PostIndex(db);
    await index.load();
    const told: { queueKey: string; outcome: Promise<boolean>; rowWhenTold: Promise<unknown> }[] = [];
    const stop = onPostsCommitting(({ queueKey, outcome }) => told.push({ queueKey, outcome, rowWhenTold: db.searchQueue.get(queueKey) }));
    try {
      await commitBatch([post(0, '<p>expected words</p>')], 'Expected');
    } finally {
      stop();
    }
    const [committing] = told;
    expect(await committing!.rowWhenTold).toBeUndefined();
    expect(await committing!.outcome).toBe(true);
    index.expectHandover(committing!.queueKey);
    // Its row is on disk, but its posts are on their way from memory: nothing is read back.
    expect(await index.catchUp()).toBe(0);
    expect(await db.searchQueue.get(committing!.queueKey)).toBeDefined();
    index.handoverCancelled(committing!.queueKey);
    expect(await index.catchUp()).toBe(1);
    expect(postsWith(index, 'expected')).toBe(1);
  });

  it('tells of a sync commit that failed: nothing will be handed over', async () => {
    const outcomes: Promise<boolean>[] = [];
    const stop = onPostsCommitting(({ outcome }) => outcomes.push(outcome));
    try {
      await expect(commitBatch([post(0, '<p>never stored</p>', { id: undefined as unknown as string })], 'Broken')).rejects.toThrow();
    } finally {
      stop();
    }
    expect(await Promise.all(outcomes)).toEqual([false]);
    expect(await db.searchQueue.count()).toBe(0);
  });

  it('has a version that grows with what it holds, also with posts handed over, which change no count', async () => {
    const index = new PostIndex(db);
    const progress: CatchUpProgress[] = [];
    await index.catchUp((report) => progress.push(report));
    const [batch] = await commitBatches(1, () => [post(0, '<p>the rehearsal baton</p>')], 'Handed over');
    await index.indexCommitted(batch!);
    await index.catchUp((report) => progress.push(report));
    const [before, after] = [progress[0]!, progress.at(-1)!];
    expect([after.done, after.pending]).toEqual([before.done, before.pending]);
    expect(after.version).toBeGreaterThan(before.version);
  });

  it('a search finds posts just handed over, before they would be written on their own', async () => {
    const engine = new SearchEngine(db);
    await engine.posts.load();
    const stop = onPostsCommitted(({ db: _db, ...committed }) => void engine.posts.indexCommitted(committed));
    try {
      await commitBatch([post(0, '<p>the carriage scene</p>')], 'Just synced');
      const response = await engine.search({ query: 'carriage', filters: NO_FILTERS, sort: 'relevance', limit: 20 });
      expect(response.hits.map((hit) => hit.key)).toEqual([post(0, '').id]);
    } finally {
      stop();
    }
  });

  it('a search finds posts whose writing had already begun when it came', async () => {
    const engine = new SearchEngine(db);
    await engine.posts.load();
    const [batch] = await commitBatches(1, () => [post(0, '<p>the rehearsal baton</p>')], 'In flight');
    const stored = engine.posts.indexCommitted(batch!);
    const writing = engine.posts.flushHandedOver(); // as the 300 ms timer does, just before the search
    const response = await engine.search({ query: 'baton', filters: NO_FILTERS, sort: 'relevance', limit: 20 });
    await Promise.all([stored, writing]);
    expect(response.hits.map((hit) => hit.key)).toEqual([post(0, '').id]);
  });

  it("shows a result's author as written and finds it by the folded name", async () => {
    const engine = new SearchEngine(db);
    await commitBatch([post(0, '<p>the carriage scene</p>', { username: 'Zoë_Ann' })], 'Authors');
    await engine.posts.catchUp();
    const response = await engine.search({ query: 'author:zoe carriage', filters: NO_FILTERS, sort: 'relevance', limit: 20 });
    expect(response.hits.map((hit) => hit.author)).toEqual(['Zoë_Ann']);
  });

  it('catches up posts queued one by one and in batch rows together', async () => {
    await store(db, [post(1, '<p>single one</p>'), post(3, '<p>single three</p>')]);
    await db.posts.bulkPut([post(2, '<p>batched two</p>'), post(4, '<p>batched four</p>')]);
    await db.searchQueue.add(searchQueueBatch([post(2, '').id, post(4, '').id]));
    const index = new PostIndex(db);
    await index.catchUp();
    expect(postsWith(index, 'single')).toBe(2);
    expect(postsWith(index, 'batched')).toBe(2);
    expect(await db.searchQueue.count()).toBe(0);
  });

  it.each([
    ['written before segments kept their texts', ({ text: _text, ...row }: SearchSegmentRow): SearchSegmentRow => row],
    ['whose texts are damaged', (row: SearchSegmentRow): SearchSegmentRow => ({ ...row, text: Uint8Array.from([0xff, 0xfe, 0x00, 0x13]) })],
    ['whose texts are cut short', (row: SearchSegmentRow): SearchSegmentRow => ({ ...row, docCount: row.docCount + 1 })],
  ])('drops an index %s, and builds it again from the posts', async (_, spoil) => {
    await commitBatch([post(0, '<p>the older format</p>')], 'Upgraded');
    await new PostIndex(db).catchUp();
    const [row] = await db.searchSegments.toArray();
    await db.searchSegments.put(spoil(row!));

    const engine = new SearchEngine(db);
    await engine.posts.load();
    expect(await db.searchSegments.count()).toBe(0);
    expect(await engine.posts.queuedPosts()).toBe(1);
    await engine.posts.catchUp();
    const response = await engine.search({ query: 'format', filters: NO_FILTERS, sort: 'relevance', limit: 20 });
    expect(response.hits.map((hit) => hit.snippet.map((part) => part.text).join(''))).toEqual(['Upgraded the older format']);
  });

  it('says why it drops an index it cannot read back', async () => {
    await commitBatch([post(0, '<p>damaged</p>')], 'Damaged');
    await new PostIndex(db).catchUp();
    const [row] = await db.searchSegments.toArray();
    await db.searchSegments.put({ ...row!, docCount: row!.docCount + 1 });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await new PostIndex(db).load();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^The stored search index could not be read back \(.+\); it is built again from the stored posts\.$/));
    warn.mockRestore();
  });

  it('queues posts the index lacks when it is read back (an index lost, posts stored before)', async () => {
    await db.posts.bulkPut([post(1, '<p>kept</p>'), post(2, '<p>kept too</p>')]);
    const index = new PostIndex(db);
    await index.load();
    expect(await index.queuedPosts()).toBe(2);
    await index.catchUp();
    expect(postsWith(index, 'kept')).toBe(2);
  });
});

describe('index segments', () => {
  it('store every field a post needs, including times past 2038 and large ids', async () => {
    const late = post(3, '<p>Zoë’s café, twice: café</p>', { remoteId: 2_000_000_000, id: 'f.example/p/2000000000', createdAt: '2040-03-04T05:06:07.000Z' });
    const segment = new SegmentBuilder();
    indexPost(segment, post(0, '<p>x</p>'), 'A title');
    indexPost(segment, late, null);
    const index = new InvertedIndex();
    await applySegment(index, await segment.finish([]));
    const doc = index.docOf(late.id)!;
    expect(index.fieldsOf(doc)).toEqual({
      threadId: late.threadId,
      remoteId: 2_000_000_000,
      postNumber: late.postNumber,
      author: 'user3',
      time: Date.UTC(2040, 2, 4, 5, 6, 7) / 1000,
      length: 4,
      hash: postHash(late, null),
    });
    expect(index.postIdOf(doc)).toBe(late.id);
    expect(index.match([['cafe']], [], () => true).docs).toEqual(Uint32Array.from([doc]));
    expect(index.terms.get('cafe')!.counts[0]).toBe(2);
    expect(index.match([['title']], [], () => true).docs.length).toBe(1);
  });

  it('indexes a plain post as written: what looks like markup is words, quoted lines are left out', async () => {
    const text = '#include <stdio.h> &amp; <b>bold</b>\n> quotedword from another post\n-- \nsigword';
    const segment = new SegmentBuilder();
    indexPost(segment, post(1, text, { bodyFormat: 'plain' }), null);
    const index = new InvertedIndex();
    await applySegment(index, await segment.finish([]));
    const found = (word: string) => index.match([[word]], [], () => true).docs.length;
    expect(['stdio', 'amp', 'bold', 'sigword'].map(found)).toEqual([1, 1, 1, 1]);
    expect(found('quotedword')).toBe(0);
    expect(index.textOf(index.docOf(post(1, '').id)!)).toBe('#include <stdio.h> &amp; <b>bold</b>\n-- \nsigword');
  });

  it("keep each post's text as shown, however it is written, also through a compaction", async () => {
    const htmls = ['<p>Zoë’s café</p><p>second line</p>', '', '<p>a\u0000b</p>', '<p>日本語 🎬</p>'];
    const shown = htmls.map(postTextOf);
    expect(shown[2]!.trim()).toBe('a b');
    const segment = new SegmentBuilder();
    htmls.forEach((html, n) => indexPost(segment, post(n, html), null));
    const index = new InvertedIndex();
    await applySegment(index, await segment.finish([]));
    const textOf = (of: InvertedIndex, n: number) => of.textOf(of.docOf(post(n, '').id)!);
    expect(htmls.map((_, n) => textOf(index, n))).toEqual(shown);

    index.removePost(post(1, '').id);
    const compacted = new InvertedIndex();
    await applySegment(compacted, await compactSegment(index));
    expect([0, 2, 3].map((n) => textOf(compacted, n))).toEqual([shown[0], shown[2], shown[3]]);
    expect(compacted.hasPost(post(1, '').id)).toBe(false);
  });

  it("count a title's words twice and an author's names once, beside the words of the post", async () => {
    const segment = new SegmentBuilder();
    indexPost(segment, post(0, '<p>Ann wrote about the scene</p>', { username: 'ann', displayName: 'Ann Lee' }), 'The scene');
    const index = new InvertedIndex();
    await applySegment(index, await segment.finish([]));
    const count = (term: string) => index.terms.get(term)?.counts[0];
    expect([count('scene'), count('the'), count('ann'), count('lee'), count('wrote')]).toEqual([3, 3, 2, 1, 1]);
  });
});

async function reopen(db: ReaderDb): Promise<PostIndex> {
  const index = new PostIndex(db);
  await index.load();
  return index;
}
