// The little of fetch that polite-http uses, on node:http(s) with keep-alive agents. A sync makes
// thousands of small requests; undici's WHATWG streams cost a quarter of main's CPU doing so.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

export interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface FetchedResponse {
  status: number;
  headers: Headers;
  text(): Promise<string>;
}

export type FetchLike = (url: string, init: FetchInit) => Promise<FetchedResponse>;

const MAX_REDIRECTS = 5;
const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgent = new HttpsAgent({ keepAlive: true });

export const nodeFetch: FetchLike = (url, init) => fetchFollowing(url, init, MAX_REDIRECTS);

async function fetchFollowing(url: string, init: FetchInit, redirectsLeft: number): Promise<FetchedResponse> {
  const response = await send(url, init);
  const location = response.headers.get('location');
  if (location && [301, 302, 303, 307, 308].includes(response.status) && redirectsLeft > 0) {
    response.message.resume();
    // 303, and 301/302 after a POST, turn into a GET as browsers do.
    const asGet = response.status === 303 || ((response.status === 301 || response.status === 302) && init.method === 'POST');
    const next: FetchInit = asGet ? { ...init, method: 'GET' } : init;
    if (asGet) delete next.body;
    return fetchFollowing(new URL(location, url).href, next, redirectsLeft - 1);
  }
  return { status: response.status, headers: response.headers, text: () => readBody(response.message) };
}

function send(url: string, init: FetchInit): Promise<{ status: number; headers: Headers; message: IncomingMessage }> {
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
      resolve({ status: message.statusCode ?? 0, headers, message });
    });
    request.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
    request.end(init.body);
  });
}

/** The whole body; a connection that ends before Content-Length is reached is an error, as in fetch. */
function readBody(message: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const cut = () => new TypeError('fetch failed', { cause: Object.assign(new Error('connection dropped'), { code: 'ECONNRESET' }) });
    const fail = (error: unknown) => reject(error instanceof TypeError ? error : new TypeError('fetch failed', { cause: error }));
    message.on('aborted', () => fail(cut()));
    message.on('error', fail);
    const body = decoded(message, fail);
    const chunks: Buffer[] = [];
    body.on('data', (chunk: Buffer) => chunks.push(chunk));
    body.on('end', () => (message.complete ? resolve(Buffer.concat(chunks).toString('utf8')) : fail(cut())));
  });
}

function decoded(message: IncomingMessage, fail: (error: unknown) => void): Readable {
  const encoding = String(message.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : null;
  if (!decoder) return message;
  decoder.on('error', fail);
  return message.pipe(decoder);
}
