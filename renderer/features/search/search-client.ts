// The page's handle on the search index: one per database, started on first use. In a browser
// the index lives in a Web Worker; where there is none (unit tests under Node) it runs in-process.
import { liveQuery } from 'dexie';
import { onPostsCommitted, onPostsCommitting } from '../../db/posts-committed';
import type { ReaderDb } from '../../db/reader-db';
import { useIndexStatus } from './index-status-store';
import { SearchEngine } from './search-engine';
import type { SearchRequest, SearchResponse } from './search-types';
import type { FromWorker, ToWorker } from './worker-messages';

export interface SearchClient {
  search(request: SearchRequest): Promise<SearchResponse>;
  close(): void;
}

const clients = new WeakMap<ReaderDb, SearchClient>();

export function searchClientFor(db: ReaderDb): SearchClient {
  let client = clients.get(db);
  if (!client) {
    client = typeof Worker === 'undefined' ? inProcessClient(db) : workerClient(db);
    clients.set(db, client);
  }
  return client;
}

interface IndexChanges {
  /** Posts are waiting in the queue. */
  queued(): void;
  /** Bookmarks, highlights or drafts changed. */
  notesChanged(): void;
  /** A thread row changed (its title may have). */
  threadsChanged(): void;
}

/**
 * Calls `onChange` for every answer of `query`: after each change to what it reads, and once at
 * first, which costs only a re-read and leaves no gap between a cache being filled and the watch
 * starting.
 */
function onChanges(query: () => Promise<unknown>, onChange: () => void): { unsubscribe(): void } {
  return liveQuery(query).subscribe({ next: onChange, error: watchFailed });
}

/**
 * A watch that fails stops: the index no longer follows changes until the page is loaded again.
 * Logged rather than shown: the next catch-up's progress would clear it from the Search view.
 */
function watchFailed(error: unknown): void {
  console.error(`The search index stopped following changes (${error instanceof Error ? error.message : String(error)}); searches may miss new posts until the reader is reloaded.`);
}

function watchChanges(db: ReaderDb, on: IndexChanges): () => void {
  // Whether anything is queued, not how much: counting a long queue (older data being caught up)
  // after each chunk the worker takes off it would cost the database more than the chunk.
  const queued = liveQuery(() => db.searchQueue.limit(1).primaryKeys()).subscribe({
    next: (keys) => keys.length > 0 && on.queued(),
    error: watchFailed,
  });
  const notes = onChanges(() => Promise.all([db.bookmarks.toArray(), db.highlights.toArray(), db.drafts.toArray()]), on.notesChanged);
  // One row read, but the whole table watched: a query's range, not its limit, is what is observed.
  const threads = onChanges(() => db.threads.limit(1).toArray(), on.threadsChanged);
  return () => {
    queued.unsubscribe();
    notes.unsubscribe();
    threads.unsubscribe();
  };
}

function workerClient(db: ReaderDb): SearchClient {
  const worker = new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module', name: 'search-index' });
  const send = (message: ToWorker) => worker.postMessage(message);
  const waiting = new Map<number, { resolve(response: SearchResponse): void; reject(error: Error): void }>();
  let nextId = 1;
  worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    if (message.type === 'progress') useIndexStatus.getState().reported(message);
    else if (message.type === 'failed') useIndexStatus.getState().failed(message.message);
    else {
      const pending = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.type === 'result') pending?.resolve(message.response);
      else pending?.reject(new Error(message.message));
    }
  });
  worker.addEventListener('error', (event) => useIndexStatus.getState().failed(`The search index stopped: ${event.message}`));
  send({ type: 'open', dbName: db.name });
  // Posts a sync has just committed go straight to the worker, which spares it reading them back.
  const stopExpecting = onPostsCommitting(({ db: committingTo, queueKey, outcome }) => {
    if (committingTo !== db) return;
    send({ type: 'handover-expected', queueKey });
    void outcome.then((committed) => committed || send({ type: 'handover-cancelled', queueKey }));
  });
  const stopForwarding = onPostsCommitted(({ db: committedTo, ...committed }) => {
    if (committedTo === db) send({ type: 'index-committed', ...committed });
  });
  const stopWatching = watchChanges(db, {
    queued: () => send({ type: 'catch-up' }),
    notesChanged: () => send({ type: 'notes-changed' }),
    threadsChanged: () => send({ type: 'threads-changed' }),
  });
  return {
    search: (request) =>
      new Promise<SearchResponse>((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        send({ type: 'search', id, request });
      }),
    close: () => {
      stopExpecting();
      stopForwarding();
      stopWatching();
      worker.terminate();
    },
  };
}

function inProcessClient(db: ReaderDb): SearchClient {
  const engine = new SearchEngine(db);
  let running: Promise<unknown> = Promise.resolve();
  const catchUp = () => {
    running = running.then(() => engine.posts.catchUp((progress) => useIndexStatus.getState().reported({ ...progress, ready: true }))).catch((error: unknown) => useIndexStatus.getState().failed(String(error)));
  };
  const stopWatching = watchChanges(db, { queued: catchUp, notesChanged: () => engine.notesChanged(), threadsChanged: () => engine.threadsChanged() });
  // An index that cannot be read back is reported like a failed catch-up, not left unhandled.
  void engine.posts.load().then(catchUp, (error: unknown) => useIndexStatus.getState().failed(String(error)));
  return { search: (request) => engine.search(request), close: stopWatching };
}
