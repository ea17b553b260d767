// The NNTP engine's own sync against the fake news server: article numbers as cursors, threads
// from References, crossposts once, and bad input as errors on one article or group.
import { afterEach, describe, expect, it } from 'vitest';
import { articleNumberFor } from '../../../../main/sources/nntp/news-ids';
import { STEP } from '../../../../main/sources/nntp/news-sync';
import { articleText, fakeNewsServer, manyArticles, type FakeArticle, type FakeGroups } from '../../../support/fake-newsgroups';
import { block, readerBasics, startFakeNntpServer, type FakeNntpServer } from '../../../support/nntp-fake-server';
import { NewsSyncStore, runNewsSync } from '../../../support/news-sync-store';

let server: FakeNntpServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function serve(groups: FakeGroups, options: Parameters<typeof fakeNewsServer>[1] = {}) {
  server = await startFakeNntpServer(fakeNewsServer(groups, options));
  return { server, store: new NewsSyncStore(server.address) };
}

describe('syncing a news server', () => {
  it('a first sync takes the newest articles only, as plain-text posts, and the group’s cursor is its high-water mark', async () => {
    const { store, server } = await serve(new Map([['test.first', manyArticles(5)]]));
    const run = await runNewsSync(store, ['test.first'], { extra: { firstSyncArticles: 3 } });
    expect([...store.posts.values()].map((post) => post.remoteKey).sort()).toEqual(['<a3@example.org>', '<a4@example.org>', '<a5@example.org>']);
    const post = [...store.posts.values()][0]!;
    expect(post).toMatchObject({ bodyFormat: 'plain', username: 'Ann Poster', postNumber: 1, html: 'Body of <a3@example.org>' });
    expect(store.boardCursors.get(store.boardId('test.first'))?.watermark).toBe('5');
    expect(server.commands).toContain('OVER 3-5');
    expect(server.commands.filter((command) => command.startsWith('ARTICLE'))).toEqual(['ARTICLE 3', 'ARTICLE 4', 'ARTICLE 5']);
    expect(run.outcome).toMatchObject({ postsFetched: 3, threadErrors: [], boardErrors: [] });
  });

  it('a second sync asks only for articles above the cursor, and one with nothing new fetches nothing', async () => {
    const articles = manyArticles(3);
    const { store, server } = await serve(new Map([['test.more', articles]]));
    await runNewsSync(store, ['test.more']);
    articles.push({ number: 4, messageId: '<a4@example.org>', subject: 'Re: Article 1', references: ['<a1@example.org>'] });
    server.commands.length = 0;
    const second = await runNewsSync(store, ['test.more']);
    expect(server.commands.filter((command) => /^(OVER|ARTICLE)/.test(command))).toEqual(['OVER 4-4', 'ARTICLE 4']);
    expect(second.outcome.postsFetched).toBe(1);
    // The reply joins its thread as post 2, and the thread keeps its title and author.
    const thread = store.threadOf('<a1@example.org>')!;
    expect(store.threadOf('<a4@example.org>')?.id).toBe(thread.id);
    expect(thread).toMatchObject({ title: 'Article 1', postsCount: 2, highestPostNumber: 2 });
    expect([...store.posts.values()].find((post) => post.remoteKey === '<a4@example.org>')).toMatchObject({ postNumber: 2, replyToPostNumber: 1 });
    server.commands.length = 0;
    const third = await runNewsSync(store, ['test.more']);
    expect(server.commands.filter((command) => /^(OVER|XOVER|ARTICLE)/.test(command))).toEqual([]);
    expect(third.batches.flatMap((batch) => batch.posts)).toEqual([]);
    expect(store.storedTwice).toEqual([]);
  });

  it('threads from References, In-Reply-To and then the subject, with a reply numbered under its parent', async () => {
    const { store } = await serve(
      new Map([
        [
          'test.threads',
          [
            { number: 1, messageId: '<root@x>', subject: 'Trains' },
            { number: 2, messageId: '<r1@x>', subject: 'Re: Trains', references: ['<root@x>'] },
            { number: 3, messageId: '<r2@x>', subject: 'Re: Trains', headers: ['In-Reply-To: <r1@x>'] },
            { number: 4, messageId: '<r3@x>', subject: 'Re: trains' },
            { number: 5, messageId: '<other@x>', subject: 'Boats' },
          ],
        ],
      ]),
    );
    await runNewsSync(store, ['test.threads']);
    const trains = store.threadOf('<root@x>')!;
    expect(['<r1@x>', '<r2@x>', '<r3@x>'].map((id) => store.threadOf(id)?.id)).toEqual([trains.id, trains.id, trains.id]);
    expect(store.threadOf('<other@x>')?.id).not.toBe(trains.id);
    expect(trains.remoteId).toBe(articleNumberFor('<root@x>'));
    const r2 = [...store.posts.values()].find((post) => post.remoteKey === '<r2@x>')!;
    expect(r2.replyToPostNumber).toBe(2);
  });

  it('a reply whose parent expired joins the thread of its root, in this run and the next', async () => {
    const articles: FakeArticle[] = [{ number: 7, messageId: '<late1@x>', subject: 'Re: Old news', references: ['<gone-root@x>', '<gone-mid@x>'] }];
    const { store } = await serve(new Map([['test.expired', articles]]));
    await runNewsSync(store, ['test.expired']);
    const thread = store.threadOf('<late1@x>')!;
    expect(thread).toMatchObject({ remoteId: articleNumberFor('<gone-root@x>'), title: 'Old news' });
    articles.push({ number: 8, messageId: '<late2@x>', subject: 'Re: Old news', references: ['<gone-root@x>'] });
    await runNewsSync(store, ['test.expired']);
    expect(store.threadOf('<late2@x>')?.id).toBe(thread.id);
    expect(store.threads.get(thread.id)).toMatchObject({ postsCount: 2, highestPostNumber: 2 });
  });

  it('a stored thread sent without its row fields still takes a new reply under the next number', async () => {
    const articles: FakeArticle[] = [
      { number: 1, messageId: '<t1@x>', subject: 'Kept' },
      { number: 2, messageId: '<t2@x>', subject: 'Re: Kept', references: ['<t1@x>'] },
    ];
    const { store } = await serve(new Map([['test.bare', articles]]));
    await runNewsSync(store, ['test.bare']);
    articles.push({ number: 3, messageId: '<t3@x>', subject: 'Re: Kept', references: ['<t1@x>', '<t2@x>'] });
    const request = store.request(['test.bare']);
    const bare = { ...request, known: request.known.map(({ thread: _, ...known }) => known) };
    await runNewsSync(store, ['test.bare'], { extra: bare });
    const reply = [...store.posts.values()].find((post) => post.remoteKey === '<t3@x>')!;
    expect(reply).toMatchObject({ threadId: store.threadOf('<t1@x>')!.id, postNumber: 3, replyToPostNumber: 2 });
    expect(store.threadOf('<t1@x>')).toMatchObject({ boardId: store.boardId('test.bare'), title: 'Kept', postsCount: 3 });
  });

  it('stores a crossposted article once, in the thread of the group it was first seen in, listed in both groups', async () => {
    const cross = { messageId: '<cross@x>', subject: 'Both groups', headers: ['Xref: fake test.a:1 test.b:1'] };
    const { store, server } = await serve(
      new Map([
        ['test.a', [{ number: 1, ...cross }]],
        ['test.b', [{ number: 1, ...cross }, { number: 2, messageId: '<only-b@x>', subject: 'Only here' }]],
      ]),
    );
    await runNewsSync(store, ['test.a', 'test.b']);
    expect([...store.posts.values()].map((post) => post.remoteKey).sort()).toEqual(['<cross@x>', '<only-b@x>']);
    expect(store.threadOf('<cross@x>')).toMatchObject({ boardId: store.boardId('test.a'), alsoInBoardIds: [store.boardId('test.b')] });
    expect(store.threadOf('<only-b@x>')?.alsoInBoardIds).toBeUndefined();
    // The second group's copy is known by its Message-ID from the overview: not fetched at all.
    expect(server.commands.filter((command) => command.startsWith('ARTICLE'))).toEqual(['ARTICLE 1', 'ARTICLE 2']);
    expect(store.boardCursors.get(store.boardId('test.b'))?.watermark).toBe('2');
  });

  it('a thread stored from one group is listed in the followed groups its later articles are read in or name', async () => {
    const groups: FakeGroups = new Map([
      ['test.a', [{ number: 1, messageId: '<root@x>', subject: 'Started in a' }]],
      ['test.b', []],
      ['test.c', []],
    ]);
    const { store } = await serve(groups);
    const followed = ['test.a', 'test.b', 'test.c'];
    await runNewsSync(store, followed);
    expect(store.threadOf('<root@x>')?.alsoInBoardIds).toBeUndefined();
    // A reply posted to test.b only joins the thread by References; test.b lists the thread now.
    groups.get('test.b')!.push({ number: 1, messageId: '<reply@x>', subject: 'Re: Started in a', references: ['<root@x>'] });
    await runNewsSync(store, followed);
    expect(store.threadOf('<reply@x>')).toMatchObject({ id: store.threadOf('<root@x>')!.id, boardId: store.boardId('test.a'), alsoInBoardIds: [store.boardId('test.b')], postsCount: 2 });
    // An article whose Newsgroups names a followed group (whose copy the server no longer lists)
    // and one not followed: the thread gains the followed one, and keeps what the last run found.
    const named = { number: 2, messageId: '<named@x>', subject: 'Re: Started in a', references: ['<root@x>'] };
    const raw = articleText(named, 'test.a').replace('Newsgroups: test.a', 'Newsgroups: test.a,test.c,other.unfollowed');
    groups.get('test.a')!.push({ ...named, raw });
    await runNewsSync(store, followed);
    expect(store.threadOf('<root@x>')?.alsoInBoardIds).toEqual([store.boardId('test.b'), store.boardId('test.c')].sort());
    expect(store.storedTwice).toEqual([]);
  });

  it('a run that breaks off resumes at the last step committed, and nothing is stored twice', async () => {
    const articles = manyArticles(STEP + 100);
    let dropAt: number | null = STEP + 50;
    const { store } = await serve(new Map([['test.resume', articles]]), {
      override: (command) => (dropAt !== null && command === `ARTICLE ${dropAt}` ? { drop: true } : null),
    });
    await expect(runNewsSync(store, ['test.resume'], { extra: { firstSyncArticles: 10_000 }, client: { retries: 0 } })).rejects.toMatchObject({ code: 'server_error' });
    expect(store.boardCursors.get(store.boardId('test.resume'))?.watermark).toBe(String(STEP));
    expect(store.posts.size).toBe(STEP);
    dropAt = null;
    await runNewsSync(store, ['test.resume']);
    expect(store.posts.size).toBe(STEP + 100);
    expect(store.storedTwice).toEqual([]);
    expect(store.boardCursors.get(store.boardId('test.resume'))?.watermark).toBe(String(STEP + 100));
  });

  it('a run stopped by its post ceiling keeps its place; the next run goes on', async () => {
    const { store } = await serve(new Map([['test.ceiling', manyArticles(10)]]));
    const first = await runNewsSync(store, ['test.ceiling'], { extra: { maxPostsPerRun: 4 } });
    expect(first.outcome.postsFetched).toBe(4);
    expect(first.outcome.boardErrors.map((error) => [error.title, error.error.code])).toEqual([['group test.ceiling', 'too_large']]);
    expect(store.boardCursors.get(store.boardId('test.ceiling'))?.watermark).toBe('4');
    await runNewsSync(store, ['test.ceiling']);
    expect(store.posts.size).toBe(10);
    expect(store.storedTwice).toEqual([]);
  });

  it('a group renumbered below the cursor is read again from its newest, without storing anything twice', async () => {
    const articles = manyArticles(3);
    const { store } = await serve(new Map([['test.renumbered', articles]]));
    await runNewsSync(store, ['test.renumbered']);
    // The server rebuilt its index: the same three articles now numbered 1-2-3 of a shorter history plus one new.
    articles.splice(0, 3, { ...articles[1]!, number: 1 }, { ...articles[2]!, number: 2 }, { number: 3, messageId: '<new@x>', subject: 'New after renumbering' });
    store.boardCursors.set(store.boardId('test.renumbered'), { boardId: store.boardId('test.renumbered'), watermark: '40' });
    await runNewsSync(store, ['test.renumbered']);
    expect(store.posts.size).toBe(4);
    expect(store.storedTwice).toEqual([]);
    expect(store.boardCursors.get(store.boardId('test.renumbered'))?.watermark).toBe('3');
  });
});

describe('bad input from a news server', () => {
  it('lying counts, broken overview lines, a 10 MB article, a bad charset, broken encoded words and a References loop: errors on those articles, the rest syncs', async () => {
    const huge = 'x'.repeat(998);
    const groups: FakeGroups = new Map([
      [
        'test.hostile',
        [
          { number: 1, messageId: '<fine@x>', subject: 'Fine' },
          { number: 2, messageId: '<broken-overview@x>', subject: 'Broken', overview: '2\tonly a subject' },
          { number: 3, messageId: '<huge@x>', subject: 'Huge', body: Array.from({ length: 10_500 }, () => huge).join('\r\n') },
          { number: 4, messageId: '<charset@x>', subject: 'Charset', headers: ['Content-Type: text/plain; charset=x-no-such-charset'], body: 'caf\xe9' },
          { number: 5, messageId: '<words@x>', subject: '=?UTF-8?B?not base64 at all?= and =?nonsense?Q?x?=' },
          { number: 6, messageId: '<loop-a@x>', subject: 'Loop', references: ['<loop-b@x>'] },
          { number: 7, messageId: '<loop-b@x>', subject: 'Re: Loop', references: ['<loop-a@x>'] },
          { number: 8, messageId: '<no-id>', subject: 'No id', overview: '8\tNo id\tA <a@x>\tSat, 05 Dec 2026 10:00:00 +0000\tnot-an-id\t\t1\t1' },
          { number: 9, messageId: `<${'long'.repeat(70)}@x>`, subject: 'An id past RFC 3977’s 250 octets' },
        ],
      ],
      ['test.after', [{ number: 1, messageId: '<after@x>', subject: 'Still synced' }]],
    ]);
    const { store } = await serve(groups, {
      // Claims a million articles; the range says there are eight.
      groupLine: (group, articles) => `211 1000000 1 ${articles.length} ${group}\r\n`,
    });
    const run = await runNewsSync(store, ['test.hostile', 'test.after']);
    expect([...store.posts.values()].map((post) => post.remoteKey).sort()).toEqual(['<after@x>', '<charset@x>', '<fine@x>', '<loop-a@x>', '<loop-b@x>', '<words@x>'].sort());
    // One entry for the group, naming each skipped article and why.
    expect(run.outcome.threadErrors).toEqual([]);
    expect(run.outcome.boardErrors).toHaveLength(1);
    expect(run.outcome.boardErrors[0]).toMatchObject({ title: 'group test.hostile', error: { code: 'bad_response' } });
    const message = run.outcome.boardErrors[0]!.error.message;
    expect(message).toMatch(/^4 articles were skipped, the rest synced\. /);
    expect(message).toMatch(/article 9: An overview line from the server could not be read \("<longlong.*" is not a Message-ID\)/);
    expect(message).toContain('article 2: An overview line from the server could not be read (2 fields where an overview line has at least 6)');
    expect(message).toContain('article 8: An overview line from the server could not be read ("not-an-id" is not a Message-ID)');
    expect(message).toMatch(/article 3: Article 3 is larger than the reader takes \(4 MB\)/);
    expect(store.threadOf('<loop-a@x>')?.id).toBe(store.threadOf('<loop-b@x>')?.id);
    expect([...store.posts.values()].find((post) => post.remoteKey === '<charset@x>')?.html).toBe('café');
    expect(store.boardCursors.get(store.boardId('test.hostile'))?.watermark).toBe('9');
  });

  it('a group the server does not have is an error on that group; the others sync', async () => {
    const { store } = await serve(new Map([['test.there', manyArticles(2)]]));
    const run = await runNewsSync(store, ['test.gone', 'test.there']);
    expect(run.outcome.boardErrors).toEqual([{ boardId: store.boardId('test.gone'), title: 'group test.gone', error: { code: 'not_found', message: 'The server has no group test.gone.' } }]);
    expect(store.posts.size).toBe(2);
  });

  it('a server that says 400 stops the run with words for it; what was committed stays', async () => {
    const { store } = await serve(new Map([['test.one', manyArticles(2)], ['test.two', manyArticles(2, 1, 'b')]]), {
      override: (command) => (command === 'GROUP test.two' ? '400 server going down for maintenance\r\n' : null),
    });
    await expect(runNewsSync(store, ['test.one', 'test.two'], { client: { retries: 0 } })).rejects.toMatchObject({ code: 'server_error', message: expect.stringContaining('not serving readers now (400 server going down') });
    expect(store.posts.size).toBe(2);
  });

  it('a server that trickles an answer a byte at a time is given up on after the response deadline', async () => {
    const endless = block('224 overview follows', Array.from({ length: 1000 }, (_, i) => `${i + 1}\tSubject\tA <a@x>\tSat, 05 Dec 2026 10:00:00 +0000\t<${i}@x>\t\t1\t1`));
    server = await startFakeNntpServer({
      reply: (command) => (command === 'GROUP test.slow' ? '211 1000 1 1000 test.slow\r\n' : command.startsWith('OVER') ? { trickle: endless, everyMs: 10 } : readerBasics(command) ?? '500 ?\r\n'),
    });
    const store = new NewsSyncStore(server.address);
    const started = Date.now();
    // Idle timeout 2 s, never reached (a byte every 10 ms); the whole answer may take 300 ms.
    await expect(runNewsSync(store, ['test.slow'], { client: { retries: 0, responseMs: 300 } })).rejects.toMatchObject({ code: 'timeout', message: expect.stringContaining('took more than 0.3 s to send one answer') });
    expect(Date.now() - started).toBeLessThan(1900);
  });
});
