// Fetching one picture over real HTTP: a forum and a CDN on 127.0.0.1 (two ports, two origins).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchImage, type ImageRequest } from '../../main/sources/images/fetch-image';
import { RETRYABLE_IMAGE_FAILURES } from '../../shared/api';
import { startHostileForum, type HostileForum } from '../support/hostile-forum';
import { startPictureServer, type PictureServer } from '../support/picture-server';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/images/${name}`, import.meta.url));
const CREDENTIALS = { 'Api-Key': 'secret-key', 'Api-Username': 'reader' };
const MB = 1024 * 1024;

const send = (body: Buffer | string, headers: Record<string, string | number> = {}) => (res: ServerResponse) => {
  res.writeHead(200, headers);
  res.end(body);
};

describe('fetchImage', () => {
  let endlessClosedNow = () => {};
  const endlessClosed = new Promise<void>((resolve) => (endlessClosedNow = resolve));
  let forum: PictureServer;
  let cdn: PictureServer;
  let movedForum: HostileForum;
  const request = (path: string, overrides: Partial<ImageRequest> = {}): ImageRequest => ({
    url: `${forum.url}${path}`,
    forumOrigin: forum.url,
    credentials: CREDENTIALS,
    userAgent: 'ForumReader/test',
    ...overrides,
  });

  beforeAll(async () => {
    cdn = await startPictureServer({
      '/uploads/default/original/1X/red-shoes.png': send(fixture('red-shoes.png'), { 'content-type': 'image/png' }),
      '/opengraph/card.jpg': send(fixture('red-shoes.jpg'), { 'content-type': 'image/jpeg' }),
    });
    forum = await startPictureServer({
      '/uploads/default/original/1X/red-shoes.gif': send(fixture('red-shoes.gif'), { 'content-type': 'image/gif' }),
      // What the server says it is does not count: the bytes do.
      '/uploads/default/original/1X/says-html.webp': send(fixture('red-shoes.webp'), { 'content-type': 'text/html' }),
      '/uploads/default/original/1X/says-png.png': send('<!DOCTYPE html><html><body>Please log in</body></html>', { 'content-type': 'image/png' }),
      '/uploads/default/original/1X/bomb.png': send(fixture('bomb-100000x100000.png'), { 'content-type': 'image/png' }),
      '/uploads/default/original/1X/drawing.svg': send(fixture('drawing.svg'), { 'content-type': 'image/svg+xml' }),
      '/uploads/default/original/1X/huge.jpg': (res) => {
        // No Content-Length: the limit has to be found while reading.
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        res.write(fixture('red-shoes.jpg'));
        const chunk = Buffer.alloc(MB);
        let sent = 0;
        const more = () => {
          while (sent < 12 && !res.destroyed) {
            sent += 1;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
          if (!res.destroyed) res.end();
        };
        more();
      },
      '/uploads/default/original/1X/says-huge.jpg': (res) => {
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': 40 * MB });
        res.write(fixture('red-shoes.jpg'));
      },
      '/uploads/default/original/1X/gzip-bomb.png': (res) => {
        const member = gzipSync(Buffer.alloc(MB));
        res.writeHead(200, { 'content-type': 'image/png', 'content-encoding': 'gzip' });
        res.end(Buffer.concat(Array.from({ length: 20 }, () => member)));
      },
      '/uploads/default/original/1X/silent.png': (res) => {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.write(fixture('red-shoes.png').subarray(0, 10));
      },
      '/uploads/default/original/1X/endless-404.png': (res) => {
        res.writeHead(404, { 'content-type': 'text/html' });
        const page = Buffer.alloc(64 * 1024, 'Not found. ');
        const more = () => {
          while (!res.destroyed) if (!res.write(page)) return void res.once('drain', more);
        };
        res.on('close', () => endlessClosedNow());
        more();
      },
      '/uploads/default/original/1X/to-cdn.png': (res) => {
        res.writeHead(302, { location: `${cdn.url}/uploads/default/original/1X/red-shoes.png` });
        res.end();
      },
    });
    movedForum = await startHostileForum({ redirect: { paths: ['/uploads/'], to: cdn.url } });
  });
  afterAll(async () => {
    await Promise.all([forum.close(), cdn.close(), movedForum.close()]);
  });

  it('keeps a GIF from the forum with its type, size and content address, sending the credentials there', async () => {
    const result = await fetchImage(request('/uploads/default/original/1X/red-shoes.gif'));
    expect(result).toMatchObject({ ok: true, image: { type: 'gif', mime: 'image/gif', width: 40, height: 30 } });
    if (!result.ok) return;
    expect(result.image.hash).toBe(createHash('sha256').update(fixture('red-shoes.gif')).digest('hex'));
    expect(Buffer.compare(result.image.bytes, fixture('red-shoes.gif'))).toBe(0);
    const seen = forum.seen.find((entry) => entry.path.endsWith('/red-shoes.gif'));
    expect(seen?.headers['api-key']).toBe('secret-key');
  });

  it('keeps a WebP the server calls text/html, and refuses a web page it calls image/png', async () => {
    expect(await fetchImage(request('/uploads/default/original/1X/says-html.webp'))).toMatchObject({ ok: true, image: { type: 'webp', width: 50, height: 40 } });
    expect(await fetchImage(request('/uploads/default/original/1X/says-png.png'))).toEqual({
      ok: false,
      refusal: { code: 'not_image', message: 'not an image (the server sent a web page or other markup)' },
    });
  });

  it('refuses a PNG that claims 100000×100000 pixels', async () => {
    expect(await fetchImage(request('/uploads/default/original/1X/bomb.png'))).toEqual({
      ok: false,
      refusal: { code: 'too_many_pixels', message: '100000×100000 pixels is more than the reader keeps (50 megapixels)' },
    });
  });

  it('refuses an SVG', async () => {
    expect(await fetchImage(request('/uploads/default/original/1X/drawing.svg'))).toMatchObject({ ok: false, refusal: { code: 'svg' } });
  });

  it('stops reading a body past 10 MB, whether or not it said its length, and a gzip body that inflates past it', async () => {
    const tooLarge = { ok: false, refusal: { code: 'too_large', message: 'larger than 10 MB, the most the reader keeps of one picture' } };
    expect(await fetchImage(request('/uploads/default/original/1X/huge.jpg'))).toEqual(tooLarge);
    expect(await fetchImage(request('/uploads/default/original/1X/says-huge.jpg'))).toEqual(tooLarge);
    expect(await fetchImage(request('/uploads/default/original/1X/gzip-bomb.png'))).toEqual(tooLarge);
  });

  it('says the forum answered 404', async () => {
    expect(await fetchImage(request('/uploads/default/original/1X/gone.png'))).toEqual({
      ok: false,
      refusal: { code: 'http_status', message: 'the forum answered 404 (not found: the picture may have been deleted)' },
    });
  });

  it('does not read an error page: a 404 whose body never ends is answered at once and its connection closed', async () => {
    expect(await fetchImage(request('/uploads/default/original/1X/endless-404.png'))).toMatchObject({ ok: false, refusal: { code: 'http_status' } });
    await endlessClosed;
  });

  it('gives up on a server that stops sending, within the time given', async () => {
    expect(await fetchImage(request('/uploads/default/original/1X/silent.png', { timeoutMs: 300 }))).toMatchObject({
      ok: false,
      refusal: { code: 'timeout', message: `${new URL(forum.url).host} did not send it within 0.3 s` },
    });
  });

  it('says a host the name server does not know does not exist, and leaves it out of the next sync\'s retries', async () => {
    // What main/sources/node-fetch.ts rejects with when Node's lookup answers ENOTFOUND (NXDOMAIN).
    const noSuchHost = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND images.example.invalid'), { code: 'ENOTFOUND' }) });
    };
    const result = await fetchImage(request('', { url: 'https://images.example.invalid/still.jpg' }), noSuchHost);
    expect(result).toEqual({ ok: false, refusal: { code: 'no_such_host', message: 'images.example.invalid does not exist (no such host name); Refresh thread tries it again' } });
    expect(RETRYABLE_IMAGE_FAILURES).not.toContain('no_such_host');
    // A lookup that could not be made (offline) is tried again.
    const offline = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo EAI_AGAIN images.example.org'), { code: 'EAI_AGAIN' }) });
    };
    expect(await fetchImage(request('', { url: 'https://images.example.org/still.jpg' }), offline)).toMatchObject({ ok: false, refusal: { code: 'unreachable' } });
  });

  it('stops when the sync is cancelled', async () => {
    const controller = new AbortController();
    const pending = fetchImage(request('/uploads/default/original/1X/silent.png', { signal: controller.signal }));
    controller.abort();
    expect(await pending).toEqual({ ok: false, refusal: { code: 'cancelled', message: 'not fetched: cancelled' } });
  });

  it('a redirect from the forum to another host carries no credentials there', async () => {
    const result = await fetchImage(request('/uploads/default/original/1X/to-cdn.png'));
    expect(result).toMatchObject({ ok: true, image: { type: 'png', width: 64, height: 48, url: `${cdn.url}/uploads/default/original/1X/red-shoes.png` } });
    const atCdn = cdn.seen.filter((entry) => entry.path === '/uploads/default/original/1X/red-shoes.png');
    expect(atCdn.length).toBeGreaterThan(0);
    for (const { headers } of atCdn) {
      expect(headers['api-key']).toBeUndefined();
      expect(headers['api-username']).toBeUndefined();
    }
  });

  it('a forum that moved its uploads (307) gets the credentials, the new host does not', async () => {
    const before = cdn.seen.length;
    const result = await fetchImage({ ...request('/uploads/default/original/1X/red-shoes.png'), url: `${movedForum.url}/uploads/default/original/1X/red-shoes.png`, forumOrigin: movedForum.url });
    expect(result).toMatchObject({ ok: true, image: { type: 'png' } });
    expect(movedForum.requests.at(-1)?.headers['api-key']).toBe('secret-key');
    expect(cdn.seen.slice(before).map((entry) => entry.headers['api-key'])).toEqual([undefined]);
  });

  it('a picture on another host (a onebox card, a CDN) is fetched without the credentials at all', async () => {
    const result = await fetchImage(request('', { url: `${cdn.url}/opengraph/card.jpg` }));
    expect(result).toMatchObject({ ok: true, image: { type: 'jpeg', width: 120, height: 80 } });
    const seen = cdn.seen.find((entry) => entry.path === '/opengraph/card.jpg');
    expect(seen?.headers['api-key']).toBeUndefined();
    expect(seen?.headers['api-username']).toBeUndefined();
  });

  it('does not fetch an address that is not http or https', async () => {
    expect(await fetchImage(request('', { url: 'file:///etc/passwd' }))).toMatchObject({ ok: false, refusal: { code: 'bad_address' } });
  });
});
