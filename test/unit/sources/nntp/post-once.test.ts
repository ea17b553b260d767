// Exactly-once posting against a fake server that loses answers at the worst moments.
import { afterEach, describe, expect, it } from 'vitest';
import { NntpClient } from '../../../../main/sources/nntp/nntp-client';
import { postOnce, SendUncertainError } from '../../../../main/sources/nntp/post-once';
import { readerBasics, startFakeNntpServer, type FakeNntpOptions, type FakeNntpServer } from '../../../support/nntp-fake-server';

const ID = '<reply.1@example.org>';
const ARTICLE = Buffer.from(`Message-ID: ${ID}\r\nNewsgroups: g\r\nSubject: s\r\n\r\nbody\r\n`);
let server: FakeNntpServer | null = null;
let client: NntpClient | null = null;

async function connect(script: (have: () => boolean) => FakeNntpOptions): Promise<{ server: FakeNntpServer; client: NntpClient }> {
  let stored = false;
  const options = script(() => stored);
  server = await startFakeNntpServer({
    ...options,
    article: (article, context) => {
      stored = true;
      return options.article?.(article, context) ?? '240 ok\r\n';
    },
  });
  client = new NntpClient({ address: server.address, timeoutMs: 1000, backoffBaseMs: 1, sleep: async () => undefined });
  return { server, client };
}

afterEach(async () => {
  client?.close();
  await server?.close();
});

function statOr(have: () => boolean, command: string): string | null {
  return command === `STAT ${ID}` ? (have() ? `223 0 ${ID}\r\n` : '430 no such article\r\n') : null;
}

describe('posting exactly once', () => {
  it('an answer lost after the article went out: STAT finds it and it is not posted again', async () => {
    const { server, client } = await connect((have) => ({
      reply: (command) => statOr(have, command) ?? (command === 'POST' ? '340 go\r\n' : readerBasics(command) ?? '500 ?\r\n'),
      article: () => ({ drop: true }),
    }));
    expect(await postOnce(client, ARTICLE, ID, { mayHaveBeenSent: false })).toEqual({ status: 'sent', how: 'found' });
    expect(server.articles).toHaveLength(1);
    expect(server.commands.filter((command) => command === 'POST')).toHaveLength(1);
  });

  it('a connection lost before the article went out: STAT says no, and it is posted', async () => {
    let posts = 0;
    const { server, client } = await connect((have) => ({
      reply: (command) => statOr(have, command) ?? (command === 'POST' ? (++posts === 1 ? { drop: true } : '340 go\r\n') : readerBasics(command) ?? '500 ?\r\n'),
    }));
    expect(await postOnce(client, ARTICLE, ID, { mayHaveBeenSent: false })).toEqual({ status: 'sent', how: 'posted' });
    expect(server.articles).toHaveLength(1);
    expect(server.commands).toContain(`STAT ${ID}`);
  });

  it('a reply that may have gone out earlier is asked about first, not posted', async () => {
    const { server, client } = await connect(() => ({ reply: (command) => (command === `STAT ${ID}` ? `223 0 ${ID}\r\n` : readerBasics(command) ?? '500 ?\r\n') }));
    expect(await postOnce(client, ARTICLE, ID, { mayHaveBeenSent: true })).toEqual({ status: 'sent', how: 'found' });
    expect(server.commands).not.toContain('POST');
  });

  it('441 435 is sent; another 441 is a refusal with the server words', async () => {
    let answer = '441 435 Duplicate\r\n';
    const { client } = await connect((have) => ({
      reply: (command) => statOr(have, command) ?? (command === 'POST' ? '340 go\r\n' : readerBasics(command) ?? '500 ?\r\n'),
      article: () => answer,
    }));
    expect(await postOnce(client, ARTICLE, ID, { mayHaveBeenSent: false })).toEqual({ status: 'sent', how: 'already-there' });
    answer = '441 Newsgroups header field missing\r\n';
    expect(await postOnce(client, ARTICLE, ID, { mayHaveBeenSent: false })).toEqual({ status: 'refused', reason: 'Newsgroups header field missing' });
  });

  it('when nothing can be told, it says so and keeps the reply for a checked retry', async () => {
    const { client } = await connect(() => ({ reply: (command) => (command === 'POST' || command.startsWith('STAT') ? { drop: true } : readerBasics(command) ?? '500 ?\r\n') }));
    const error = await postOnce(client, ARTICLE, ID, { mayHaveBeenSent: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SendUncertainError);
    expect((error as Error).message).toMatch(/It is kept and will be checked before it is sent again/);
  });
});
