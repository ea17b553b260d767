// What the renderer keeps of news syncs, in memory: batches committed as commitSyncBatch does
// (posts and threads by id, cursors), and the next SyncRequest built from them as
// renderer/db/sync-request.ts does. It counts a post committed twice, which must never happen.
import type { SyncRequest } from '../../shared/api';
import { newsThreadFields } from '../../renderer/db/sync-request';
import { boardIdFor, type BoardCursor, type Post, type SyncBatch, type Thread, type ThreadCursor } from '../../shared/model';
import { createNntpEngine, type NewsClientSettings } from '../../main/sources/nntp/news-engine';
import { groupNumberFor, newsBaseUrl, newsForumId } from '../../main/sources/nntp/news-ids';
import type { NntpAddress } from '../../main/sources/nntp/nntp-address';
import type { SyncOutcome } from '../../main/sources/forum-source';

export class NewsSyncStore {
  readonly posts = new Map<string, Post>();
  readonly threads = new Map<string, Thread>();
  readonly threadCursors = new Map<string, ThreadCursor>();
  readonly boardCursors = new Map<string, BoardCursor>();
  /** Post ids a batch carried that were stored already. */
  readonly storedTwice: string[] = [];
  readonly forumId: string;
  readonly baseUrl: string;

  constructor(readonly address: NntpAddress) {
    this.forumId = newsForumId(address);
    this.baseUrl = newsBaseUrl(address);
  }

  boardId(group: string): string {
    return boardIdFor(this.forumId, groupNumberFor(group));
  }

  commit(batch: SyncBatch): void {
    for (const post of batch.posts) {
      if (this.posts.has(post.id)) this.storedTwice.push(post.id);
      this.posts.set(post.id, post);
    }
    for (const thread of batch.threads) this.threads.set(thread.id, thread);
    for (const cursor of batch.threadCursors) this.threadCursors.set(cursor.threadId, cursor);
    for (const cursor of batch.boardCursors) this.boardCursors.set(cursor.boardId, cursor);
  }

  request(groups: string[], extra: Partial<SyncRequest> = {}): SyncRequest {
    const idsOf = new Map<string, number[]>();
    for (const post of this.posts.values()) idsOf.set(post.threadId, [...(idsOf.get(post.threadId) ?? []), post.remoteId]);
    const known = [...this.threads.values()].map((thread) => {
      const cursor = this.threadCursors.get(thread.id);
      const postIds = idsOf.get(thread.id) ?? [];
      return {
        remoteId: thread.remoteId,
        highestPostNumber: cursor?.highestPostNumber ?? -1,
        postsCount: cursor?.postsCount ?? -1,
        lastPostedAt: cursor?.lastPostedAt ?? '',
        postIds,
        thread: newsThreadFields(thread),
      };
    });
    return {
      forumId: this.forumId,
      baseUrl: this.baseUrl,
      boards: groups.map((group) => ({ boardId: this.boardId(group), remoteId: groupNumberFor(group), slug: group, threadLimit: 1000, watermark: this.boardCursors.get(this.boardId(group))?.watermark ?? null })),
      threads: [],
      known,
      refresh: [],
      ...extra,
    };
  }

  postsOf(group: string): Post[] {
    const threadIds = new Set([...this.threads.values()].filter((thread) => thread.boardId === this.boardId(group)).map((thread) => thread.id));
    return [...this.posts.values()].filter((post) => threadIds.has(post.threadId));
  }

  threadOf(messageId: string): Thread | undefined {
    const post = [...this.posts.values()].find((candidate) => candidate.remoteKey === messageId);
    return post ? this.threads.get(post.threadId) : undefined;
  }
}

export interface NewsRun {
  outcome: SyncOutcome;
  batches: SyncBatch[];
  commands: number;
}

/** One sync run of `groups` through the NNTP engine, each batch committed to `store` as it comes. */
export async function runNewsSync(store: NewsSyncStore, groups: string[], options: { extra?: Partial<SyncRequest>; client?: NewsClientSettings; postsPerBatch?: number; signal?: AbortSignal } = {}): Promise<NewsRun> {
  const engine = createNntpEngine({ credentialsFor: async () => null, client: { timeoutMs: 2000, backoffBaseMs: 1, retries: 1, ...options.client } });
  const stats = { requests: 0, serverWaitMs: 0 };
  const signal = options.signal ?? new AbortController().signal;
  const sync = engine.syncSource({ forumId: store.forumId, baseUrl: store.baseUrl, politeness: { budget: null } }, { signal, stats });
  if (sync.kind !== 'own') throw new Error('a news server runs its own sync');
  const batches: SyncBatch[] = [];
  const outcome = await sync.run({
    request: store.request(groups, options.extra),
    runId: 'run',
    signal,
    ...(options.postsPerBatch !== undefined && { postsPerBatch: options.postsPerBatch }),
    emitBatch: async (batch) => {
      batches.push(batch);
      store.commit(batch);
    },
    progress: () => {},
  });
  return { outcome, batches, commands: stats.requests };
}
