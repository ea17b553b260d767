// One picture of a kept post, fetched by main: capped in bytes while it downloads, then sniffed and
// measured from its header, and named by its content. What comes back is either the bytes with
// what they are, or a sentence the reader shows in the picture's place.
import { BodyTooLargeError, formatLimit } from '../body-limits';
import type { FetchedBytes, FetchInit } from '../fetch-following';
import { nodeFetch } from '../node-fetch';
import { contentAddress } from './content-address';
import { IMAGE_MIME, readImageHeader, type ImageRefusal, type ImageType, type RefusalCode } from '../../../shared/images/image-header';
import { IMAGE_LIMITS } from './image-limits';

export interface ImageRequest {
  url: string;
  /** The origin the person's credentials were given for; other hosts (a CDN) never see them. */
  forumOrigin: string;
  /** Headers that say who the person is (Api-Key, User-Api-Key, Cookie…), sent to `forumOrigin` only. */
  credentials?: Record<string, string>;
  userAgent: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  maxBytes?: number;
  maxPixels?: number;
}

export interface KeptImage {
  /** SHA-256 of the bytes, hex: the name it is stored under, once for every post that shows it. */
  hash: string;
  type: ImageType;
  mime: string;
  width: number;
  height: number;
  bytes: Buffer;
  /** Where the bytes came from, after redirects. */
  url: string;
}

export type ImageFetchResult = { ok: true; image: KeptImage } | { ok: false; refusal: ImageRefusal };

export type FetchBytes = (url: string, init: FetchInit) => Promise<FetchedBytes>;

const DEFAULT_TIMEOUT_MS = 30_000;

export async function fetchImage(request: ImageRequest, fetch: FetchBytes = nodeFetch): Promise<ImageFetchResult> {
  const maxBytes = request.maxBytes ?? IMAGE_LIMITS.maxBytes;
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const target = new URL(request.url);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return refuse('bad_address', `not fetched: only http and https addresses are, not ${target.protocol}`);
  const own = target.origin === new URL(request.forumOrigin).origin;
  const timeout = AbortSignal.timeout(timeoutMs);
  // Aborted on an answer that is not the picture: its body is never read, and the socket is closed.
  const unwanted = new AbortController();
  const signal = AbortSignal.any([timeout, unwanted.signal, ...(request.signal ? [request.signal] : [])]);
  let body: Buffer;
  let url: string;
  try {
    const response = await fetch(request.url, {
      signal,
      maxBodyBytes: maxBytes,
      headers: {
        'User-Agent': request.userAgent,
        // Said for politeness and CDNs that pick a format by it; what is kept is decided by the bytes.
        Accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif',
        ...(own && request.credentials),
      },
    });
    if (response.status !== 200) {
      unwanted.abort();
      // A 429 and a server error are told apart: the next sync tries them again (sync/image-keeper.ts).
      return refuse(response.status === 429 ? 'rate_limited' : response.status >= 500 ? 'server_error' : 'http_status', `${own ? 'the forum' : target.host} answered ${response.status}${STATUS_WORDS[response.status] ?? statusClass(response.status)}`);
    }
    body = await response.bytes();
    url = response.url;
  } catch (error) {
    if (request.signal?.aborted) return refuse('cancelled', 'not fetched: cancelled');
    if (error instanceof BodyTooLargeError) return refuse('too_large', `larger than ${formatLimit(maxBytes)}, the most the reader keeps of one picture`);
    if (timeout.aborted) return refuse('timeout', `${target.host} did not send it within ${timeoutMs / 1000} s`);
    // The name server says the host does not exist: no later sync finds it either, so it is not
    // one of the failures tried again (an address copied wrong, a site long gone); a lookup that
    // could not be made (offline: EAI_AGAIN) is.
    if (causeCode(error) === 'ENOTFOUND') return refuse('no_such_host', `${target.host} does not exist (no such host name); Refresh thread tries it again`);
    return refuse('unreachable', `could not reach ${target.host}${networkCause(error)}`);
  }
  const header = readImageHeader(body, request.maxPixels ?? IMAGE_LIMITS.maxPixels);
  if (!header.ok) return header;
  const { type, width, height } = header.header;
  return { ok: true, image: { hash: contentAddress(body), type, mime: IMAGE_MIME[type], width, height, bytes: body, url } };
}

function refuse(code: RefusalCode, message: string): ImageFetchResult {
  return { ok: false, refusal: { code, message } };
}

const STATUS_WORDS: Record<number, string> = {
  301: ' (it kept redirecting)',
  302: ' (it kept redirecting)',
  303: ' (it kept redirecting)',
  307: ' (it kept redirecting)',
  308: ' (it kept redirecting)',
  401: ' (it wants you to log in)',
  403: ' (you may not see it)',
  404: ' (not found: the picture may have been deleted)',
  410: ' (it has been deleted)',
  429: ' (too many requests; it will be tried again on the next sync)',
};

function statusClass(status: number): string {
  return status >= 500 ? ' (a server error; it will be tried again on the next sync)' : '';
}

function causeCode(error: unknown): string | null {
  const code = (error as { cause?: { code?: unknown } }).cause?.code;
  return typeof code === 'string' ? code : null;
}

function networkCause(error: unknown): string {
  const code = causeCode(error);
  return code ? ` (${code})` : '';
}
