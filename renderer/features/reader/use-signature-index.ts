// Builds the signature index of the open thread from all of its posts. A short thread is indexed
// before it is shown (one read); a long one in the background, a chunk at a time, so opening it
// does not wait for 10,000 posts to be read.
import { useEffect, useRef, useState } from 'react';
import { useBackends } from '../../db/db-context';
import { SignatureIndex } from './signatures';

const CHUNK = 250;

interface Scan {
  threadId: string;
  ids: readonly string[];
  index: SignatureIndex;
}

/** The index and whether it covers every post yet; `ready` turns true once the first chunk is in. */
export function useSignatureIndex(threadId: string, ids: readonly string[] | undefined): { index: SignatureIndex; ready: boolean; version: number } {
  const { db } = useBackends();
  const scan = useRef<Scan>({ threadId, ids: [], index: new SignatureIndex() });
  const [state, setState] = useState({ version: 0, ready: false });

  useEffect(() => {
    if (!ids) return;
    let cancelled = false;
    const previous = scan.current;
    const continues =
      previous.threadId === threadId && previous.ids.length <= ids.length && previous.ids.every((id, i) => ids[i] === id);
    // Posts were removed or reordered: start again rather than un-count them.
    if (!continues) scan.current = { threadId, ids: [], index: new SignatureIndex() };
    const current = scan.current;
    const todo = ids.slice(current.ids.length);
    void (async () => {
      for (let from = 0; from < todo.length; from += CHUNK) {
        const chunk = todo.slice(from, from + CHUNK);
        const posts = await db.posts.bulkGet(chunk);
        if (cancelled || scan.current !== current) return;
        for (const post of posts) if (post) current.index.add(post);
        current.ids = [...current.ids, ...chunk];
        if (from === 0 || from + CHUNK >= todo.length) setState((s) => ({ version: s.version + 1, ready: true }));
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (cancelled) return;
      }
      if (todo.length === 0) setState((s) => (s.ready ? s : { ...s, ready: true }));
    })();
    return () => {
      cancelled = true;
    };
  }, [db, threadId, ids]);

  return { index: scan.current.index, ready: state.ready, version: state.version };
}
