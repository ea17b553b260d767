// The NNTP client against a real INN2 (test/support/inn2.ts): every test makes its own group.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NntpClient } from '../../main/sources/nntp/nntp-client';
import { createTestGroup, findInn2, INN2_ADDRESS, postArticles, removeTestGroups, testArticle } from '../support/inn2';

const inn2 = await findInn2();
if (!inn2.available) console.warn(inn2.why);

describe.skipIf(!inn2.available)('NNTP client against INN2', () => {
  // A connection per test, as a sync run opens its own: INN's nnrpd does not always see the
  // overview of groups created after it started (tradindexed maps group.index when it opens).
  let client: NntpClient;
  beforeEach(() => {
    client = new NntpClient({ address: INN2_ADDRESS, backoffBaseMs: 50 });
  });
  afterEach(() => client.close());
  afterAll(removeTestGroups);

  it('lists a new group with LIST ACTIVE and a wildmat, and GROUP gives its water marks', async () => {
    const group = await createTestGroup('list');
    await postArticles(group, [{ subject: 'one', body: 'first' }, { subject: 'two', body: 'second' }]);
    const listed = await client.listActive(group);
    expect(listed).toEqual([{ name: group, high: 2, low: 1, status: 'y' }]);
    expect(await client.group(group)).toEqual({ name: group, count: 2, low: 1, high: 2 });
  });

  it('reads overview and bodies of a group of 300 articles, dot-stuffed lines intact', async () => {
    const group = await createTestGroup('many');
    const articles = Array.from({ length: 300 }, (_, i) => ({ subject: `Article ${i + 1}`, body: `Body of ${i + 1}\n.starts with a dot\n..two dots\n` }));
    await postArticles(group, articles);
    const info = await client.group(group);
    expect(info).toMatchObject({ count: 300, low: 1, high: 300 });
    const overview = await client.over(group, info.low, info.high);
    expect(overview.errors).toEqual([]);
    expect(overview.entries.map((entry) => entry.subject)).toEqual(articles.map((article) => article.subject));
    const bodies = await client.articles(group, [1, 150, 300], 'BODY');
    expect(bodies.map((result) => (result.ok ? result.data.toString('utf8') : result.error))).toEqual([
      'Body of 1\r\n.starts with a dot\r\n..two dots\r\n',
      'Body of 150\r\n.starts with a dot\r\n..two dots\r\n',
      'Body of 300\r\n.starts with a dot\r\n..two dots\r\n',
    ]);
  });

  it('a missing article is an error on that article only', async () => {
    const group = await createTestGroup('missing');
    await postArticles(group, [{ subject: 'only', body: 'here' }]);
    const results = await client.articles(group, [1, 7, '<nowhere@test.reader.invalid>'], 'BODY');
    expect(results.map((result) => [result.id, result.ok, result.ok ? null : result.missing])).toEqual([
      [1, true, null],
      [7, false, true],
      ['<nowhere@test.reader.invalid>', false, true],
    ]);
  });

  it('STAT finds a posted Message-ID, and posting it again is 441 435, already there', async () => {
    const group = await createTestGroup('post');
    const messageId = `<stat-${Date.now()}@test.reader.invalid>`;
    expect(await client.stat(messageId)).toBe(false);
    const article = testArticle(group, { subject: 'once', body: 'only once', messageId });
    expect(await client.post(article)).toEqual({ outcome: 'posted' });
    expect(await client.stat(messageId)).toBe(true);
    expect(await client.post(article)).toEqual({ outcome: 'already-there' });
    expect((await client.group(group)).count).toBe(1);
  });
});
