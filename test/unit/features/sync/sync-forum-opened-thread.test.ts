// After the batch holding the first posts of a thread a person opened, the next commit waits for
// them to show: a big write begun first would hold up each of the reading pane's reads.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload, ForumApi } from '../../../../shared/api';
import { syncForum } from '../../../../renderer/features/sync/sync-forum';
import { useReader } from '../../../../renderer/state/reader-store';
import { useThreadOnScreen } from '../../../../renderer/state/thread-on-screen';
import { freshDb } from '../../../support/fresh-db';
import { batch, FORUM, post, THREAD } from '../../../support/one-thread-batches';

/** Main, as far as one run goes: the test emits its events; acknowledgements are recorded. */
function fakeMain() {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const acked: number[] = [];
  const api = {
    on: (name: EventName, listener: (payload: never) => void) => {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set.add(listener));
      return () => set.delete(listener);
    },
    startSync: async () => ({ ok: true, value: { runId: 'run' } }),
    ackSyncBatch: async ({ seq }: { seq: number }) => {
      acked.push(seq);
      return { ok: true, value: {} };
    },
    cancelSync: async () => ({ ok: true, value: {} }),
  } as unknown as ForumApi;
  const emit = <K extends EventName>(name: K, payload: EventPayload<K>) => listeners.get(name)?.forEach((listener) => listener(payload as never));
  return { api, acked, emit, listening: () => (listeners.get('syncBatch')?.size ?? 0) > 0 };
}

describe('a sync run with a thread a person opened', () => {
  const db = freshDb();
  afterEach(async () => {
    useReader.setState({ selectedThreadId: null });
    useThreadOnScreen.getState().showing(null, 0);
    await Promise.all(db.tables.map((table) => table.clear()));
  });

  async function runWithOpenedBatch() {
    await db.forums.put({ id: FORUM, name: FORUM, baseUrl: 'https://forum.test', protocol: 'discourse', isSample: false, addedAt: '2024-01-01T00:00:00.000Z', lastSyncedAt: null, lastSyncError: null });
    useReader.setState({ selectedThreadId: THREAD });
    const main = fakeMain();
    const run = syncForum(db, main.api, FORUM);
    await vi.waitFor(() => expect(main.listening()).toBe(true));
    const opened = batch({ posts: [post(1), post(2)], openedThreadId: THREAD });
    const rest = batch({ threads: [], posts: [post(3), post(4), post(5)] });
    main.emit('syncBatch', opened);
    main.emit('syncBatch', rest);
    await vi.waitFor(() => expect(main.acked).toContain(opened.seq));
    // A read begun now runs after any write the run has begun.
    await db.posts.count();
    const finish = async () => {
      main.emit('syncDone', { runId: 'run', forumId: FORUM, status: 'completed', startedAt: '', finishedAt: '', threadsChanged: 1, postsFetched: 5, requests: 1, serverWaitMs: 0, error: null, threadErrors: [], boardErrors: [] });
      expect((await run).status).toBe('completed');
    };
    return { main, rest, finish };
  }

  it('commits nothing more until the thread shows a post', async () => {
    const { main, rest, finish } = await runWithOpenedBatch();
    expect(main.acked).not.toContain(rest.seq);
    expect(await db.posts.count()).toBe(2);

    useThreadOnScreen.getState().showing(THREAD, 2);
    await vi.waitFor(() => expect(main.acked).toContain(rest.seq));
    expect(await db.posts.count()).toBe(5);
    await finish();
  });

  it('goes on when the person opens another thread instead', async () => {
    const { main, rest, finish } = await runWithOpenedBatch();
    expect(main.acked).not.toContain(rest.seq);
    useReader.setState({ selectedThreadId: `${FORUM}/t/8` });
    await vi.waitFor(() => expect(main.acked).toContain(rest.seq));
    await finish();
  });
});
