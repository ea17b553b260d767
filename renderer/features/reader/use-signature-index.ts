// Builds the signature index of the open thread from all of its posts. A short thread is indexed
// before it is shown (one read); a long one in the background once its first posts are painted, a
// chunk at a time, so opening it does not wait for 10,000 posts. Indexes of the last few threads
// are kept, so going back to a thread does not read it all again.
import { useEffect, useState } from 'react';
import { useBackends } from '../../db/db-context';
import { SignatureIndex } from './signatures';

const CHUNK = 500;
const KEPT_THREADS = 4;

interface Scan {
  threadId: string;
  ids: readonly string[];
  index: SignatureIndex;
}

/** Most recently used last. */
const scans = new Map<string, Scan>();

function scanOf(threadId: string): Scan {
  let scan = scans.get(threadId);
  if (scan) scans.delete(threadId);
  else scan = { threadId, ids: [], index: new SignatureIndex() };
  scans.set(threadId, scan);
  while (scans.size > KEPT_THREADS) scans.delete(scans.keys().next().value as string);
  return scan;
}

const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * The thread's signature index. `ready` turns true once it covers every post known when it
 * started; `background` threads are only scanned once `enabled` (their first posts are shown).
 */
export function useSignatureIndex(
  threadId: string,
  ids: readonly string[] | undefined,
  options: { background: boolean; enabled: boolean },
): { index: SignatureIndex; ready: boolean } {
  const { db } = useBackends();
  const [scan, setScan] = useState(() => scanOf(threadId));
  const [ready, setReady] = useState(false);
  const { background, enabled } = options;

  useEffect(() => {
    if (!ids || !enabled) return;
    let cancelled = false;
    let current = scans.get(threadId) ?? scanOf(threadId);
    const continues = current.ids.length <= ids.length && current.ids.every((id, i) => ids[i] === id);
    // Posts were removed or reordered: start again rather than un-count them.
    if (!continues) {
      scans.delete(threadId);
      current = scanOf(threadId);
      setScan(current);
    }
    const todo = ids.slice(current.ids.length);
    if (todo.length === 0) {
      setReady(true);
      return;
    }
    void (async () => {
      if (background) await afterPaint();
      for (let from = 0; from < todo.length && !cancelled; from += CHUNK) {
        const chunk = todo.slice(from, from + CHUNK);
        const posts = await db.posts.bulkGet(chunk);
        if (cancelled || scans.get(threadId) !== current) return;
        for (const post of posts) if (post) current.index.add(post);
        current.ids = current.ids.concat(chunk);
        if (from + CHUNK < todo.length) await afterPaint();
      }
      if (!cancelled) {
        setReady(true);
        // The index changed in place: a new object tells React to render the posts again.
        setScan({ ...current });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [db, threadId, ids, background, enabled]);

  return { index: scan.index, ready };
}
