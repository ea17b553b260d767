// The desktop host's transport: Electron's `net`, Chromium's network stack, so the desktop program
// uses the system's proxy settings (and PAC) and its certificate store, which node:http ignores
// (docs/api/net.md: "uses Chromium's native networking library … proxy support").
//
// It sends one request and follows no redirect itself: with `redirect: 'manual'` Electron's
// ClientRequest emits 'redirect' and cancels it unless followRedirect() is called
// (lib/common/api/net-client-request.ts). The reader's own rules (fetch-following.ts: which
// headers cross origins, no body to another origin) then decide, as over node:http; net.fetch()
// could not apply them, since it follows every redirect with every header or rejects.
import { BodyTooLargeError } from '../../sources/body-limits';
import { bodyLimit, followingRedirects, type FetchedBytes, type FetchInit, type SendOnce } from '../../sources/fetch-following';

/** The parts of Electron's ClientRequest this uses. */
export interface NetRequestLike {
  setHeader(name: string, value: string): void;
  on(event: 'response', listener: (response: NetResponseLike) => void): unknown;
  on(event: 'redirect', listener: (statusCode: number, method: string, redirectUrl: string, responseHeaders: Record<string, string[]>) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  end(body?: string): void;
  abort(): void;
}

/** The parts of Electron's IncomingMessage this uses. */
export interface NetResponseLike {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[]>;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end' | 'aborted', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface NetLike {
  request(options: { method: string; url: string; redirect: 'manual'; credentials: 'omit'; useSessionCookies: false; cache: 'no-store' }): NetRequestLike;
}

const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });

/** polite-http's fetch over `net.request`, with the reader's redirect rules and body caps. */
export function createNetFetch(net: NetLike): (url: string, init: FetchInit) => Promise<FetchedBytes> {
  return followingRedirects(sendByNet(net));
}

/** One request over `net.request`. Chromium decompresses bodies itself, so the cap counts what it hands over. */
function sendByNet(net: NetLike): SendOnce {
  return (url, init) => {
    const target = new URL(url);
    if (target.protocol !== 'https:' && target.protocol !== 'http:') return Promise.reject(new TypeError(`Only http and https are fetched, not ${target.protocol}`));
    const limit = bodyLimit(init);
    return new Promise((resolve, reject) => {
      // Cookies are not the reader's credentials: the session's cookie jar is neither sent nor filled.
      const request = net.request({ method: init.method ?? 'GET', url: target.href, redirect: 'manual', credentials: 'omit', useSessionCookies: false, cache: 'no-store' });
      let settled = false;
      const settle = (done: () => void) => {
        if (settled) return;
        settled = true;
        done();
      };
      // The signal (polite-http's timeout, Cancel sync) holds until the body is read: a body that
      // goes quiet must not hold a sync for ever, as node:http's `signal` does not either.
      let failBody: ((error: unknown) => void) | null = null;
      const stopListening = () => init.signal?.removeEventListener('abort', onAbort);
      const onAbort = () => {
        request.abort();
        const reason = init.signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError');
        failBody?.(reason);
        settle(() => reject(reason));
      };
      if (init.signal?.aborted) return onAbort();
      init.signal?.addEventListener('abort', onAbort, { once: true });
      for (const [name, value] of Object.entries(init.headers ?? {})) request.setHeader(name, value);

      request.on('redirect', (statusCode, _method, redirectUrl, responseHeaders) => {
        const headers = toHeaders(responseHeaders);
        headers.set('location', redirectUrl);
        // Not followed here: ClientRequest cancels the redirect and errors, which settle() ignores.
        stopListening();
        settle(() => resolve({ status: statusCode, headers, bytes: async () => Buffer.alloc(0), discard: () => request.abort() }));
      });
      request.on('error', (error) => {
        if (!failBody) stopListening();
        settle(() => reject(fetchFailed(error)));
      });
      request.on('response', (response) => {
        const body = new Promise<Buffer>((resolveBody, rejectBody) => {
          failBody = rejectBody;
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk) => {
            size += chunk.length;
            if (size > limit) {
              request.abort();
              rejectBody(new BodyTooLargeError(url, limit));
              return;
            }
            chunks.push(chunk);
          });
          response.on('end', () => resolveBody(Buffer.concat(chunks)));
          response.on('aborted', () => rejectBody(fetchFailed(Object.assign(new Error('connection dropped'), { code: 'ECONNRESET' }))));
          response.on('error', (error) => rejectBody(fetchFailed(error)));
        });
        // Read from the start so the cap applies even to a body nobody asks for; a rejection is
        // reported through bytes().
        body.catch(() => {}).finally(stopListening);
        settle(() => resolve({ status: response.statusCode, headers: toHeaders(response.headers), bytes: () => body, discard: () => request.abort() }));
      });
      request.end(init.body);
    });
  };
}

function toHeaders(raw: Record<string, string | string[]>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) value.forEach((item) => headers.append(name, item));
    else headers.set(name, value);
  }
  return headers;
}
