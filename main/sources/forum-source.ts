// What sync needs from a forum, whatever protocol it speaks. Adapters validate and map every
// response before it leaves them, so sync sees only shared/model types.
import type { Board, Post, Thread } from '../../shared/model';

export interface ThreadPage {
  threads: Thread[];
  /** Absent when the forum has no further page. */
  nextPage: string | null;
}

export interface ThreadWithPostIds {
  thread: Thread;
  /** Every post id in display order, or null for a mega topic, which must be paged by number. */
  postIds: number[] | null;
  /** The posts the thread request already carried (its first chunk). */
  posts: Post[];
}

/** For a thread a person opened and waits on: its requests go ahead of the others. */
export interface AskOptions {
  urgent?: boolean;
}

export interface ForumSource {
  listBoards(): Promise<Board[]>;
  /** Threads of a board, most recently active first (pinned ones first, whatever their date). */
  listThreads(board: { boardId: string; remoteId: number; slug: string }, page: string | null): Promise<ThreadPage>;
  /** Threads of every category the visitor may see, most recently bumped first (pinned ones first). */
  listLatest(page: string | null): Promise<ThreadPage>;
  getThread(remoteId: number, ask?: AskOptions): Promise<ThreadWithPostIds>;
  /**
   * Ids asked for in one request at most, as learnt for this forum so far. The engine asks for no
   * more at once; getPostsById splits further by itself when the forum refuses a request as too long.
   */
  idsPerRequest(): number;
  getPostsById(threadRemoteId: number, postIds: number[], ask?: AskOptions): Promise<Post[]>;
  /** Posts after `postNumber`, in order; an empty array means the end. */
  getPostsAfter(threadRemoteId: number, postNumber: number, ask?: AskOptions): Promise<Post[]>;
}
