// Changed threads fetched through the forum's feed of latest posts (Discourse's /posts.json: 50
// posts of any thread a request) instead of one by one, where that takes fewer requests: a first
// sync of a forum whose followed categories hold most of it, or an incremental sync whose new
// posts are spread over many threads. The feed leaves posts out (small actions, whispers, hidden
// posts) and says nothing of deletions, so it completes a thread only when the listing's counts
// prove that nothing is missing; every other thread takes its own pass, which skips the posts the
// walk already delivered.
import type { SyncRequest } from '../../shared/api';
import type { Post, Thread } from '../../shared/model';
import type { LatestPostsFeed } from '../sources/forum-source';

type Known = SyncRequest['known'][number];

export interface FeedCandidate {
  listed: Thread;
  /** What its last complete pass stored; undefined when nothing of it is stored. */
  stored: Known | undefined;
  /** Posts the listing says are new. */
  wanted: number;
  /** Requests the thread's own pass would take for them. */
  passCost: number;
  storedIds: ReadonlySet<number>;
  /** Post number to post id of what the walk delivered. */
  walked: Map<number, number>;
}

/**
 * A thread the walk may complete, or null when only its own pass can: one never passed whole
 * (what it stores cannot be told from its counts), one that lost posts, or one the run's
 * per-thread ceiling cuts.
 */
export function feedCandidate(listed: Thread, stored: Known | undefined, idsPerRequest: number, perThread: number): FeedCandidate | null {
  if (stored && (stored.highestPostNumber < 0 || stored.storedThrough !== undefined)) return null;
  if (!stored && listed.postsCount > perThread) return null;
  const wanted = listed.postsCount - (stored?.postsCount ?? 0);
  if (wanted <= 0 || (stored?.postIds.length ?? 0) + wanted > perThread) return null;
  // The thread's page (its stream and first posts), then the ids it lacks, idsPerRequest at a time.
  return { listed, stored, wanted, passCost: 1 + Math.ceil(wanted / idsPerRequest), storedIds: new Set(stored?.postIds), walked: new Map() };
}

/**
 * Whether the walk delivered every post the thread gained. A thread never stored is whole when
 * the feed gave as many posts as the listing counts (Discourse's posts_count counts every post
 * but deleted ones and whispers, so any post the feed leaves out shows as a shortfall) and its
 * highest number. A stored thread must also have gained exactly the numbers after its last one:
 * a gap is a post the feed left out, and a shortfall in the count is a deletion.
 */
export function walkComplete(candidate: FeedCandidate): boolean {
  const { listed, stored, walked } = candidate;
  if (walked.size !== candidate.wanted) return false;
  const numbers = [...walked.keys()];
  if (Math.max(...numbers) !== listed.highestPostNumber) return false;
  return !stored || (Math.min(...numbers) === stored.highestPostNumber + 1 && listed.highestPostNumber - stored.highestPostNumber === walked.size);
}

export interface FeedWalk {
  feed: LatestPostsFeed;
  /** By thread id; the engine takes out a thread a person opens, which then goes its own way. */
  candidates: Map<number, FeedCandidate>;
  /** The highest post id stored of any thread: posts a stored thread gained since are above it. */
  newestStoredPostId: number;
  /** Hands posts over to be stored. */
  deliver(posts: Post[]): Promise<void>;
  /** The thread is complete: its cursor may be committed. */
  complete(candidate: FeedCandidate): void;
  throwIfCancelled(): void;
}

/**
 * Walks the feed from its newest post while a page is likely to save more requests than it costs
 * (its posts of candidate threads times what each would cost on its own), and until no candidate
 * is left. Candidates it does not complete stay in the map for their own passes.
 */
export async function walkLatestPosts(walk: FeedWalk): Promise<{ pages: number }> {
  const { feed, candidates } = walk;
  const yields: number[] = [];
  let before: number | null = null;
  let pages = 0;
  const worthAnother = () => {
    // Requests a candidate post saves, over the posts still wanted.
    let cost = 0;
    let wanted = 0;
    for (const candidate of candidates.values()) {
      cost += candidate.passCost;
      wanted += candidate.wanted - candidate.walked.size;
    }
    const expected = yields.length === 0 ? feed.pageSize : yields.slice(-2).reduce((a, b) => a + b, 0) / Math.min(2, yields.length);
    return wanted > 0 && expected * (cost / wanted) > 1;
  };
  while (candidates.size > 0 && worthAnother()) {
    walk.throwIfCancelled();
    const page = await feed.page(before);
    pages++;
    const fresh: Post[] = [];
    const touched = new Set<FeedCandidate>();
    for (const threadRemoteId of page.unreadable) candidates.delete(threadRemoteId);
    for (const { threadRemoteId, post } of page.posts) {
      const candidate = candidates.get(threadRemoteId);
      if (!candidate || post.postNumber > candidate.listed.highestPostNumber || candidate.storedIds.has(post.remoteId)) continue;
      const holder = candidate.walked.get(post.postNumber);
      if (holder === post.remoteId) continue;
      // Two posts claim one number, or more posts came than the listing counts: only the
      // thread's own pass can tell what it holds.
      if (holder !== undefined || candidate.walked.size >= candidate.wanted) {
        candidates.delete(threadRemoteId);
        continue;
      }
      candidate.walked.set(post.postNumber, post.remoteId);
      touched.add(candidate);
      fresh.push(post);
    }
    yields.push(fresh.length);
    await walk.deliver(fresh);
    for (const candidate of touched) {
      if (candidates.get(candidate.listed.remoteId) !== candidate || !walkComplete(candidate)) continue;
      candidates.delete(candidate.listed.remoteId);
      walk.complete(candidate);
    }
    if (page.before === null) break;
    before = page.before;
    // Below every stored post, a stored thread gains nothing more from the feed.
    if (before <= walk.newestStoredPostId) {
      for (const [id, candidate] of candidates) if (candidate.stored) candidates.delete(id);
    }
  }
  return { pages };
}
