// The index worker: holds the in-memory post index, catches up with the queue and answers
// searches, so tokenising a hundred thousand posts never runs on the thread that paints the UI.
import { ReaderDb } from '../../db/reader-db';
import { SearchEngine } from './search-engine';
import type { ToWorker, FromWorker } from './worker-messages';

interface WorkerScope {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
}
const scope = self as unknown as WorkerScope;

let engine: SearchEngine | null = null;
let catchingUp = false;
let again = false;

async function catchUp(current: SearchEngine) {
  if (catchingUp) {
    again = true;
    return;
  }
  catchingUp = true;
  try {
    do {
      again = false;
      await current.posts.catchUp((progress) => scope.postMessage({ type: 'progress', ...progress, ready: true }));
    } while (again);
  } catch (error) {
    scope.postMessage({ type: 'failed', message: `The search index could not be brought up to date: ${String(error)}` });
  } finally {
    catchingUp = false;
  }
}

scope.addEventListener('message', (event) => {
  const message = event.data;
  switch (message.type) {
    case 'open': {
      const current = (engine = new SearchEngine(new ReaderDb(message.dbName)));
      void current.posts
        .load()
        .then(async () => {
          scope.postMessage({ type: 'progress', done: 0, pending: await current.posts.queuedPosts(), version: current.posts.version, ready: true });
          await catchUp(current);
        })
        .catch((error: unknown) => scope.postMessage({ type: 'failed', message: `The search index could not be read: ${String(error)}` }));
      return;
    }
    case 'catch-up':
      if (engine) void catchUp(engine);
      return;
    case 'handover-expected':
      engine?.posts.expectHandover(message.queueKey);
      return;
    case 'handover-cancelled':
      engine?.posts.handoverCancelled(message.queueKey);
      return;
    case 'index-committed': {
      const { type: _type, ...committed } = message;
      const current = engine;
      // Then a catch-up, which reports the index up to date (or takes what else was queued).
      current?.posts.indexCommitted(committed).then(
        () => catchUp(current),
        (error: unknown) => scope.postMessage({ type: 'failed', message: `Indexing synced posts failed (they stay queued): ${String(error)}` }),
      );
      return;
    }
    case 'notes-changed':
      engine?.notesChanged();
      return;
    case 'threads-changed':
      engine?.threadsChanged();
      return;
    case 'search': {
      if (!engine) return;
      engine.search(message.request).then(
        (response) => scope.postMessage({ type: 'result', id: message.id, response }),
        (error: unknown) => scope.postMessage({ type: 'search-failed', id: message.id, message: String(error) }),
      );
      return;
    }
  }
});
