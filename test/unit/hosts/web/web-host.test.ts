import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../../../main/hosts/web/web-host';
import { fakeHandlers } from '../electron/fake-handlers';
import { sendRawRequest } from '../../../support/raw-request';

/** A raw request, so tests can send the Host and Origin headers a browser would not let them forge. */
function raw(host: WebHost, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const url = new URL(host.url);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the web host', () => {
  let host: WebHost;
  let dir: string;
  const logged: unknown[][] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'web-host-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>reader</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(tmpdir(), 'secret-outside.txt'), 'secret');
    host = await startWebHost({ port: 0, rendererDir: dir, handlers: fakeHandlers(), token: 'launch-token', log: { error: (...args: unknown[]) => logged.push(args), warn: () => {}, info: () => {} } });
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const authed = (extra: Record<string, string> = {}) => ({ 'x-reader-token': 'launch-token', ...extra });

  it('listens on 127.0.0.1 only', () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
  });

  it('refuses calls and the event stream without the token with 403', async () => {
    expect((await raw(host, '/api/call/getAppInfo', { method: 'POST', body: '{}' })).status).toBe(403);
    expect((await raw(host, '/api/events')).status).toBe(403);
    expect((await raw(host, '/api/call/getAppInfo', { method: 'POST', body: '{}', headers: { 'x-reader-token': 'wrong' } })).status).toBe(403);
  });

  it('does not take the token from a cookie, which the browser would send to every port on 127.0.0.1', async () => {
    const cookie = 'reader_token=launch-token';
    expect((await raw(host, '/api/call/getAppInfo', { method: 'POST', body: '{}', headers: { cookie } })).status).toBe(403);
    expect((await raw(host, '/api/events', { headers: { cookie } })).status).toBe(403);
  });

  it('hands the token over in the fragment of the printed link and never sets a cookie', async () => {
    const link = new URL(host.launchUrl);
    expect(link.hash).toBe('#token=launch-token');
    expect(link.search).toBe('');
    // The fragment never reaches the server: the page loads without any credential, and sets none.
    const page = await raw(host, link.pathname);
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect((await raw(host, '/?token=launch-token')).headers['set-cookie']).toBeUndefined();
  });

  it('answers a request target that is not a URL, or a broken % escape, with 400', async () => {
    for (const target of ['//[::1', 'http://[', '/%zz', '/assets/%E0%A4%A.js']) {
      expect(await sendRawRequest(host.url, `GET ${target} HTTP/1.1`, authed()), target).toBe(400);
    }
    expect(logged).toEqual([]);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin on calls', async () => {
    expect((await raw(host, '/', { headers: authed({ host: 'evil.example:80' }) })).status).toBe(403);
    const foreign = await raw(host, '/api/call/getAppInfo', { method: 'POST', body: '{}', headers: authed({ origin: 'https://evil.example' }) });
    expect(foreign.status).toBe(403);
    const own = await raw(host, '/api/call/getAppInfo', { method: 'POST', body: '{}', headers: authed({ origin: host.url }) });
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body)).toMatchObject({ ok: true, value: { version: '1.2.3' } });
  });

  it('answers malformed and unknown calls with errors as values', async () => {
    const notJson = await raw(host, '/api/call/getAppInfo', { method: 'POST', body: '{', headers: authed() });
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const unknown = await raw(host, '/api/call/deleteEverything', { method: 'POST', body: '{}', headers: authed() });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('serves the renderer and never a file outside it', async () => {
    expect((await raw(host, '/assets/app.js', { headers: authed() })).body).toBe('console.log(1)');
    const escape = await raw(host, '/..%2fsecret-outside.txt', { headers: authed() });
    expect(escape.body).not.toContain('secret');
  });

  it('streams events to connected pages', async () => {
    const url = new URL(host.url);
    const received = new Promise<string>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: '/api/events', headers: authed() }, (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
          if (text.includes('syncProgress')) {
            resolve(text);
            req.destroy();
          } else if (text.includes(': connected')) {
            host.emit('syncProgress', { runId: 'r', forumId: 'f', threadsDone: 1, threadsTotal: 2, postsFetched: 3, currentThread: null });
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(await received).toContain('"threadsDone":1');
  });
});
