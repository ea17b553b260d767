// Discourse's global per-IP limiter (lib/middleware/request_tracker.rb), for benches and tests
// that measure a sync under a real forum's limits. Off unless asked for: the app never switches
// it on, and real Discourse does not limit loopback addresses either (max_reqs_rate_limit_on_private).

export interface RateLimits {
  /** max_reqs_per_ip_per_minute; Discourse's default is 200. */
  perMinute: number;
  /** max_reqs_per_ip_per_10_seconds; Discourse's default is 50. */
  per10Seconds: number;
  /** max_asset_reqs_per_ip_per_10_seconds (uploads, avatars); Discourse's default is 200. Unlimited when absent. */
  assetsPer10Seconds?: number;
}

export const DISCOURSE_DEFAULT_RATE_LIMITS: Readonly<Required<RateLimits>> = Object.freeze({ perMinute: 200, per10Seconds: 50, assetsPer10Seconds: 200 });

export interface RateLimitRefusal {
  status: 429;
  headers: Record<string, string>;
  body: string;
}

/** What a request is to the limiter: an asset (an upload, an avatar) counts only against the asset window. */
export type RequestKind = 'app' | 'asset';

/**
 * Sliding windows per IP; a refused request is not counted, as RateLimiter#performed! raises before
 * recording. Discourse checks every window before it knows what a request is (check_global_limits!)
 * and then takes the request back from the windows of the other kind, so an asset is refused
 * while the app windows are full, but once admitted counts only against the asset window.
 */
export class IpRateLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly assets = new Map<string, number[]>();

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records the request and returns null, or returns Discourse's 429 answer. */
  admit(ip: string, kind: RequestKind = 'app'): RateLimitRefusal | null {
    const now = this.now();
    const log = (this.sent.get(ip) ?? []).filter((at) => at > now - 60_000);
    this.sent.set(ip, log);
    const assetLog = (this.assets.get(ip) ?? []).filter((at) => at > now - 10_000);
    this.assets.set(ip, assetLog);
    const inTen = log.filter((at) => at > now - 10_000);
    const refusal = (windowMs: number, oldest: number, code: string): RateLimitRefusal => {
      const seconds = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
      return {
        status: 429,
        headers: { 'content-type': 'text/plain', 'retry-after': String(seconds), 'discourse-rate-limit-error-code': code },
        body: `Slow down, you're making too many requests.\nPlease retry again in ${seconds} seconds.\nError code: ${code}.\n`,
      };
    };
    if (inTen.length >= this.limits.per10Seconds) return refusal(10_000, inTen[inTen.length - this.limits.per10Seconds] as number, 'ip_10_secs_limit');
    if (log.length >= this.limits.perMinute) return refusal(60_000, log[log.length - this.limits.perMinute] as number, 'ip_60_secs_limit');
    const assetLimit = this.limits.assetsPer10Seconds ?? Infinity;
    if (assetLog.length >= assetLimit) return refusal(10_000, assetLog[assetLog.length - assetLimit] as number, 'ip_assets_10_secs_limit');
    (kind === 'asset' ? assetLog : log).push(now);
    return null;
  }
}
