// The NNTP engine's probe, login check and replies against the fake news server.
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PROBED_BOARDS } from '../../../../shared/api';
import type { SendReplyRequest } from '../../../../shared/replies';
import { AccountStore, type Credentials } from '../../../../main/accounts/account-store';
import { createMemoryCipher } from '../../../../main/accounts/secret-cipher';
import { ReplySender } from '../../../../main/outbox/reply-sender';
import { createForumSources } from '../../../../main/sources/forum-sources';
import { createPoliteHttp } from '../../../../main/sources/polite-http';
import { createNntpEngine } from '../../../../main/sources/nntp/news-engine';
import { newsBaseUrl, newsForumId, replyMessageId } from '../../../../main/sources/nntp/news-ids';
import { fakeNewsServer, type FakeGroups } from '../../../support/fake-newsgroups';
import { block, readerBasics, startFakeNntpServer, type FakeNntpOptions, type FakeNntpServer } from '../../../support/nntp-fake-server';

let server: FakeNntpServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const saved = new Map<string, Credentials>();
const engine = createNntpEngine({ credentialsFor: async (forumId) => saved.get(forumId) ?? null, client: { timeoutMs: 2000, backoffBaseMs: 1, retries: 1 } });
afterEach(() => saved.clear());

async function start(script: FakeNntpOptions) {
  server = await startFakeNntpServer(script);
  const baseUrl = newsBaseUrl(server.address);
  return { server, baseUrl, forumId: newsForumId(server.address), address: `nntp://127.0.0.1:${server.address.port}` };
}

const identity = { displayName: 'Zoë Reader', email: 'zoe@example.org' };
const account = (baseUrl: string, login: { user: string; password: string } | null = null): Credentials => ({
  kind: 'news',
  username: login?.user ?? identity.email,
  key: login?.password ?? '',
  clientId: null,
  baseUrl,
  identity,
});

describe('probing a news server', () => {
  it('lists its readable groups by name as boards, with their statuses in words (not junk, aliases or names no command could carry)', async () => {
    const { address, forumId } = await start({
      greeting: () => '201 read-only server\r\n',
      reply: (command) => (command === 'LIST ACTIVE' ? block('215 list follows', ['comp.lang.c 20 1 y', 'alt.test 5 3 m', 'junk 9 1 j', 'news.announce 4 1 n', 'alias.group 0 1 =comp.lang.c', `${'x'.repeat(600)} 1 1 y`]) : readerBasics(command) ?? '500 ?\r\n'),
    });
    const probe = await engine.probe(address);
    expect(probe).toMatchObject({ protocol: 'nntp', forumId, title: '127.0.0.1', description: 'read-only server', loginRequired: false, insecure: false, postingAllowed: false });
    expect(probe.boards.map((board) => [board.name, board.slug, board.description, board.threadCount])).toEqual([
      ['alt.test', 'alt.test', 'Moderated: posts wait for a moderator.', 3],
      ['comp.lang.c', 'comp.lang.c', '', 20],
      ['news.announce', 'news.announce', 'Read only: the server takes no posts here.', 4],
    ]);
    expect(probe.totalBoards).toBeUndefined();
  });

  it('keeps the first groups of a server with more than the dialog lists, and says how many there are', async () => {
    const names = Array.from({ length: MAX_PROBED_BOARDS + 25 }, (_, i) => `group.${String(i).padStart(6, '0')} 10 1 y`);
    const { address } = await start({ reply: (command) => (command === 'LIST ACTIVE' ? block('215 list follows', names) : readerBasics(command) ?? '500 ?\r\n') });
    const probe = await engine.probe(address);
    expect(probe.boards).toHaveLength(MAX_PROBED_BOARDS);
    expect(probe.totalBoards).toBe(MAX_PROBED_BOARDS + 25);
  });

  it('says when the server wants a login before it lists groups (480), and lists them once one is saved', async () => {
    const { address, forumId, baseUrl } = await start({
      reply: (command) => {
        if (command === 'AUTHINFO USER ann') return '381 password\r\n';
        if (command === 'AUTHINFO PASS secret') return '281 welcome\r\n';
        if (command === 'LIST ACTIVE') return server!.commands.includes('AUTHINFO PASS secret') ? block('215 list', ['local.test 3 1 y']) : '480 authentication required\r\n';
        return readerBasics(command) ?? '500 ?\r\n';
      },
    });
    expect(await engine.probe(address)).toMatchObject({ loginRequired: true, boards: [] });
    saved.set(forumId, account(baseUrl, { user: 'ann', password: 'secret' }));
    const again = await engine.probe(address);
    expect(again).toMatchObject({ loginRequired: false, boards: [{ name: 'local.test' }] });
  });

  it('asks for the login in the dialog when the server wants one before anything else (480 to MODE READER)', async () => {
    const loggedIn = () => server!.commands.includes('AUTHINFO PASS secret');
    const { address, forumId, baseUrl } = await start({
      reply: (command) => {
        if (command === 'CAPABILITIES') return block('101 Capability list:', ['VERSION 2', 'MODE-READER', 'AUTHINFO USER']);
        if (command === 'MODE READER') return loggedIn() ? '200 reader ready\r\n' : '480 authentication required\r\n';
        if (command === 'AUTHINFO USER ann') return '381 password\r\n';
        if (command === 'AUTHINFO PASS secret') return '281 welcome\r\n';
        if (command === 'LIST ACTIVE') return block('215 list', ['local.test 3 1 y']);
        return readerBasics(command) ?? '500 ?\r\n';
      },
    });
    expect(await engine.probe(address)).toMatchObject({ protocol: 'nntp', forumId, baseUrl, loginRequired: true, boards: [] });
    saved.set(forumId, account(baseUrl, { user: 'ann', password: 'secret' }));
    expect(await engine.probe(address)).toMatchObject({ loginRequired: false, boards: [{ name: 'local.test' }] });
  });

  it('turns a wrong address and an unreachable server into words, not faults', async () => {
    await expect(engine.probe('nntp://')).rejects.toMatchObject({ code: 'invalid_address' });
    await expect(engine.probe('nntp://127.0.0.1:1')).rejects.toMatchObject({ code: 'unreachable', message: expect.stringContaining('Could not connect to 127.0.0.1:1') });
  });
});

describe('a news account', () => {
  const loginScript = (command: string) => (command === 'AUTHINFO USER ann' ? '381 password\r\n' : command === 'AUTHINFO PASS right' ? '281 ok\r\n' : command.startsWith('AUTHINFO PASS') ? '481 no\r\n' : readerBasics(command) ?? '500 ?\r\n');

  it('is checked with AUTHINFO USER/PASS: a refused password throws with words, a right one is verified', async () => {
    const { baseUrl, forumId } = await start({ reply: loginScript });
    const connection = engine.connect({ forumId, baseUrl, politeness: { budget: null } });
    expect(await connection.verifyAccount(account(baseUrl, { user: 'ann', password: 'right' }))).toEqual({ username: 'ann', verified: true });
    await expect(connection.verifyAccount(account(baseUrl, { user: 'ann', password: 'wrong' }))).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('refused the user name or password') });
  });

  it('without a login, only needs the server to answer; an unreachable one leaves it unverified', async () => {
    const { baseUrl, forumId } = await start({ reply: loginScript });
    expect(await engine.connect({ forumId, baseUrl, politeness: { budget: null } }).verifyAccount(account(baseUrl))).toEqual({ username: identity.email, verified: true });
    const gone = engine.connect({ forumId: '127.0.0.1:1', baseUrl: 'nntp://127.0.0.1:1', politeness: { budget: null } });
    expect(await gone.verifyAccount(account('nntp://127.0.0.1:1'))).toEqual({ username: identity.email, verified: false });
  });
});

describe('replying on a news server', () => {
  const root: FakeGroups = new Map([
    ['test.replies', [{ number: 1, messageId: '<root@example.org>', subject: 'A question', references: ['<older@example.org>'], headers: ['Followup-To: test.followups'] }]],
  ]);
  const request = (overrides: Partial<SendReplyRequest> = {}): SendReplyRequest => ({
    clientId: '6f1c2d3e-aaaa-bbbb-cccc-1234567890ab',
    forumId: 'x',
    topicId: 42,
    replyToPostNumber: 1,
    replyToKey: '<root@example.org>',
    raw: 'My answer.',
    firstAttemptAt: new Date().toISOString(),
    maybeSent: false,
    afterPostNumber: 1,
    claimedPostIds: [],
    ...overrides,
  });

  it('posts an article built from the one answered, with the Message-ID of its client id, and keeps a plain-text copy', async () => {
    const { baseUrl, forumId, server } = await start(fakeNewsServer(root));
    const connection = engine.connect({ forumId, baseUrl, politeness: { budget: null } });
    const attempt = await connection.postReply(request({ forumId }), account(baseUrl));
    const messageId = replyMessageId('6f1c2d3e-aaaa-bbbb-cccc-1234567890ab', server.address);
    expect(messageId).toBe('<reader.6f1c2d3e-aaaa-bbbb-cccc-1234567890ab@[127.0.0.1]>');
    expect(attempt).toMatchObject({ kind: 'posted', post: { remoteKey: messageId, postNumber: 2, replyToPostNumber: 1, username: 'Zoë Reader', html: 'My answer.', bodyFormat: 'plain', threadId: `${forumId}/t/42` } });
    const article = server.articles[0]!;
    expect(article).toContain(`Message-ID: ${messageId}`);
    expect(article).toContain('Newsgroups: test.followups');
    expect(article).toContain('References: <older@example.org> <root@example.org>');
    expect(article).toContain('Subject: Re: A question');
    expect(article).toContain('From: =?UTF-8?B?');
    expect(server.commands).toEqual(expect.arrayContaining(['HEAD <root@example.org>', 'POST']));
  });

  it('"441 435" (the server has that Message-ID) counts as posted', async () => {
    const { baseUrl, forumId } = await start({ ...fakeNewsServer(root), article: () => '441 435 Duplicate\r\n' });
    expect(await engine.connect({ forumId, baseUrl, politeness: { budget: null } }).postReply(request({ forumId }), account(baseUrl))).toMatchObject({ kind: 'posted' });
  });

  it('another 441 is a refusal with the server’s words; nothing is tried again by itself', async () => {
    const { baseUrl, forumId } = await start({ ...fakeNewsServer(root), article: () => '441 Newsgroups header names a group we do not carry\r\n' });
    expect(await engine.connect({ forumId, baseUrl, politeness: { budget: null } }).postReply(request({ forumId }), account(baseUrl))).toEqual({
      kind: 'refused',
      cause: 'rejected',
      reason: '127.0.0.1 did not take the reply: Newsgroups header names a group we do not carry',
    });
  });

  it('finds an earlier attempt with STAT <message-id> before posting again', async () => {
    const groups: FakeGroups = new Map([['test.replies', [...root.get('test.replies')!]]]);
    const { baseUrl, forumId, server } = await start(fakeNewsServer(groups));
    const connection = engine.connect({ forumId, baseUrl, politeness: { budget: null } });
    expect(await connection.findSentReply(request({ forumId }), account(baseUrl), 1)).toEqual({ post: null, highestPostNumber: 1 });
    groups.get('test.replies')!.push({ number: 2, messageId: replyMessageId('6f1c2d3e-aaaa-bbbb-cccc-1234567890ab', server.address), subject: 'Re: A question' });
    expect(await connection.findSentReply(request({ forumId }), account(baseUrl), 1)).toMatchObject({ post: { postNumber: 2, html: 'My answer.' } });
    expect(server.commands.filter((command) => command.startsWith('STAT'))).toHaveLength(2);
    expect(server.commands).not.toContain('POST');
  });

  it('a reply to an expired article, or with no identity or no article named, is refused with what to do', async () => {
    const { baseUrl, forumId } = await start(fakeNewsServer(root));
    const connection = engine.connect({ forumId, baseUrl, politeness: { budget: null } });
    expect(await connection.postReply(request({ forumId, replyToKey: '<expired@example.org>' }), account(baseUrl))).toMatchObject({ kind: 'refused', cause: 'not_found', reason: expect.stringContaining('no longer on 127.0.0.1') });
    const { identity: _, ...noIdentity } = account(baseUrl);
    expect(await connection.postReply(request({ forumId }), noIdentity)).toMatchObject({ kind: 'refused', cause: 'no_account' });
    const { replyToKey: __, ...unnamed } = request({ forumId });
    expect(await connection.postReply(unnamed, account(baseUrl))).toMatchObject({ kind: 'refused', cause: 'rejected' });
  });

  it('a connection lost after the article went out is an error the outbox treats as maybe sent', async () => {
    const { baseUrl, forumId } = await start({ ...fakeNewsServer(root), article: () => ({ drop: true }) });
    const connection = engine.connect({ forumId, baseUrl, politeness: { budget: null } });
    const failure = await connection.postReply(request({ forumId }), account(baseUrl)).catch((error: unknown) => error);
    expect(connection.describeError(failure)).toMatchObject({ code: 'server_error', message: expect.stringContaining('closed the connection') });
  });
});

describe('a news reply through the outbox sender', () => {
  it('an answer lost after the article went out: the next attempt asks STAT, finds it, and posts nothing', async () => {
    const groups: FakeGroups = new Map([['test.replies', [{ number: 1, messageId: '<root@example.org>', subject: 'A question' }]]]);
    const script = fakeNewsServer(groups);
    const { server, baseUrl, forumId } = await start({
      ...script,
      article: (article) => {
        // The server keeps the article, then the connection drops before its 240 arrives.
        const messageId = /^Message-ID: (.*)$/m.exec(article)![1]!.trim();
        groups.get('test.replies')!.push({ number: 2, messageId, subject: 'Re: A question' });
        return { drop: true };
      },
    });
    const accounts = new AccountStore({ dir: null, cipher: createMemoryCipher() });
    await accounts.save(forumId, account(baseUrl), true);
    const forums = createForumSources({ http: createPoliteHttp({ userAgent: 'test' }), sampleForumUrl: 'http://127.0.0.1:9', credentialsFor: (id) => accounts.credentialsFor(id), news: { timeoutMs: 2000, backoffBaseMs: 1, retries: 0 } });
    const sender = new ReplySender({ forums, accounts, log: { error: () => {}, warn: () => {}, info: () => {} } });
    const request: SendReplyRequest = {
      clientId: '0d6f6a0e-1111-2222-3333-444455556666',
      forumId,
      topicId: 7,
      replyToPostNumber: 1,
      replyToKey: '<root@example.org>',
      raw: 'Once only.',
      firstAttemptAt: new Date().toISOString(),
      maybeSent: false,
      afterPostNumber: 1,
      claimedPostIds: [],
    };
    const first = await sender.send(request);
    expect(first).toMatchObject({ kind: 'retry', maybeSent: true });
    // What the renderer records and sends next time (a new process would know only this).
    const second = await new ReplySender({ forums, accounts, log: { error: () => {}, warn: () => {}, info: () => {} } }).send({ ...request, maybeSent: true });
    expect(second).toMatchObject({ kind: 'sent', foundInThread: true, post: { remoteKey: replyMessageId(request.clientId, server.address) } });
    expect(server.commands.filter((command) => command === 'POST')).toHaveLength(1);
    expect(server.articles).toHaveLength(1);
  });
});

describe('a reply’s Message-ID', () => {
  it('is the same for the same queued reply, names the server, and stays within 250 octets', () => {
    const clientId = '0d6f6a0e-1111-2222-3333-444455556666';
    const address = { host: 'News.Example.org', port: 119, tls: false };
    expect(replyMessageId(clientId, address)).toBe(`<reader.${clientId}@news.example.org>`);
    expect(replyMessageId(clientId, { host: '::1', port: 119, tls: false })).toBe(`<reader.${clientId}@[::1]>`);
    const long = { host: `${'a'.repeat(63)}.`.repeat(4).concat('org'), port: 119, tls: false };
    expect(replyMessageId(clientId, long)).toBe(`<reader.${clientId}@news.invalid>`);
  });
});
