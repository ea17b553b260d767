// What "Reply", "Quote" and the r key do: open a draft for the thread or post, with the text the
// person selected in that post as a Discourse quote.
import type { PostRow, ReaderDb } from '../../db/reader-db';
import { useView } from '../../state/view-store';
import { useComposer } from './composer-store';
import { discourseQuote } from './discourse-quote';
import { startReply } from './drafts-db';

const POST_ARTICLE = 'article[aria-label^="Post "]';

/** The article a post is shown in, when it is on screen. */
export function articleOfPost(post: Pick<PostRow, 'postNumber' | 'username'>): Element | null {
  const label = `Post ${post.postNumber} by ${post.username}`;
  return [...document.querySelectorAll(POST_ARTICLE)].find((article) => article.getAttribute('aria-label') === label) ?? null;
}

/** Text selected inside one post's body (not its header or buttons), or null. */
export function selectedTextOfPost(article: Element | null): string | null {
  const selection = document.getSelection();
  if (!article || !selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const body = article.querySelector('.post-body') ?? article;
  if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) return null;
  const text = selection.toString().trim();
  return text === '' ? null : text;
}

/** The whole post as the reader shows it, for "Quote" with nothing selected. */
export function shownTextOfPost(article: Element | null): string | null {
  const body = article?.querySelector('.post-body') as HTMLElement | null | undefined;
  const text = body?.innerText.trim();
  return text ? text : null;
}

export async function replyToThread(db: ReaderDb, threadId: string): Promise<void> {
  const draftId = await startReply(db, { threadId, post: null, quote: null });
  showComposer(draftId);
}

export async function replyToPost(db: ReaderDb, post: PostRow, selected: string | null): Promise<void> {
  const draftId = await startReply(db, {
    threadId: post.threadId,
    post: { postNumber: post.postNumber, username: post.username },
    quote: selected ? { text: selected, postNumber: post.postNumber, username: post.username } : null,
  });
  showComposer(draftId);
}

/**
 * "Quote": into the open composer at its cursor when it answers this thread; otherwise a new
 * reply to the post, opened with the quote.
 */
export async function quoteIntoReply(db: ReaderDb, post: PostRow, text: string): Promise<void> {
  const composer = useComposer.getState();
  const open = composer.openDraftId ? await db.drafts.get(composer.openDraftId) : undefined;
  const thread = open && open.threadId === post.threadId ? await db.threads.get(post.threadId) : undefined;
  if (open && thread) {
    composer.insert(open.id, discourseQuote({ text, username: post.username, postNumber: post.postNumber, topicId: thread.remoteId }));
    return;
  }
  await replyToPost(db, post, text);
}

export function showComposer(draftId: string): void {
  useComposer.getState().open(draftId);
  useView.getState().show('reader');
}
