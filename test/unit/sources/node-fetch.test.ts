import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMITS } from '../../../main/sources/body-limits';
import { nodeFetch } from '../../../main/sources/node-fetch';

describe('nodeFetch', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/gzip') {
        const body = gzipSync(JSON.stringify({ title: 'Compressed' }));
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': body.length });
        res.end(body);
      } else if (req.url === '/cut') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"half":', () => res.destroy());
      } else if (req.url === '/endless') {
        // An answer to a POST (a reply) that never ends: no endpoint sets a cap for it.
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = 'x'.repeat(64 * 1024);
        const more = () => !res.destroyed && res.write(chunk, more);
        more();
      } else if (req.url === '/moved') {
        res.writeHead(301, { location: '/echo' });
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json', 'x-seen-agent': String(req.headers['user-agent']), 'x-seen-key': String(req.headers['api-key']) });
        res.end(JSON.stringify({ method: req.method, path: req.url }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('asks for compressed answers and decompresses them', async () => {
    const response = await nodeFetch(`${base}/gzip`, {});
    expect(JSON.parse(await response.text())).toEqual({ title: 'Compressed' });
  });

  it('caps a body that no caller gave a limit, such as the answer to a posted reply, and aborts it there', async () => {
    const response = await nodeFetch(`${base}/endless`, { method: 'POST', body: '{}' });
    await expect(response.text()).rejects.toMatchObject({ name: 'BodyTooLargeError', limitBytes: BODY_LIMITS.other });
  });

  it('fails reading a body the connection cut short, as fetch does', async () => {
    const response = await nodeFetch(`${base}/cut`, {});
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it('follows redirects and passes headers through', async () => {
    const response = await nodeFetch(`${base}/moved`, { headers: { 'User-Agent': 'ForumReader/1' } });
    expect(response.status).toBe(200);
    expect(JSON.parse(await response.text())).toEqual({ method: 'GET', path: '/echo' });
    expect(response.headers.get('x-seen-agent')).toBe('ForumReader/1');
  });

  it('a redirect within the same origin keeps the credentials, which were given for that origin', async () => {
    const response = await nodeFetch(`${base}/moved`, { headers: { 'Api-Key': 'k1', 'Api-Username': 'reader' } });
    expect(response.headers.get('x-seen-key')).toBe('k1');
    expect(response.url).toBe(`${base}/echo`);
  });

  it('a refused connection rejects with the cause’s code', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const failure = await nodeFetch(`http://127.0.0.1:${port}/`, {}).catch((error: unknown) => error);
    expect((failure as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
  });
});
