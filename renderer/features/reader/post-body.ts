// The reader's own touches to a sanitised post: links on quotes whose source is stored, and the
// trailing block split off when it is a signature. Works in an inert template, after sanitising.
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';
import { threadIdFor } from '../../../shared/model';
import type { ReaderDb } from '../../db/reader-db';
import { hasContentBefore, lastBlock } from './signatures';

export interface QuoteRef {
  /** Discourse topic id; null when the quote does not say (then it is this thread). */
  topic: number | null;
  post: number;
}

export interface QuoteTarget {
  threadId: string;
  postNumber: number;
  /** Set when the quoted post is in another thread. */
  threadTitle: string | null;
}

const quoteKey = (topic: number | null, post: number) => `${topic ?? ''}:${post}`;

export function quoteRefsOf(html: string): QuoteRef[] {
  if (!html.includes('data-post')) return [];
  const holder = document.createElement('template');
  holder.innerHTML = html;
  const refs: QuoteRef[] = [];
  for (const aside of holder.content.querySelectorAll('aside.quote[data-post]')) {
    const post = Number(aside.getAttribute('data-post'));
    const topicText = aside.getAttribute('data-topic');
    const topic = topicText === null ? null : Number(topicText);
    if (Number.isInteger(post) && post > 0 && (topic === null || Number.isInteger(topic))) refs.push({ topic, post });
  }
  return refs;
}

/** Which quoted posts are stored here, by quote key. */
export async function storedQuoteTargets(
  db: ReaderDb,
  at: { forumId: string; threadId: string },
  refs: readonly QuoteRef[],
): Promise<Map<string, QuoteTarget>> {
  const targets = new Map<string, QuoteTarget>();
  if (refs.length === 0) return targets;
  const wanted = refs.map((ref) => ({ ref, threadId: ref.topic === null ? at.threadId : threadIdFor(at.forumId, ref.topic) }));
  const found = await db.posts
    .where('[threadId+postNumber]')
    .anyOf(wanted.map((w) => [w.threadId, w.ref.post]))
    .keys();
  const stored = new Set(found.map((key) => JSON.stringify(key)));
  const others = [...new Set(wanted.map((w) => w.threadId).filter((id) => id !== at.threadId))];
  const titles = new Map((await db.threads.bulkGet(others)).filter((t) => t !== undefined).map((t) => [t.id, t.title]));
  for (const { ref, threadId } of wanted) {
    if (!stored.has(JSON.stringify([threadId, ref.post]))) continue;
    targets.set(quoteKey(ref.topic, ref.post), {
      threadId,
      postNumber: ref.post,
      threadTitle: threadId === at.threadId ? null : (titles.get(threadId) ?? null),
    });
  }
  return targets;
}

const NO_TARGETS: ReadonlyMap<string, QuoteTarget> = new Map();

/**
 * The stored sources of a post's quotes, live (a quoted post synced later becomes a link). Posts
 * without quotes, most of them, cost no query at all.
 */
export function useQuoteTargets(db: ReaderDb, at: { forumId: string; threadId: string }, refs: readonly QuoteRef[]): ReadonlyMap<string, QuoteTarget> {
  const key = quoteRefsKey(refs);
  const [found, setFound] = useState<{ key: string; targets: ReadonlyMap<string, QuoteTarget> }>({ key: '', targets: NO_TARGETS });
  const { forumId, threadId } = at;
  useEffect(() => {
    if (refs.length === 0) return;
    const subscription = liveQuery(() => storedQuoteTargets(db, { forumId, threadId }, refs)).subscribe({
      // The same targets read again keep their identity, so the body is not shaped and drawn anew.
      next: (targets) => setFound((previous) => (previous.key === key && sameTargets(previous.targets, targets) ? previous : { key, targets })),
      error: (error: unknown) => console.error('Could not look up quoted posts', error),
    });
    return () => subscription.unsubscribe();
    // refs is described by key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, forumId, threadId, key]);
  return found.key === key ? found.targets : NO_TARGETS;
}

function sameTargets(a: ReadonlyMap<string, QuoteTarget>, b: ReadonlyMap<string, QuoteTarget>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, target] of a) {
    const other = b.get(key);
    if (!other || other.threadId !== target.threadId || other.postNumber !== target.postNumber || other.threadTitle !== target.threadTitle) return false;
  }
  return true;
}

export interface ShapedPost {
  body: string;
  /** The trailing block's HTML when it is to be shown as a signature. */
  signature: string | null;
}

export function shapePostBody(html: string, quoteTargets: ReadonlyMap<string, QuoteTarget>, splitSignature: boolean): ShapedPost {
  if (quoteTargets.size === 0 && !splitSignature) return { body: html, signature: null };
  const holder = document.createElement('template');
  holder.innerHTML = html;
  for (const aside of holder.content.querySelectorAll('aside.quote[data-post]')) {
    const topicText = aside.getAttribute('data-topic');
    const target = quoteTargets.get(quoteKey(topicText === null ? null : Number(topicText), Number(aside.getAttribute('data-post'))));
    if (!target) continue;
    let title = aside.querySelector(':scope > .title');
    if (!title) {
      title = document.createElement('div');
      title.className = 'title';
      title.textContent = `${aside.getAttribute('data-username') ?? 'Quote'}:`;
      aside.prepend(title);
    }
    const link = document.createElement('a');
    link.className = 'quote-jump';
    link.href = `#post-${target.postNumber}`;
    link.dataset['jumpThread'] = target.threadId;
    link.dataset['jumpPost'] = String(target.postNumber);
    link.textContent = target.threadTitle ? `Go to post ${target.postNumber} in “${target.threadTitle}”` : `Go to post ${target.postNumber}`;
    title.append(' ', link);
  }
  if (splitSignature) {
    const block = lastBlock(holder.content);
    if (block && hasContentBefore(block)) {
      const signature = block.outerHTML;
      block.remove();
      return { body: holder.innerHTML, signature };
    }
  }
  return { body: holder.innerHTML, signature: null };
}

export const quoteRefsKey = (refs: readonly QuoteRef[]) => refs.map((ref) => quoteKey(ref.topic, ref.post)).join(',');
