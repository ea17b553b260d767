// A stored post turned into what the index keeps of it: its folded terms with their counts, the
// few fields that filters, ranking and results need, and its text for snippets. The thread's
// title counts as words of the thread's first post, and the author's names as words of each of
// their posts, so a search finds "every stored post's text, thread title and author".
import type { PostRow } from '../../db/reader-db';
import { foldedWords } from './fold-text';
import type { SegmentBuilder } from './index-segment';
import { searchableBodyOf } from './post-text';

/** A title word weighs more than a word in the body: it says what the whole thread is about. */
const TITLE_WEIGHT = 2;

/** FNV-1a, 32 bits: enough to tell an edited post from one synced again unchanged. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The text a person sees of a post (`body`: its searchableBodyOf), for snippets and phrase checks. */
export function searchableText(body: string, postNumber: number, threadTitle: string | null): string {
  return postNumber === 1 && threadTitle ? `${threadTitle}\n${body}` : body;
}

/** What decides whether a post must be indexed again: its body, names and (for a first post) title. */
export function postHash(post: PostRow, threadTitle: string | null): number {
  const title = post.postNumber === 1 ? threadTitle : null;
  return hashText(`${title ?? ''}\u0000${post.username}\u0000${post.displayName}\u0000${post.html}`);
}

/** Adds a post to a segment being built: its fields, then its words. `hash` is its postHash, when the caller has it already. */
export function indexPost(segment: SegmentBuilder, post: PostRow, threadTitle: string | null, hash = postHash(post, threadTitle)): void {
  const text = searchableBodyOf(post);
  const words = foldedWords(text);
  const time = Date.parse(post.createdAt);
  segment.post(
    {
      threadId: post.threadId,
      remoteId: post.remoteId,
      postNumber: post.postNumber,
      author: post.username,
      time: Number.isFinite(time) ? Math.max(0, Math.floor(time / 1000)) : 0,
      length: Math.min(65535, words.length),
      hash,
    },
    text,
  );
  for (const word of words) segment.word(word, 1);
  const title = post.postNumber === 1 ? threadTitle : null;
  if (title) for (const word of foldedWords(title)) segment.word(word, TITLE_WEIGHT);
  for (const word of new Set([...foldedWords(post.username), ...foldedWords(post.displayName)])) segment.word(word, 1);
}
