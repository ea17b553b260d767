// Adding a forum by its address: each way it can go wrong gets its own plain message.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PROBED_BOARDS } from '../../shared/api';
import { probeErrorText } from '../../renderer/features/forums/probe-messages';
import { startReaderBackend, type ReaderBackend } from '../support/reader-backend';

async function serve(listener: RequestListener): Promise<{ url: string; server: Server }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('checking a forum address', () => {
  let backend: ReaderBackend;
  const servers: Server[] = [];
  const site = async (listener: RequestListener) => {
    const started = await serve(listener);
    servers.push(started.server);
    return started.url;
  };
  beforeAll(async () => {
    backend = await startReaderBackend({ http: { timeoutMs: 300 } });
  });
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await backend.close();
  });

  const probe = async (address: string) => {
    const result = await backend.api.probeForum({ address });
    if (result.ok) throw new Error(`${address} was accepted`);
    return result.error;
  };

  it('says what is wrong with each kind of failure, in its own words', async () => {
    const closed = await serve(() => {});
    const closedUrl = closed.url;
    closed.server.close();
    const htmlSite = await site((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>A blog</title><p>Hello');
    });
    const privateSite = await site((req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: ['You need to be logged in to do that.'], error_type: 'not_logged_in' }));
    });
    const loginSite = await site((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ title: 'Staff Only', description: 'Members only', login_required: true }));
    });
    const silentSite = await site(() => {
      // Accepts the connection and never answers.
    });

    const errors = {
      notAnAddress: await probe('mailto:someone@example.org'),
      wrongAddress: await probe(closedUrl),
      notDiscourse: await probe(htmlSite),
      loginRequired403: await probe(privateSite),
      loginRequiredFlag: await probe(loginSite),
      timeout: await probe(silentSite),
    };
    const host = (url: string) => new URL(url).host;
    expect(errors.notAnAddress).toEqual({ code: 'invalid_address', message: '"mailto:someone@example.org" is not a web address (it starts with mailto:).' });
    expect(errors.wrongAddress).toEqual({ code: 'unreachable', message: `Could not reach ${host(closedUrl)} (connection refused).` });
    expect(errors.notDiscourse).toEqual({
      code: 'not_discourse',
      message: `${host(htmlSite)} answers, but it is not a Discourse forum (it has no /site/basic-info.json or /about.json).`,
    });
    expect(errors.loginRequired403).toEqual({ code: 'login_required', message: `${host(privateSite)} is a private forum: it wants a login before it shows anything.` });
    expect(errors.loginRequiredFlag.code).toBe('login_required');
    expect(errors.loginRequiredFlag.message).toContain('Staff Only');
    expect(errors.timeout).toEqual({ code: 'timeout', message: `${host(silentSite)} did not answer within 0.3 s.` });

    // What the dialog shows adds what the person can do, different for each.
    const shown = Object.values(errors).map(probeErrorText);
    expect(new Set(shown).size).toBe(shown.length);
    expect(probeErrorText(errors.timeout)).toMatch(/Try again in a few minutes\.$/);
  });

  it('a site listing more categories than the contract carries is kept to the first ones, and says how many it has', async () => {
    const categories = Array.from({ length: MAX_PROBED_BOARDS + 3 }, (_, i) => ({ id: i + 1, name: `C${i + 1}`, slug: `c${i + 1}`, description: null, position: i, topic_count: 0 }));
    const url = await site((request, response) => {
      response.setHeader('content-type', 'application/json');
      if (request.url === '/site/basic-info.json') return response.end(JSON.stringify({ title: 'Many', description: '' }));
      if (request.url === '/site.json') return response.end(JSON.stringify({ categories }));
      response.statusCode = 404;
      response.end('{}');
    });
    const result = await backend.api.probeForum({ address: url });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.boards).toHaveLength(MAX_PROBED_BOARDS);
    expect(result.value.totalBoards).toBe(MAX_PROBED_BOARDS + 3);
  });

  it('accepts a plain-http loopback address without a warning, and would warn for another host', async () => {
    const result = await backend.api.probeForum({ address: backend.forum.url });
    expect(result.ok && result.value.insecure).toBe(false);
    const { isInsecure } = await import('../../main/sources/discourse/probe');
    expect(isInsecure('http://forum.example.org')).toBe(true);
    expect(isInsecure('https://forum.example.org')).toBe(false);
  });
});
