// The NNTP client against an in-process fake server, for faults a real INN2 will not produce.
import { afterEach, describe, expect, it } from 'vitest';
import { NntpClient, type NntpClientOptions } from '../../../../main/sources/nntp/nntp-client';
import { NntpError } from '../../../../main/sources/nntp/nntp-errors';
import { block, readerBasics, startFakeNntpServer, type FakeNntpOptions, type FakeNntpServer } from '../../../support/nntp-fake-server';

let server: FakeNntpServer | null = null;
let client: NntpClient | null = null;
const pauses: number[] = [];

async function connect(script: FakeNntpOptions, options: Partial<NntpClientOptions> = {}): Promise<{ server: FakeNntpServer; client: NntpClient }> {
  server = await startFakeNntpServer(script);
  client = new NntpClient({
    address: server.address,
    timeoutMs: 2000,
    backoffBaseMs: 100,
    sleep: async (ms) => {
      pauses.push(ms);
    },
    ...options,
  });
  return { server, client };
}

afterEach(async () => {
  client?.close();
  await server?.close();
  server = client = null;
  pauses.length = 0;
});

function overLine(number: number, subject = `Subject ${number}`): string {
  return [number, subject, 'A <a@example.org>', 'Sat, 05 Dec 2026 10:00:00 +0000', `<${number}@example.org>`, '', '100', '3'].join('\t');
}

describe('NNTP client', () => {
  it('does not trust the counts GROUP claims', async () => {
    const { client } = await connect({
      reply: (command) => (command === 'GROUP lies.more' ? '211 999999 10 20 lies.more\r\n' : command === 'GROUP lies.backwards' ? '211 50 30 20 lies.backwards\r\n' : readerBasics(command) ?? '500 ?\r\n'),
    });
    expect(await client.group('lies.more')).toEqual({ name: 'lies.more', count: 11, low: 10, high: 20 });
    expect(await client.group('lies.backwards')).toMatchObject({ count: 0 });
  });

  it('an overview line with missing fields is an error on that line; the others are read', async () => {
    const { client } = await connect({
      reply: (command) =>
        command === 'OVER 1-3'
          ? block('224 overview', [overLine(1), '2\tonly a subject', 'x\tbad\tnumber\tdate\t<x@y>\t', overLine(3), overLine(99)])
          : readerBasics(command) ?? '500 ?\r\n',
    });
    const overview = await client.over('g', 1, 3);
    expect(overview.entries.map((entry) => entry.number)).toEqual([1, 3]);
    expect(overview.errors.map((error) => error.why)).toEqual(['2 fields where an overview line has at least 6', '"x" is not an article number']);
  });

  it('falls back to XOVER when OVER is unknown', async () => {
    const { client, server } = await connect({
      reply: (command) =>
        command.startsWith('OVER') ? '500 what?\r\n' : command === 'XOVER 1-2' ? block('224 overview', [overLine(1), overLine(2)]) : readerBasics(command) ?? '500 ?\r\n',
    });
    expect((await client.over('g', 1, 2)).entries).toHaveLength(2);
    expect(server.commands.filter((command) => /OVER/.test(command))).toEqual(['OVER 1-2', 'XOVER 1-2']);
  });

  it('a 10 MB article is an error on that article; the ones after it still come, on a new connection', async () => {
    const huge = Array.from({ length: 10 * 1024 }, () => 'x'.repeat(1022));
    const { client, server } = await connect({
      reply: (command) => {
        const body = /^BODY (\d+)$/.exec(command);
        if (body) return body[1] === '2' ? block('222 2 <2@x> body', huge) : block(`222 ${body[1]} <${body[1]}@x> body`, [`body ${body[1]}`, '.dot line']);
        return readerBasics(command) ?? '500 ?\r\n';
      },
    });
    const results = await client.articles('g', [1, 2, 3], 'BODY');
    expect(results.map((result) => (result.ok ? result.data.toString() : result.error))).toEqual([
      'body 1\r\n.dot line\r\n',
      'Article 2 is larger than the reader takes (4 MB); it was skipped.',
      'body 3\r\n.dot line\r\n',
    ]);
    expect(server.connections).toBe(2);
  });

  it('keeps the pipeline full: the next command goes as each answer ends, not when the whole window is answered', async () => {
    const arrived = new Map<string, number>();
    const { client } = await connect(
      {
        reply: (command) => {
          arrived.set(command, Date.now());
          const body = /^BODY (\d+)$/.exec(command);
          // Article 2 comes slowly, a byte every 20 ms (about 0.8 s in all).
          if (body?.[1] === '2') return { trickle: block('222 2 <2@x> body', ['body 2']), everyMs: 20 };
          if (body) return block(`222 ${body[1]} <${body[1]}@x> body`, [`body ${body[1]}`]);
          return readerBasics(command) ?? '500 ?\r\n';
        },
      },
      { limits: { pipelineDepth: 2 } },
    );
    const results = await client.articles('g', [1, 2, 3, 4], 'BODY');
    expect(results.map((result) => result.ok && result.data.toString())).toEqual(['body 1\r\n', 'body 2\r\n', 'body 3\r\n', 'body 4\r\n']);
    // BODY 3 was asked for once article 1 was in, while article 2 was still arriving.
    expect(arrived.get('BODY 3')! - arrived.get('BODY 2')!).toBeLessThan(400);
  });

  it('a dropped connection in the middle of a batch is reopened and the batch finished, after a pause', async () => {
    const { client, server } = await connect({
      reply: (command, { connection }) => {
        const body = /^BODY (\d+)$/.exec(command);
        if (body && body[1] === '2' && connection === 1) return { drop: true };
        if (body) return block(`222 ${body[1]} <x> body`, [`body ${body[1]}`]);
        return readerBasics(command) ?? '500 ?\r\n';
      },
    });
    const results = await client.articles('g', [1, 2, 3], 'BODY');
    expect(results.map((result) => result.ok && result.data.toString())).toEqual(['body 1\r\n', 'body 2\r\n', 'body 3\r\n']);
    expect(server.connections).toBe(2);
    expect(pauses).toEqual([100]);
  });

  it('waits longer each time the server says 400 or 502, then connects', async () => {
    const { client } = await connect({
      greeting: ({ connection }) => (connection === 1 ? '400 too busy\r\n' : connection === 2 ? '502 go away\r\n' : '200 ready\r\n'),
      reply: (command) => readerBasics(command) ?? '500 ?\r\n',
    });
    expect(await client.group('g')).toMatchObject({ high: 3 });
    expect(pauses).toEqual([100, 200]);
  });

  it('gives up with a clear error when the server stays unavailable', async () => {
    const { client } = await connect({ greeting: () => '400 load too high\r\n', reply: () => '500 ?\r\n' }, { retries: 2 });
    const error = await client.group('g').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NntpError);
    expect((error as NntpError).message).toMatch(/is not serving readers now \(400 load too high\)/);
    expect(pauses).toEqual([100, 200]);
  });

  it('answers 480 with AUTHINFO USER/PASS and sends the command again', async () => {
    let loggedIn = false;
    const { client, server } = await connect(
      {
        reply: (command) => {
          if (command === 'AUTHINFO USER ann') return '381 password please\r\n';
          if (command === 'AUTHINFO PASS secret') return (loggedIn = true), '281 welcome\r\n';
          if (command.startsWith('GROUP') && !loggedIn) return '480 authentication required\r\n';
          return readerBasics(command) ?? '500 ?\r\n';
        },
      },
      { credentials: { user: 'ann', password: 'secret' } },
    );
    expect(await client.group('g')).toMatchObject({ high: 3 });
    expect(server.commands.slice(-4)).toEqual(['GROUP g', 'AUTHINFO USER ann', 'AUTHINFO PASS secret', 'GROUP g']);
  });

  it('a 480 without credentials says to add them, and is not retried', async () => {
    const { client } = await connect({ reply: (command) => (command.startsWith('GROUP') ? '480 who are you\r\n' : readerBasics(command) ?? '500 ?\r\n') });
    await expect(client.group('g')).rejects.toMatchObject({ code: 'auth-required' });
    expect(pauses).toEqual([]);
  });

  it('a server that goes silent is a timeout, not a hang', async () => {
    const { client } = await connect({ reply: (command) => (command.startsWith('GROUP') ? { silent: true } : readerBasics(command) ?? '500 ?\r\n') }, { timeoutMs: 200, retries: 0 });
    await expect(client.group('g')).rejects.toMatchObject({ code: 'timeout', message: expect.stringMatching(/sent nothing for 0.2 s/) });
  });

  it('an endless line is a size error, not a crash', async () => {
    const { client } = await connect({ reply: (command) => (command.startsWith('GROUP') ? `211 ${'9'.repeat(100_000)}` : readerBasics(command) ?? '500 ?\r\n') }, { retries: 0 });
    await expect(client.group('g')).rejects.toMatchObject({ code: 'too-large' });
  });

  it('POST dot-stuffs the article, and 441 435 counts as already there', async () => {
    let posts = 0;
    const { client, server } = await connect({
      reply: (command) => (command === 'POST' ? '340 send it\r\n' : readerBasics(command) ?? '500 ?\r\n'),
      article: () => (++posts === 1 ? '240 thanks\r\n' : posts === 2 ? '441 435 Duplicate\r\n' : '441 437 Too old\r\n'),
    });
    const article = Buffer.from('Subject: s\r\n\r\n.hidden\r\n..two\r\nend\r\n');
    expect(await client.post(article)).toEqual({ outcome: 'posted' });
    expect(await client.post(article)).toEqual({ outcome: 'already-there' });
    expect(await client.post(article)).toEqual({ outcome: 'refused', reason: '437 Too old' });
    expect(server.articles[0]).toBe('Subject: s\r\n\r\n.hidden\r\n..two\r\nend');
  });

  it('uses one connection per server by default, whatever runs at once', async () => {
    const { client, server } = await connect({
      reply: (command) => {
        const body = /^BODY (\d+)$/.exec(command);
        return body ? block(`222 ${body[1]} <x> body`, ['b']) : readerBasics(command) ?? '500 ?\r\n';
      },
    });
    await Promise.all([client.articles('g', [1, 2]), client.articles('h', [1, 2]), client.group('g'), client.stat('<a@b>').catch(() => null)]);
    expect(server.mostAtOnce).toBe(1);
  });
});
