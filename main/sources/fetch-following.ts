// The reader's rules for following redirects, over any transport (node:http in node-fetch.ts,
// Electron's net in the desktop host): credentials stay with their origin, a body is never sent
// to another one, and every body is read under its cap (body-limits.ts).
import { BODY_LIMITS } from './body-limits';

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

/** One answer of a transport, no redirect followed. */
export interface SingleHop {
  status: number;
  headers: Headers;
  /** The body; past `bodyLimit(init)` bytes the request is aborted and this rejects with BodyTooLargeError. */
  bytes(): Promise<Buffer>;
  /** Drops the body unread: a redirect's own body may be endless. */
  discard(): void;
}

/** The most a transport reads of one body, raw or decompressed. */
export const bodyLimit = (init: FetchInit): number => init.maxBodyBytes ?? BODY_LIMITS.other;

/** Sends one request and answers with its status and headers; rejects as fetch does ('fetch failed'). */
export type SendOnce = (url: string, init: FetchInit) => Promise<SingleHop>;

const MAX_REDIRECTS = 5;

export function followingRedirects(send: SendOnce): (url: string, init: FetchInit) => Promise<FetchedBytes> {
  const follow = async (url: string, init: FetchInit, redirectsLeft: number): Promise<FetchedBytes> => {
    const response = await send(url, init);
    const location = response.headers.get('location');
    if (location && [301, 302, 303, 307, 308].includes(response.status) && redirectsLeft > 0) {
      response.discard();
      // 303, and 301/302 after a POST, turn into a GET as browsers do.
      const asGet = response.status === 303 || ((response.status === 301 || response.status === 302) && init.method === 'POST');
      const target = new URL(location, url).href;
      let next: FetchInit = asGet ? { ...init, method: 'GET' } : init;
      if (asGet) delete next.body;
      if (new URL(target).origin !== new URL(url).origin) next = leavingOrigin(url, target, next);
      return follow(target, next, redirectsLeft - 1);
    }
    const bytes = () => response.bytes();
    return { url, status: response.status, headers: response.headers, bytes, text: async () => (await bytes()).toString('utf8') };
  };
  return (url, init) => follow(url, init, MAX_REDIRECTS);
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
