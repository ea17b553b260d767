// The pictures of one sync run. Posts are handed over once the renderer has committed their text
// (the batch's acknowledgement), so pictures never hold the text back; each address is fetched
// once per run, in the forum's asset budget and behind every text request waiting for the host.
// What comes back waits here, bounded, until the renderer takes the bytes (takeSyncImage).
import { MAX_IMAGE_USES_PER_EVENT, type SyncImage } from '../../shared/api';
import type { Post } from '../../shared/model';
import { fetchImage, type KeptImage } from '../sources/images/fetch-image';
import { imagesOfPost } from '../sources/images/post-images';
import type { PoliteHttp, RequestBudget, RequestStats } from '../sources/polite-http';

export interface ImageKeeperOptions {
  runId: string;
  forumId: string;
  /** Where the forum is now, against which relative addresses resolve. */
  forumUrl: string;
  http: PoliteHttp;
  /** The forum's asset budget (polite-http's assetBudgetPerMinute); null for the bundled forum. */
  budget: RequestBudget | null;
  signal: AbortSignal;
  emit: (image: SyncImage) => void;
  userAgent: string;
  /** Pictures fetched at once; the text keeps the host's other slots. */
  concurrency?: number;
  /** Bytes held for the renderer before fetching waits for it to take them. */
  maxHeldBytes?: number;
  /** A renderer that takes no bytes for this long is given up on: the run ends, what it stored is kept. */
  takeTimeoutMs: number;
}

type Outcome = SyncImage['outcome'];
type ShownBy = SyncImage['shownBy'][number];

interface Address {
  /** Posts waiting for the outcome, by the address their HTML writes. */
  waiting: Map<string, ShownBy[]>;
  outcome: Outcome | null;
}

const DEFAULT_CONCURRENCY = 2;

/** Posts whose HTML may show pictures: not deleted ones, not plain-text articles. */
export const postsWithPictures = (posts: readonly Post[]): Post[] => posts.filter((post) => !post.deleted && post.bodyFormat !== 'plain');
const DEFAULT_MAX_HELD_BYTES = 32 * 1024 * 1024;

export class ImageKeeper {
  private readonly addresses = new Map<string, Address>();
  private readonly queue: string[] = [];
  /** Bytes waiting for the renderer, by hash. */
  private readonly held = new Map<string, Buffer>();
  private heldBytes = 0;
  /** Hashes whose bytes this run has handed over (or holds): another address with them sends none. */
  private readonly handed = new Set<string>();
  /**
   * Hosts asked nothing more in this run, with what their other pictures are told: one that asked
   * the reader to slow down (429; they wait for the next sync), one the name server does not know
   * (an old forum's dead picture host: each of its pictures would fail the same way).
   */
  private readonly refusedHosts = new Map<string, Outcome>();
  private readonly stats: RequestStats = { requests: 0, serverWaitMs: 0 };
  private kept = 0;
  private failed = 0;
  private workers = 0;
  private readonly wakers = new Set<() => void>();

  constructor(private readonly options: ImageKeeperOptions) {}

  /**
   * Posts whose text is committed: their pictures are looked for and queued. `srcs` narrows a post
   * stored in an earlier run to the pictures to try again.
   */
  postsCommitted(posts: ReadonlyArray<Pick<Post, 'id' | 'threadId' | 'html'> & { srcs?: readonly string[] }>): void {
    for (const post of posts) {
      const shownBy = { postId: post.id, threadId: post.threadId };
      for (const image of imagesOfPost(post.html, this.options.forumUrl).images) {
        if (post.srcs && !post.srcs.includes(image.src)) continue;
        let address = this.addresses.get(image.url);
        if (!address) {
          this.addresses.set(image.url, (address = { waiting: new Map(), outcome: null }));
          this.queue.push(image.url);
        }
        if (address.outcome) {
          this.announce(image.src, [shownBy], address.outcome);
          continue;
        }
        const waiting = address.waiting.get(image.src) ?? [];
        waiting.push(shownBy);
        address.waiting.set(image.src, waiting);
      }
    }
    this.startWorkers();
  }

  /** The bytes of a held picture, once; null when not held (taken already, or the run let go). */
  take(hash: string, want: boolean): Buffer | null {
    const bytes = this.held.get(hash) ?? null;
    if (bytes) {
      this.held.delete(hash);
      this.heldBytes -= bytes.length;
      this.wake();
    }
    return want ? bytes : null;
  }

  /** Resolves once every queued picture is fetched and its bytes taken; the run's text is done by then. */
  async drain(): Promise<{ kept: number; failed: number; requests: number }> {
    while (!this.options.signal.aborted && (this.workers > 0 || this.queue.length > 0 || this.held.size > 0)) {
      const changed = await this.nextChange(this.held.size > 0 ? this.options.takeTimeoutMs : undefined);
      if (!changed) break;
    }
    this.close();
    return { kept: this.kept, failed: this.failed, requests: this.stats.requests };
  }

  /** Lets go of every held picture (the run ended). */
  close(): void {
    this.held.clear();
    this.heldBytes = 0;
    this.wake();
  }

  private startWorkers() {
    const concurrency = this.options.concurrency ?? DEFAULT_CONCURRENCY;
    while (this.workers < concurrency && this.queue.length > 0) {
      this.workers += 1;
      void this.work().finally(() => {
        this.workers -= 1;
        this.wake();
      });
    }
  }

  private async work() {
    const { signal } = this.options;
    for (let url = this.queue.shift(); url !== undefined && !signal.aborted; url = this.queue.shift()) {
      while (this.heldBytes >= (this.options.maxHeldBytes ?? DEFAULT_MAX_HELD_BYTES) && !signal.aborted) await this.nextChange();
      if (signal.aborted) return;
      this.settle(url, await this.fetch(url));
    }
  }

  private async fetch(url: string): Promise<Outcome> {
    const host = new URL(url).host;
    const refused = this.refusedHosts.get(host);
    if (refused) return refused;
    const { http, budget, signal, userAgent, forumUrl } = this.options;
    const result = await fetchImage({ url, forumOrigin: forumUrl, userAgent, signal }, (target, init) =>
      // A redirect elsewhere is followed inside the transport, on the first host's admission.
      http.fetchBytes(target, init, { budget, signal, stats: this.stats, background: true }),
    );
    if (!result.ok) {
      const outcome: Outcome = { kept: false, code: result.refusal.code, message: result.refusal.message };
      if (result.refusal.code === 'rate_limited') {
        this.refusedHosts.set(host, { kept: false, code: 'rate_limited', message: `not fetched: ${host} asked the reader to slow down; it will be tried again on the next sync` });
      } else if (result.refusal.code === 'no_such_host') this.refusedHosts.set(host, outcome);
      return outcome;
    }
    return this.hold(result.image);
  }

  private hold(image: KeptImage): Outcome {
    const held = !this.handed.has(image.hash);
    if (held) {
      this.handed.add(image.hash);
      this.held.set(image.hash, image.bytes);
      this.heldBytes += image.bytes.length;
    }
    return { kept: true, hash: image.hash, mime: image.mime as Extract<Outcome, { kept: true }>['mime'], width: image.width, height: image.height, byteLength: image.bytes.length, held };
  }

  private settle(url: string, outcome: Outcome) {
    const address = this.addresses.get(url);
    if (!address) return;
    if (outcome.kept === false && outcome.code === 'cancelled') return;
    address.outcome = outcome;
    if (outcome.kept) this.kept += 1;
    else this.failed += 1;
    let first = true;
    for (const [src, shownBy] of address.waiting) {
      // Only the first announcement carries the bytes; the others name a picture handed over already.
      this.announce(src, shownBy, first ? outcome : { ...outcome, ...(outcome.kept && { held: false }) });
      first = false;
    }
    address.waiting.clear();
  }

  private announce(src: string, shownBy: ShownBy[], outcome: Outcome) {
    for (let start = 0; start < shownBy.length; start += MAX_IMAGE_USES_PER_EVENT) {
      const held = outcome.kept && outcome.held && start === 0;
      this.options.emit({
        runId: this.options.runId,
        forumId: this.options.forumId,
        src,
        shownBy: shownBy.slice(start, start + MAX_IMAGE_USES_PER_EVENT),
        outcome: outcome.kept ? { ...outcome, held } : outcome,
      });
    }
  }

  /** Resolves true when something changed (a fetch ended, bytes were taken, the run stopped), false after `timeoutMs`. */
  private nextChange(timeoutMs?: number): Promise<boolean> {
    return new Promise((resolve) => {
      const { signal } = this.options;
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => end(false), timeoutMs);
      const end = (changed: boolean) => {
        clearTimeout(timer);
        this.wakers.delete(done);
        signal.removeEventListener('abort', done);
        resolve(changed);
      };
      const done = () => end(true);
      this.wakers.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private wake() {
    for (const waker of [...this.wakers]) waker();
  }
}
