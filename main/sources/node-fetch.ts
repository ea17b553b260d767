// The little of fetch that polite-http uses, on node:http(s) with keep-alive agents. A sync makes
// thousands of small requests; undici's WHATWG streams cost a quarter of main's CPU doing so.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { BODY_LIMITS, BodyTooLargeError } from './body-limits';

export interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** The most read of the body, raw and decompressed (body-limits.ts); past it the request is aborted. */
  maxBodyBytes?: number;
}

export interface FetchedResponse {
  /** Where the answer came from, after redirects. */
  url: string;
  status: number;
  headers: Headers;
  text(): Promise<string>;
}

export type FetchLike = (url: string, init: FetchInit) => Promise<FetchedResponse>;

/** An answer whose body can also be read as bytes: pictures are not text. */
export interface FetchedBytes extends FetchedResponse {
  bytes(): Promise<Buffer>;
}

const MAX_REDIRECTS = 5;
const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgent = new HttpsAgent({ keepAlive: true });

export const nodeFetch = (url: string, init: FetchInit): Promise<FetchedBytes> => fetchFollowing(url, init, MAX_REDIRECTS);

async function fetchFollowing(url: string, init: FetchInit, redirectsLeft: number): Promise<FetchedBytes> {
  const response = await send(url, init);
  const location = response.headers.get('location');
  if (location && [301, 302, 303, 307, 308].includes(response.status) && redirectsLeft > 0) {
    // A redirect's own body is not read: it may be endless.
    response.message.destroy();
    // 303, and 301/302 after a POST, turn into a GET as browsers do.
    const asGet = response.status === 303 || ((response.status === 301 || response.status === 302) && init.method === 'POST');
    const target = new URL(location, url).href;
    let next: FetchInit = asGet ? { ...init, method: 'GET' } : init;
    if (asGet) delete next.body;
    if (new URL(target).origin !== new URL(url).origin) next = leavingOrigin(url, target, next);
    return fetchFollowing(target, next, redirectsLeft - 1);
  }
  const limit = init.maxBodyBytes ?? BODY_LIMITS.other;
  const bytes = () => readBody(url, response.message, limit);
  return { url, status: response.status, headers: response.headers, bytes, text: async () => (await bytes()).toString('utf8') };
}

/** Headers that say who the person is: Discourse's API keys (auth/default_current_user_provider.rb) and the generic ones. */
const CREDENTIAL_HEADERS = new Set(['api-key', 'api-username', 'user-api-key', 'user-api-client-id', 'authorization', 'cookie']);

/**
 * A redirect to another origin (scheme, host or port; so https to http too). Credentials were given
 * for one origin only, so they are dropped: a GET of public pages still works where a forum has
 * moved. A body is what the person wrote (a reply): it is not re-sent without the account it was
 * meant to go with, nor to a site the person did not choose, so that redirect is refused.
 */
function leavingOrigin(from: string, to: string, init: FetchInit): FetchInit {
  if (init.body !== undefined) throw new RedirectRefusedError(from, to);
  const headers = Object.fromEntries(Object.entries(init.headers ?? {}).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())));
  return { ...init, headers };
}

export class RedirectRefusedError extends Error {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`${new URL(from).host} redirected a request that carries what you wrote to another site, ${new URL(to).origin}; the reader sent nothing there.`);
    this.name = 'RedirectRefusedError';
  }
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
