// nntps:// and STARTTLS against the fake server with a test certificate.
import { afterEach, describe, expect, it } from 'vitest';
import { parseNntpAddress, NntpAddressError } from '../../../../main/sources/nntp/nntp-address';
import { NntpClient } from '../../../../main/sources/nntp/nntp-client';
import { readerBasics, startFakeNntpServer, type FakeNntpServer } from '../../../support/nntp-fake-server';
import { TEST_TLS_CERT } from '../../../support/nntp-test-tls';

let server: FakeNntpServer | null = null;
let client: NntpClient | null = null;
afterEach(async () => {
  client?.close();
  await server?.close();
  server = client = null;
});

const WITH_STARTTLS = (command: string): string =>
  command === 'CAPABILITIES' ? '101 caps\r\nVERSION 2\r\nREADER\r\nOVER\r\nSTARTTLS\r\nAUTHINFO USER\r\n.\r\n' : readerBasics(command) ?? '500 ?\r\n';

describe('NNTP over TLS', () => {
  it('nntps:// speaks TLS from the first byte and checks the certificate', async () => {
    server = await startFakeNntpServer({ tls: 'implicit', reply: (command) => readerBasics(command) ?? '500 ?\r\n' });
    client = new NntpClient({ address: server.address, tls: { ca: TEST_TLS_CERT }, timeoutMs: 2000 });
    expect(await client.group('g')).toMatchObject({ high: 3 });
    const untrusting = new NntpClient({ address: server.address, timeoutMs: 2000, sleep: async () => undefined });
    await expect(untrusting.group('g')).rejects.toMatchObject({ code: 'tls-failed', message: expect.stringMatching(/TLS connection to 127.0.0.1:\d+ failed: self-signed certificate/) });
  });

  it('upgrades with STARTTLS where offered, before any password is sent', async () => {
    let loggedIn = false;
    server = await startFakeNntpServer({
      tls: 'starttls',
      reply: (command) => {
        if (command === 'AUTHINFO USER ann') return '381 more\r\n';
        if (command === 'AUTHINFO PASS pw') return (loggedIn = true), '281 ok\r\n';
        if (command.startsWith('GROUP') && !loggedIn) return '480 login first\r\n';
        return WITH_STARTTLS(command);
      },
    });
    client = new NntpClient({ address: server.address, tls: { ca: TEST_TLS_CERT }, credentials: { user: 'ann', password: 'pw' }, timeoutMs: 2000 });
    expect(await client.group('g')).toMatchObject({ high: 3 });
    const commands = server.commands;
    expect(commands.indexOf('STARTTLS')).toBeGreaterThan(-1);
    expect(commands.indexOf('STARTTLS')).toBeLessThan(commands.indexOf('AUTHINFO PASS pw'));
    // RFC 4642 §2.2.2: capabilities are asked for again over TLS.
    expect(commands.slice(commands.indexOf('STARTTLS') + 1)[0]).toBe('CAPABILITIES');
  });

  it('goes on in plain text when the server cannot start TLS after all (580, as INN without a certificate)', async () => {
    server = await startFakeNntpServer({ reply: (command) => (command === 'STARTTLS' ? '580 cannot\r\n' : WITH_STARTTLS(command)) });
    client = new NntpClient({ address: server.address, timeoutMs: 2000 });
    expect(await client.group('g')).toMatchObject({ high: 3 });
  });
});

describe('news server addresses', () => {
  it('reads nntp://, nntps:// and news:// with their default ports', () => {
    expect(parseNntpAddress('nntp://news.example.org')).toEqual({ host: 'news.example.org', port: 119, tls: false });
    expect(parseNntpAddress('nntps://news.example.org')).toEqual({ host: 'news.example.org', port: 563, tls: true });
    expect(parseNntpAddress('news://news.example.org:1119')).toEqual({ host: 'news.example.org', port: 1119, tls: false });
    expect(parseNntpAddress(' nntp://[::1]:119 ')).toEqual({ host: '::1', port: 119, tls: false });
  });

  it('refuses addresses it cannot use, saying how to write one', () => {
    expect(() => parseNntpAddress('https://news.example.org')).toThrow(/scheme https: is not nntp:, nntps: or news:/);
    expect(() => parseNntpAddress('news:comp.lang.c')).toThrow(NntpAddressError);
    expect(() => parseNntpAddress('nntp://user:pw@news.example.org')).toThrow(/own fields/);
  });
});
