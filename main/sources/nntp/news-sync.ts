// A sync of a news server's followed groups, by article numbers (RFC 3977 §6.1.1): per group, GROUP
// for its water marks, OVER for the headers of articles above the last one read (the board's
// cursor), ARTICLE for those not stored yet, pipelined. A group never read starts at its newest
// `firstSyncArticles`, as slrnpull does. Each step of STEP articles goes out as posts, then the
// cursors of the threads it touched, then the group's cursor, through the batch writer Discourse
// syncs use: a run stopped anywhere resumes at the last step committed, and an article already
// stored (a crosspost, a step redone) is never stored again. Articles the server expires stay.
// A crosspost is one post in one thread, and that thread is listed in every followed group the
// article names (Newsgroups, Xref) or is listed in (another group's overview): the thread row's
// alsoInBoardIds.
import { AppError, DEFAULT_FIRST_SYNC_ARTICLES, DEFAULT_MAX_POSTS_PER_RUN, type AppErrorInfo, type SyncRequest } from '../../../shared/api';
import { MAX_BOARDS_OF_THREAD, threadIdFor, type Post, type Thread } from '../../../shared/model';
import { BatchWriter, throwIfCancelled } from '../../sync/sync-engine';
import type { OwnSyncDeps, SyncOutcome } from '../forum-source';
import { articlePost, authorName, threadTitle } from './article-post';
import type { NntpClient } from './nntp-client';
import { describeNntpError, isServerWide } from './nntp-error-words';
import { articleNumberFor, isMessageId } from './news-ids';
import { readArticle, type ReadArticle } from './read-article';
import { baseSubject, threadArticles, type KnownThreads } from './threading';

/** Article numbers per step: one OVER range, its ARTICLEs, and the cursors that vouch for them. */
export const STEP = 500;
/** Skipped articles named per group and run; beyond them the message counts the rest. */
const ERRORS_NAMED_PER_GROUP = 5;

type Board = SyncRequest['boards'][number];

interface ThreadState {
  remoteId: number;
  boardId: string;
  title: string;
  authorUsername: string;
  createdAt: string;
  lastPostedAt: string;
  /** The title, author and start came from the root article (or the stored thread), not a reply. */
  fromRoot: boolean;
  highest: number;
  postIds: number[];
  /** Followed groups besides boardId whose lists show the thread (its crossposts). */
  alsoIn: Set<string>;
}

/** What is stored of a thread the renderer knows but sent no row fields for (an older renderer). */
interface StoredOnly {
  remoteId: number;
  highest: number;
  postIds: number[];
  lastPostedAt: string;
}

const hasRow = (state: ThreadState | StoredOnly): state is ThreadState => 'boardId' in state;

export async function syncNewsGroups(client: NntpClient, deps: OwnSyncDeps): Promise<SyncOutcome> {
  const { request, signal } = deps;
  const forumId = request.forumId;
  const batches = new BatchWriter(deps);
  const firstSync = request.firstSyncArticles ?? DEFAULT_FIRST_SYNC_ARTICLES;
  const perRun = request.maxPostsPerRun ?? DEFAULT_MAX_POSTS_PER_RUN;
  const threads = new Map<number, ThreadState | StoredOnly>();
  /** Every stored or fetched article's thread, by the article's remoteId. */
  const threadOfPost = new Map<number, number>();
  /** Post numbers by remoteId, given in this run or read from what is stored (a reply's "in reply to #N"). */
  const numberOfPost = new Map<number, number>();
  const threadOfSubject = new Map<string, number>();
  for (const known of request.known) {
    const highest = Math.max(known.highestPostNumber, known.storedThrough ?? 0, known.postIds.length, 0);
    // Stored ids come in post-number order; when as many as the highest number, they are 1..n.
    if (highest === known.postIds.length) known.postIds.forEach((id, index) => numberOfPost.set(id, index + 1));
    const stored = { remoteId: known.remoteId, highest, postIds: [...known.postIds], lastPostedAt: known.lastPostedAt };
    if (known.thread) {
      const { alsoInBoardIds, ...row } = known.thread;
      threads.set(known.remoteId, { ...stored, ...row, fromRoot: true, alsoIn: new Set(alsoInBoardIds) });
    } else threads.set(known.remoteId, stored);
    for (const id of known.postIds) threadOfPost.set(id, known.remoteId);
    if (known.thread) threadOfSubject.set(baseSubject(known.thread.title), known.remoteId);
  }
  const knownThreads: KnownThreads = {
    threadOf(messageId) {
      const id = articleNumberFor(messageId);
      const thread = threadOfPost.get(id) ?? (threads.has(id) ? id : undefined);
      return thread === undefined ? null : `#${thread}`;
    },
    threadOfSubject: (base) => {
      const thread = threadOfSubject.get(base);
      return thread === undefined ? null : `#${thread}`;
    },
  };

  const boardErrors: SyncOutcome['boardErrors'] = [];
  const counts = { threadsDone: 0, threadsTotal: request.boards.length, postsFetched: 0, currentThread: null as string | null };
  const changed = new Set<number>();
  let runLimitReached = false;
  const boardOfGroup = new Map(request.boards.map((board) => [board.slug.toLowerCase(), board.boardId]));
  /** Threads that joined a followed group's list in this step, with or without new articles. */
  let crossposted = new Set<number>();
  /** Lists the thread of a stored or placed article in the followed ones of these groups (a crosspost). */
  const showIn = (threadRemoteId: number | undefined, groups: Iterable<string>) => {
    const state = threadRemoteId === undefined ? undefined : threads.get(threadRemoteId);
    // A thread the renderer sent without its row fields cannot be written whole: it waits for its next article.
    if (!state || !hasRow(state)) return;
    for (const group of groups) {
      const boardId = boardOfGroup.get(group.toLowerCase());
      if (!boardId || boardId === state.boardId || state.alsoIn.has(boardId) || state.alsoIn.size >= MAX_BOARDS_OF_THREAD) continue;
      state.alsoIn.add(boardId);
      crossposted.add(state.remoteId);
    }
  };

  const syncGroup = async (board: Board) => {
    const group = board.slug;
    const skipped: AppErrorInfo[] = [];
    const articleError = (number: number | null, error: AppErrorInfo) => {
      skipped.push({ code: error.code, message: `article ${number ?? '(no number)'}: ${error.message}` });
    };
    const info = await client.group(group);
    const read = parseWatermark(board.watermark);
    const newest = Math.max(info.low, info.high - firstSync + 1);
    // Above the high-water mark the group was renumbered (§6.1.1.2 allows it): start again from the
    // newest; what is stored is known by Message-ID, not number, so nothing is taken twice.
    const from = read === null || read > info.high ? newest : Math.max(read + 1, info.low);
    if (from > info.high) {
      if (read !== info.high) batches.addBoardCursors([{ boardId: board.boardId, watermark: String(info.high) }]);
      return;
    }
    for (let start = from; start <= info.high; start += STEP) {
      throwIfCancelled(signal);
      const room = perRun - counts.postsFetched;
      if (room <= 0) {
        runLimitReached = true;
        break;
      }
      let end = Math.min(info.high, start + STEP - 1);
      const overview = await client.over(group, start, end);
      for (const problem of overview.errors) articleError(leadingNumber(problem.line), { code: 'bad_response', message: `An overview line from the server could not be read (${problem.why}); that article was skipped.` });
      const wanted = new Map<string, number>();
      const xrefOfNumber = new Map<number, string>();
      for (const entry of [...overview.entries].sort((a, b) => a.number - b.number)) {
        if (wanted.has(entry.messageId)) continue;
        const storedIn = threadOfPost.get(articleNumberFor(entry.messageId));
        if (storedIn !== undefined) {
          // Stored from another group: this group lists it too.
          showIn(storedIn, [group, ...xrefGroups(entry.xref)]);
          continue;
        }
        if (entry.xref) xrefOfNumber.set(entry.number, entry.xref);
        if (wanted.size === room) {
          // The run's ceiling falls inside this step: the group's cursor stops before this article.
          end = entry.number - 1;
          runLimitReached = true;
          break;
        }
        wanted.set(entry.messageId, entry.number);
      }
      const numbers = [...wanted.values()];
      const idOfNumber = new Map([...wanted].map(([messageId, number]) => [number, messageId]));
      const fetched: Array<ReadArticle & { messageId: string; number: number }> = [];
      for (const result of numbers.length > 0 ? await client.articles(group, numbers, 'ARTICLE') : []) {
        const number = result.id as number;
        if (!result.ok) {
          // Expired between OVER and ARTICLE: nothing to keep. Anything else is named.
          if (result.why !== 'missing') articleError(number, { code: result.why === 'too-large' ? 'too_large' : 'bad_response', message: result.error });
          continue;
        }
        try {
          const article = readArticle(result.data);
          const messageId = article.messageId && isMessageId(article.messageId) ? article.messageId : (idOfNumber.get(number) ?? null);
          if (!messageId || fetched.some((other) => other.messageId === messageId)) continue;
          if (threadOfPost.has(articleNumberFor(messageId))) {
            showIn(threadOfPost.get(articleNumberFor(messageId)), [group, ...article.newsgroups]);
            continue;
          }
          fetched.push({ ...article, messageId, number });
        } catch (error) {
          articleError(number, { code: 'bad_response', message: `Article ${number} could not be read: ${error instanceof Error ? error.message : String(error)}` });
        }
      }
      const posts = placeArticles(fetched, board);
      for (const article of fetched) {
        showIn(threadOfPost.get(articleNumberFor(article.messageId)), [...article.newsgroups, ...xrefGroups(xrefOfNumber.get(article.number) ?? null)]);
      }
      counts.postsFetched += posts.length;
      deps.progress({ ...counts });
      const touched = [...new Set(posts.map((post) => threadOfPost.get(post.remoteId)!))];
      for (const id of [...touched, ...crossposted]) changed.add(id);
      batches.addThreads([...new Set([...touched, ...crossposted])].map((id) => threadRow(threads.get(id) as ThreadState)));
      crossposted = new Set();
      await batches.addPosts(posts);
      for (const id of touched) {
        const state = threads.get(id) as ThreadState;
        batches.completeThread({ threadId: threadIdFor(forumId, id), highestPostNumber: state.highest, postsCount: state.postIds.length, lastPostedAt: state.lastPostedAt, postIds: [...state.postIds] });
      }
      batches.addBoardCursors([{ boardId: board.boardId, watermark: String(end) }]);
      // Each step commits on its own: a run broken off later resumes after it.
      await batches.flush();
      if (runLimitReached) break;
    }
    // One entry per group, however many articles a hostile server breaks: the rest were synced.
    if (skipped.length > 0) {
      const named = skipped.slice(0, ERRORS_NAMED_PER_GROUP).map((error) => error.message);
      const more = skipped.length - named.length;
      boardErrors.push({
        boardId: board.boardId,
        title: `group ${group}`,
        error: {
          code: skipped.every((error) => error.code === 'too_large') ? 'too_large' : 'bad_response',
          message: `${skipped.length} ${skipped.length === 1 ? 'article was' : 'articles were'} skipped, the rest synced. ${named.join(' ')}${more > 0 ? ` And ${more} more.` : ''}`,
        },
      });
    }
  };

  /** Threads, post numbers and Posts for one step's articles, in article-number order. */
  const placeArticles = (articles: Array<ReadArticle & { messageId: string; number: number }>, board: Board): Post[] => {
    const placements = threadArticles(
      articles.map((article) => ({ messageId: article.messageId, subject: article.subject, references: article.references, inReplyTo: article.inReplyTo })),
      knownThreads,
    );
    const placed = new Map(placements.map((placement) => [placement.messageId, placement]));
    // A thread key is "#id" for a stored thread, or a Message-ID: of this step's article that it
    // joined by subject (whose own thread it is), or of a root, stored or expired.
    const threadNumber = (key: string, depth = 0): number => {
      if (key.startsWith('#')) return Number(key.slice(1));
      const via = placed.get(key);
      if (via && via.threadId !== key && depth < articles.length) return threadNumber(via.threadId, depth + 1);
      return articleNumberFor(key);
    };
    const now = new Date().toISOString();
    return articles.map((article, index) => {
      const placement = placements[index]!;
      const remoteThread = threadNumber(placement.threadId);
      const remoteId = articleNumberFor(article.messageId);
      const date = article.date ?? now;
      const isRoot = remoteId === remoteThread;
      const before = threads.get(remoteThread);
      const author = authorName(article.from);
      let state: ThreadState;
      if (!before || !hasRow(before)) {
        state = {
          remoteId: remoteThread,
          boardId: board.boardId,
          title: threadTitle(article.subject),
          authorUsername: author,
          createdAt: date,
          lastPostedAt: before?.lastPostedAt ?? date,
          fromRoot: isRoot,
          highest: before?.highest ?? 0,
          postIds: before?.postIds ?? [],
          alsoIn: new Set(),
        };
        threads.set(remoteThread, state);
        if (!threadOfSubject.has(baseSubject(state.title))) threadOfSubject.set(baseSubject(state.title), remoteThread);
      } else {
        state = before;
        // An article read in another group than the thread's own: the thread is listed there too.
        if (state.boardId !== board.boardId) showIn(state.remoteId, [board.slug]);
        if (isRoot && !state.fromRoot) Object.assign(state, { title: threadTitle(article.subject), authorUsername: author, fromRoot: true });
      }
      if (date < state.createdAt) state.createdAt = date;
      if (date > state.lastPostedAt) state.lastPostedAt = date;
      const postNumber = ++state.highest;
      state.postIds.push(remoteId);
      threadOfPost.set(remoteId, remoteThread);
      numberOfPost.set(remoteId, postNumber);
      const parent = placement.parentId?.startsWith('<') ? numberOfPost.get(articleNumberFor(placement.parentId)) : undefined;
      return articlePost(article, { forumId, threadRemoteId: remoteThread, postNumber, replyToPostNumber: parent ?? null, fallbackDate: now });
    });
  };

  const threadRow = (state: ThreadState): Thread => ({
    id: threadIdFor(forumId, state.remoteId),
    forumId,
    boardId: state.boardId,
    remoteId: state.remoteId,
    title: state.title,
    slug: '',
    authorUsername: state.authorUsername,
    createdAt: state.createdAt,
    lastPostedAt: state.lastPostedAt,
    bumpedAt: state.lastPostedAt,
    postsCount: state.postIds.length,
    highestPostNumber: state.highest,
    pinned: false,
    closed: false,
    ...(state.alsoIn.size > 0 && { alsoInBoardIds: [...state.alsoIn].sort() }),
  });

  for (const board of request.boards) {
    throwIfCancelled(signal);
    counts.currentThread = board.slug;
    deps.progress({ ...counts });
    try {
      await syncGroup(board);
    } catch (error) {
      if (signal.aborted) throw new AppError('cancelled', 'Sync cancelled.');
      const info = describeNntpError(error);
      if (!info) throw error;
      // The server as a whole is out of reach or refuses us: stop; what is committed stays.
      if (isServerWide(error)) throw new AppError(info.code, info.message);
      boardErrors.push({ boardId: board.boardId, title: `group ${board.slug}`, error: info });
    }
    counts.threadsDone++;
    if (runLimitReached) {
      boardErrors.push({
        boardId: board.boardId,
        title: `group ${board.slug}`,
        error: { code: 'too_large', message: `Partly synced: this sync reached its limit of ${perRun.toLocaleString('en')} posts (set in the Sync log view). What was fetched is kept; the next sync goes on from here.` },
      });
      break;
    }
  }
  counts.currentThread = null;
  deps.progress({ ...counts });
  await batches.flush();
  // Errors are the group's (boardErrors): an article that fails has no thread to name yet.
  return { threadsChanged: changed.size, postsFetched: counts.postsFetched, threadErrors: [], boardErrors };
}

function parseWatermark(watermark: string | null): number | null {
  return watermark !== null && /^\d{1,15}$/.test(watermark) ? Number(watermark) : null;
}

/** The groups an Xref field names ("host group:number group:number", RFC 5536 §3.2.14). */
function xrefGroups(xref: string | null): string[] {
  if (!xref) return [];
  return xref
    .split(/\s+/)
    .slice(1)
    .flatMap((entry) => {
      const at = entry.lastIndexOf(':');
      return at > 0 ? [entry.slice(0, at)] : [];
    });
}

function leadingNumber(line: string): number | null {
  const match = /^(\d{1,15})\t/.exec(line);
  return match ? Number(match[1]) : null;
}
