// Fault injection for tests of the reader's network handling. Everything is off by default; tests
// switch faults on and off while a server runs by mutating the Faults object it exposes. The
// schedule comes from a seeded PRNG so that a failing run replays the same faults.
import { SeededRandom } from './seeded-random';

export interface Faults {
  /** Delay before every response. */
  latencyMs: number;
  /** Share of requests answered 500, 502 or 503. */
  serverErrorRate: number;
  /** Share of requests answered 429: half like the global limiter, half like a controller limiter. */
  rateLimitRate: number;
  retryAfterSeconds: number;
  /** Share of requests whose socket is destroyed without any answer. */
  dropRate: number;
  /** Share of responses cut off after the headers and half of the body. */
  truncateRate: number;
  /** Share of POST /posts.json whose reply is committed and whose response is then lost. */
  loseReplyResponseRate: number;
  seed: number;
}

export const NO_FAULTS: Readonly<Faults> = Object.freeze({
  latencyMs: 0,
  serverErrorRate: 0,
  rateLimitRate: 0,
  retryAfterSeconds: 10,
  dropRate: 0,
  truncateRate: 0,
  loseReplyResponseRate: 0,
  seed: 1,
});

export function createFaults(overrides: Partial<Faults> = {}): Faults {
  const given = Object.entries(overrides).filter(([, value]) => value !== undefined);
  return { ...NO_FAULTS, ...Object.fromEntries(given) };
}

/** What happens to a request before it is handled. */
export type EarlyFault =
  | { kind: 'drop' }
  | { kind: 'rate-limit'; limiter: 'global' | 'controller' }
  | { kind: 'server-error'; status: 500 | 502 | 503 };

/** What happens to a response after the request was handled (and any write committed). */
export type LateFault = { kind: 'truncate' } | { kind: 'lose-reply-response' };

export interface CannedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export class FaultDice {
  private random: SeededRandom;
  private seededWith: number;

  constructor(readonly faults: Faults) {
    this.seededWith = faults.seed;
    this.random = new SeededRandom(faults.seed);
  }

  early(): EarlyFault | null {
    const { faults } = this;
    if (this.roll(faults.dropRate)) return { kind: 'drop' };
    if (this.roll(faults.rateLimitRate)) {
      return { kind: 'rate-limit', limiter: this.roll(0.5) ? 'global' : 'controller' };
    }
    if (this.roll(faults.serverErrorRate)) return { kind: 'server-error', status: this.rng().pick([500, 502, 503] as const) };
    return null;
  }

  late(isReplyPost: boolean): LateFault | null {
    if (isReplyPost && this.roll(this.faults.loseReplyResponseRate)) return { kind: 'lose-reply-response' };
    if (this.roll(this.faults.truncateRate)) return { kind: 'truncate' };
    return null;
  }

  // A rate of 0 consumes no randomness, so switching one fault on does not reshuffle the others.
  private roll(rate: number): boolean {
    return rate > 0 && (rate >= 1 || this.rng().next() < rate);
  }

  // Tests may change the seed mid-run; the schedule restarts from the new seed.
  private rng(): SeededRandom {
    if (this.faults.seed !== this.seededWith) {
      this.seededWith = this.faults.seed;
      this.random = new SeededRandom(this.faults.seed);
    }
    return this.random;
  }
}

export function cannedFaultResponse(fault: Exclude<EarlyFault, { kind: 'drop' }>, retryAfterSeconds: number): CannedResponse {
  if (fault.kind === 'rate-limit') {
    const seconds = Math.max(1, Math.round(retryAfterSeconds));
    if (fault.limiter === 'global') {
      // Discourse's request tracker middleware answers before any controller runs: plain text,
      // and the wait only in headers.
      const code = 'ip_10_secs_limit';
      return {
        status: 429,
        headers: {
          'content-type': 'text/plain; charset=utf-8',
          'retry-after': String(seconds),
          'discourse-rate-limit-error-code': code,
        },
        body: `Slow down, you're making too many requests.\nPlease retry again in ${seconds} seconds.\nError code: ${code}.`,
      };
    }
    // Deliberately without Retry-After: clients must fall back to extras.wait_seconds.
    return json(429, {
      errors: [`You’ve performed this action too many times. Please wait ${timeLeft(seconds)} before trying again.`],
      error_type: 'rate_limit',
      extras: { wait_seconds: seconds, time_left: timeLeft(seconds) },
    });
  }
  switch (fault.status) {
    case 500:
      return json(500, { status: 500, error: 'Internal Server Error' });
    case 502:
      return html(502, 'Bad Gateway');
    case 503:
      return html(503, 'Service Temporarily Unavailable');
  }
}

function timeLeft(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

function json(status: number, body: unknown): CannedResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

// 502 and 503 come from the reverse proxy in front of Discourse, which answers in HTML.
function html(status: number, reason: string): CannedResponse {
  return {
    status,
    headers: { 'content-type': 'text/html' },
    body: `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
  };
}
