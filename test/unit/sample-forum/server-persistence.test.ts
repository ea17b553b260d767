import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSampleForum } from '../../../main/sample-forum/server';
import { getJson, postReply } from './forum-http';

describe('persistence in the data directory', () => {
  let dataDir: string;
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sample-forum-'));
    warnings.length = 0;
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps replies and the API key across a restart', async () => {
    const first = await startSampleForum({ dataDir, warn });
    const { body: reply } = await postReply(first, { topic_id: 1377, raw: 'This reply should survive a restart.', reply_to_post_number: 3 });
    const apiKey = first.apiKey;
    await first.close();

    const second = await startSampleForum({ dataDir, warn });
    try {
      expect(second.apiKey).toEqual(apiKey);
      expect(JSON.parse(readFileSync(join(dataDir, 'sample-forum', 'account.json'), 'utf8'))).toEqual(apiKey);
      const { body: topic } = await getJson(second, '/t/1377.json');
      expect(topic.post_stream.stream.at(-1)).toBe(reply.id);
      const { body: post } = await getJson(second, `/posts/${reply.id}.json`);
      expect(post).toMatchObject({ post_number: 19, raw: 'This reply should survive a restart.', reply_to_post_number: 3, created_at: reply.created_at });
      // Posting still works with the saved key, and numbering continues.
      const next = await postReply(second, { topic_id: 1377, raw: 'And another one after the restart.' });
      expect(next.body.post_number).toBe(20);
    } finally {
      await second.close();
    }
    expect(warnings).toEqual([]);
  });

  it('skips a truncated last line of replies.jsonl with a warning and keeps appending cleanly', async () => {
    const first = await startSampleForum({ dataDir, warn });
    await postReply(first, { topic_id: 1377, raw: 'A complete line in the replies log.' });
    await first.close();
    const log = join(dataDir, 'sample-forum', 'replies.jsonl');
    appendFileSync(log, '{"kind":"reply","id":99999,"topicId":1377,"postNu');

    const second = await startSampleForum({ dataDir, warn });
    try {
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/truncated/);
      const raws = second.store.topics.get(1377)!.posts.map((p) => p.raw);
      expect(raws.at(-1)).toBe('A complete line in the replies log.');
      await postReply(second, { topic_id: 1377, raw: 'Written after the damaged line was dropped.' });
    } finally {
      await second.close();
    }
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line).raw)).toEqual([
      'A complete line in the replies log.',
      'Written after the damaged line was dropped.',
    ]);
  });

  it('skips unreadable lines in the middle and replies that no longer fit the forum', async () => {
    const log = join(dataDir, 'sample-forum', 'replies.jsonl');
    const first = await startSampleForum({ dataDir, warn });
    await first.close();
    writeFileSync(
      log,
      [
        'not json',
        JSON.stringify({ kind: 'reply', id: 50001, topicId: 4040, postNumber: 2, username: 'sample_reader', raw: 'reply to a topic that is gone', replyToPostNumber: null, createdAt: '2020-01-01T00:00:00.000Z' }),
        JSON.stringify({ kind: 'reply', id: 50002, topicId: 1377, postNumber: 19, username: 'sample_reader', raw: 'a reply that still fits the seed', replyToPostNumber: null, createdAt: '2020-01-01T00:00:00.000Z' }),
        JSON.stringify({ kind: 'reply', id: 50003, topicId: 1377, postNumber: 20, username: 'sample_reader', raw: 'JSON of the wrong shape', replyToPostNumber: '19', createdAt: '2020-01-01T00:00:00.000Z' }),
        '',
      ].join('\n'),
    );
    const second = await startSampleForum({ dataDir, warn });
    try {
      expect(warnings).toHaveLength(3);
      expect(second.store.livePost(50002)?.raw).toBe('a reply that still fits the seed');
      expect(second.store.livePost(50003)).toBeUndefined();
    } finally {
      await second.close();
    }
  });

  it('keeps nothing on disk without a data directory', async () => {
    const a = await startSampleForum({ dataDir: null });
    await postReply(a, { topic_id: 1377, raw: 'A reply that lives in memory only.' });
    await a.close();
    const b = await startSampleForum({ dataDir: null });
    try {
      expect(b.store.topics.get(1377)!.posts).toHaveLength(18);
      expect(b.apiKey.key).not.toBe(a.apiKey.key);
    } finally {
      await b.close();
    }
  });
});
