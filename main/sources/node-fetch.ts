// The little of fetch that polite-http uses, on node:http(s) with keep-alive agents (the web host's
// transport; the desktop host's is Electron's net, hosts/electron/net-fetch.ts). A sync makes
// thousands of small requests; undici's WHATWG streams cost a quarter of main's CPU doing so.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { BodyTooLargeError } from './body-limits';
import { bodyLimit, followingRedirects, type FetchInit, type SingleHop } from './fetch-following';

const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgent = new HttpsAgent({ keepAlive: true });

export const nodeFetch = followingRedirects(send);

function send(url: string, init: FetchInit): Promise<SingleHop> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  if (!secure && target.protocol !== 'http:') return Promise.reject(new TypeError(`Only http and https are fetched, not ${target.protocol}`));
  return new Promise((resolve, reject) => {
    const request = (secure ? httpsRequest : httpRequest)(target, {
      method: init.method ?? 'GET',
      headers: {
        // Forum JSON shrinks several times over when compressed: it matters on a slow connection.
        'Accept-Encoding': 'gzip, deflate, br',
        ...init.headers,
        ...(init.body !== undefined && { 'Content-Length': String(Buffer.byteLength(init.body)) }),
      },
      agent: secure ? httpsAgent : httpAgent,
      signal: init.signal,
    });
    request.on('response', (message) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(message.headers)) {
        if (Array.isArray(value)) value.forEach((item) => headers.append(name, item));
        else if (value !== undefined) headers.set(name, value);
      }
      resolve({ status: message.statusCode ?? 0, headers, bytes: () => readBody(url, message, bodyLimit(init)), discard: () => message.destroy() });
    });
    request.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
    request.end(init.body);
  });
}

/**
 * The whole body; a connection that ends before Content-Length is reached is an error, as in fetch.
 * Past `limit` bytes, raw or decompressed, the request is aborted and the read fails.
 */
function readBody(url: string, message: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const cut = () => new TypeError('fetch failed', { cause: Object.assign(new Error('connection dropped'), { code: 'ECONNRESET' }) });
    const fail = (error: unknown) => reject(error instanceof TypeError || error instanceof BodyTooLargeError ? error : new TypeError('fetch failed', { cause: error }));
    message.on('aborted', () => fail(cut()));
    message.on('error', fail);
    const body = decoded(message, fail);
    const tooLarge = () => {
      fail(new BodyTooLargeError(url, limit));
      // Destroying the response closes the socket: nothing more is read or inflated.
      body.destroy();
      message.destroy();
    };
    if (Number(message.headers['content-length'] ?? 0) > limit) return tooLarge();
    let raw = 0;
    if (body !== message) {
      message.on('data', (chunk: Buffer) => {
        raw += chunk.length;
        if (raw > limit) tooLarge();
      });
    }
    let size = 0;
    const chunks: Buffer[] = [];
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return tooLarge();
      chunks.push(chunk);
    });
    body.on('end', () => (message.complete ? resolve(Buffer.concat(chunks)) : fail(cut())));
  });
}

function decoded(message: IncomingMessage, fail: (error: unknown) => void): Readable {
  const encoding = String(message.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : null;
  if (!decoder) return message;
  decoder.on('error', fail);
  return message.pipe(decoder);
}
