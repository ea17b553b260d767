// Every request to a forum goes through here: bounded concurrency and a request budget per host,
// timeouts, retries with jittered backoff, and 429s honoured the way Discourse asks.
import { AppError, DEFAULT_REQUESTS_PER_MINUTE } from '../../shared/api';
import { BodyTooLargeError, formatLimit } from './body-limits';
import { RedirectRefusedError, type FetchedBytes, type FetchInit, type FetchLike } from './fetch-following';
import { nodeFetch } from './node-fetch';

export interface HttpOptions {
  userAgent: string;
  /** Requests in flight per host. */
  concurrency: number;
  /** Requests in flight to this computer's own servers (the bundled sample forum), which need no politeness. */
  loopbackConcurrency: number;
  timeoutMs: number;
  retries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Longest server-imposed wait honoured before giving up on a request. */
  maxRetryAfterMs: number;
  /** node:http by default (see node-fetch.ts); tests inject their own. */
  fetch: FetchLike;
  /** The same transport, for answers read as bytes (pictures). */
  fetchBytes: (url: string, init: FetchInit) => Promise<FetchedBytes>;
  /** Replaces setTimeout-based waiting; tests make waits observable. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  /** The clock budgets and server-imposed pauses are measured on; tests pass one that sleep advances. */
  now: () => number;
}

/** Requests per window for one host: Discourse allows anonymous 50 per 10 s and 200 per minute per IP. */
export interface RequestBudget {
  requests: number;
  perMs: number;
  /**
   * Requests the server counts apart keep their own window on the host: Discourse counts uploads
   * and avatars against max_asset_reqs_per_ip_per_10_seconds (200), not the 50-per-10-s limit.
   */
  counter?: 'assets';
}

/**
 * A per-minute budget spread over 10-second windows, so that no burst comes near Discourse's
 * 50-per-10-s limit either: 180 a minute allows at most 30 in any 10 s.
 */
export function budgetPerMinute(requestsPerMinute: number): RequestBudget {
  return { requests: Math.max(1, Math.floor(requestsPerMinute / 6)), perMs: 10_000 };
}
export const DEFAULT_BUDGET: RequestBudget = budgetPerMinute(DEFAULT_REQUESTS_PER_MINUTE);

/** Pictures at the default budget: half of Discourse's 200 asset requests per 10 s. */
const DEFAULT_ASSET_REQUESTS_PER_10_S = 100;

/** The asset budget that goes with a per-minute one: a forum asked to go slower gets fewer pictures a second too. */
export function assetBudgetPerMinute(requestsPerMinute: number): RequestBudget {
  const share = Math.min(1, requestsPerMinute / DEFAULT_REQUESTS_PER_MINUTE);
  return { requests: Math.max(1, Math.floor(DEFAULT_ASSET_REQUESTS_PER_10_S * share)), perMs: 10_000, counter: 'assets' };
}

export interface RequestStats {
  requests: number;
  serverWaitMs: number;
}

export interface GetOptions {
  signal?: AbortSignal;
  budget: RequestBudget | null;
  stats?: RequestStats;
  headers?: Record<string, string>;
  /** Overrides for one call: a person waiting on a dialog wants a quicker answer than a sync. */
  retries?: number;
  timeoutMs?: number;
  /** The most read of the answer (body-limits.ts); node-fetch's own default when absent. */
  maxBodyBytes?: number;
  /** A person is waiting on this one (a thread they opened): it takes the host's next free slot. */
  urgent?: boolean;
  /** Nobody waits on this one (a picture): every other request waiting for the host goes first. */
  background?: boolean;
}

export interface HttpResponse {
  /** Where the answer came from, after redirects. */
  url: string;
  status: number;
  headers: Headers;
  text: string;
}

export interface PoliteHttp {
  get(url: string, options: GetOptions): Promise<HttpResponse>;
  /** One attempt, no retries: the caller decides what an ambiguous failure means (replies). */
  send(url: string, init: Pick<FetchInit, 'method' | 'headers' | 'body'>, options: GetOptions): Promise<HttpResponse>;
  /**
   * One GET, admitted like any other, whose answer the caller reads as bytes and judges itself
   * (fetch-image.ts). Its own timeout and size cap ride in `init`; the transport's errors pass through.
   */
  fetchBytes(url: string, init: FetchInit, options: GetOptions): Promise<FetchedBytes>;
}

const sleepFor = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new AppError('cancelled', 'Cancelled.'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AppError('cancelled', 'Cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

class HostGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** Background requests wait behind every other. */
  private readonly waitingBehind: Array<() => void> = [];
  /** When each request of the window was sent, per counter the server keeps. */
  private readonly sentBy = new Map<string, number[]>();
  pausedUntil = 0;
  /** Urgent requests waiting for the budget; the others stand aside for them. */
  urgentWaiting = 0;

  constructor(private readonly concurrency: number) {}

  async enter(signal?: AbortSignal, urgent = false, background = false): Promise<void> {
    if (this.active < this.concurrency) {
      this.active++;
      return;
    }
    const queue = background ? this.waitingBehind : this.waiting;
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        queue.splice(queue.indexOf(wake), 1);
        reject(new AppError('cancelled', 'Cancelled.'));
      };
      if (urgent) queue.unshift(wake);
      else queue.push(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  leave(): void {
    const next = this.waiting.shift() ?? this.waitingBehind.shift();
    if (next) next();
    else this.active--;
  }

  /** How long to wait before the next request fits the budget; records it when it fits now. */
  budgetDelay(budget: RequestBudget | null, now: number, urgent = false): number {
    const pause = Math.max(0, this.pausedUntil - now);
    if (!budget) return pause;
    const counter = budget.counter ?? 'requests';
    let sent = this.sentBy.get(counter);
    if (!sent) this.sentBy.set(counter, (sent = []));
    while (sent.length > 0 && (sent[0] ?? 0) <= now - budget.perMs) sent.shift();
    // Requests are spread evenly over the window rather than sent in one burst at its start, so
    // that one a person waits on (urgent) finds a slot within a fraction of a second.
    const spaced = (sent.at(-1) ?? -Infinity) + budget.perMs / budget.requests - now;
    const free = Math.max(0, spaced, sent.length < budget.requests ? 0 : (sent[0] ?? now) + budget.perMs - now);
    const delay = !urgent && this.urgentWaiting > 0 ? Math.max(free, STAND_ASIDE_MS) : free;
    if (Math.max(delay, pause) === 0) sent.push(now);
    return Math.max(delay, pause);
  }
}

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);
/** How long a request waits again while an urgent one takes the budget's next slot. */
const STAND_ASIDE_MS = 50;

export function createPoliteHttp(overrides: Partial<HttpOptions> & { userAgent: string }): PoliteHttp {
  const options: HttpOptions = {
    concurrency: 4,
    loopbackConcurrency: 8,
    timeoutMs: 20_000,
    retries: 5,
    backoffBaseMs: 500,
    backoffMaxMs: 30_000,
    maxRetryAfterMs: 10 * 60_000,
    fetch: nodeFetch,
    fetchBytes: nodeFetch,
    sleep: sleepFor,
    random: Math.random,
    now: Date.now,
    ...overrides,
  };
  const gates = new Map<string, HostGate>();
  const gateFor = (url: string) => {
    const { host, hostname } = new URL(url);
    let gate = gates.get(host);
    if (!gate) gates.set(host, (gate = new HostGate(isLoopbackHost(hostname) ? options.loopbackConcurrency : options.concurrency)));
    return gate;
  };

  /** Waits until the host's budget and a free slot let a request go; the caller must leave() the gate. */
  async function admit(url: string, get: GetOptions): Promise<HostGate> {
    const gate = gateFor(url);
    const urgent = get.urgent === true;
    if (urgent) gate.urgentWaiting++;
    try {
      for (;;) {
        const delay = gate.budgetDelay(get.budget, options.now(), urgent);
        if (delay === 0) break;
        await options.sleep(delay, get.signal);
      }
    } finally {
      if (urgent) gate.urgentWaiting--;
    }
    await gate.enter(get.signal, urgent, get.background === true);
    if (get.stats) get.stats.requests++;
    return gate;
  }

  async function attempt(url: string, init: Pick<FetchInit, 'method' | 'headers' | 'body'>, get: GetOptions): Promise<HttpResponse> {
    const { maxBodyBytes } = get;
    const gate = await admit(url, get);
    const timeoutMs = get.timeoutMs ?? options.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = get.signal ? AbortSignal.any([get.signal, timeout]) : timeout;
    try {
      const response = await options.fetch(url, {
        ...init,
        signal,
        ...(maxBodyBytes !== undefined && { maxBodyBytes }),
        headers: { 'User-Agent': options.userAgent, Accept: 'application/json', ...get.headers, ...init.headers },
      });
      // Reading the body is part of the attempt: a connection cut mid-body is a network failure.
      const text = await response.text();
      return { url: response.url, status: response.status, headers: response.headers, text };
    } catch (error) {
      if (get.signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
      if (error instanceof BodyTooLargeError) {
        throw new AppError('too_large', `${new URL(url).host} sent more than ${formatLimit(error.limitBytes)} for ${new URL(url).pathname}, the most the reader reads there; it stopped reading and kept nothing of that answer.`);
      }
      if (error instanceof RedirectRefusedError) throw new AppError('forbidden', error.message);
      if (timeout.aborted) throw new AppError('timeout', `${new URL(url).host} did not answer within ${timeoutMs / 1000} s.`);
      throw new AppError('unreachable', `Could not reach ${new URL(url).host} (${describeNetworkError(error)}).`);
    } finally {
      gate.leave();
    }
  }

  return {
    send: (url, init, get) => attempt(url, init, get),
    async fetchBytes(url, init, get) {
      const gate = await admit(url, get);
      try {
        return await options.fetchBytes(url, { ...init, headers: { 'User-Agent': options.userAgent, ...init.headers } });
      } finally {
        gate.leave();
      }
    },
    async get(url, get) {
      const retries = get.retries ?? options.retries;
      for (let tries = 0; ; tries++) {
        let response: HttpResponse | null = null;
        let failure: AppError | null = null;
        try {
          response = await attempt(url, { method: 'GET' }, get);
        } catch (error) {
          // Only a failure of the connection may go better next time; a refused answer will not.
          if (!(error instanceof AppError) || (error.code !== 'unreachable' && error.code !== 'timeout')) throw error;
          failure = error;
        }
        if (response && response.status === 429) {
          const waitMs = retryAfterMs(response, options.now());
          if (waitMs > options.maxRetryAfterMs || tries >= retries) {
            throw new AppError('rate_limited', `${new URL(url).host} asked the reader to slow down for ${Math.round(waitMs / 1000)} s.`);
          }
          const gate = gateFor(url);
          gate.pausedUntil = Math.max(gate.pausedUntil, options.now() + waitMs);
          if (get.stats) get.stats.serverWaitMs += waitMs;
          continue;
        }
        if (response && !RETRYABLE_STATUS.has(response.status)) return response;
        if (tries >= retries) {
          throw failure ?? new AppError('server_error', `${new URL(url).host} answered ${response?.status} (server error) ${tries + 1} times.`);
        }
        const ceiling = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** tries);
        await options.sleep(ceiling / 2 + options.random() * (ceiling / 2), get.signal);
      }
    },
  };
}

/** Retry-After (seconds) first, as the site-wide limiter's body is plain text; then extras.wait_seconds. */
export function retryAfterMs(response: HttpResponse, now = Date.now()): number {
  const header = response.headers.get('retry-after');
  if (header !== null) {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  try {
    const body = JSON.parse(response.text) as { extras?: { wait_seconds?: unknown } };
    const wait = body.extras?.wait_seconds;
    if (typeof wait === 'number' && Number.isFinite(wait)) return Math.max(0, wait * 1000);
  } catch {
    // Not JSON: the plain-text limiter body carries nothing the header did not.
  }
  return 10_000;
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  if (cause?.code === 'ENOTFOUND') return 'no such host';
  if (cause?.code === 'ECONNRESET' || cause?.code === 'UND_ERR_SOCKET') return 'connection dropped';
  return cause?.message ?? (error instanceof Error ? error.message : 'network error');
}

export const isLoopbackHost = (hostname: string): boolean => hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname);
