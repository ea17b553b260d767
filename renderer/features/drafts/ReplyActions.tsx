// "Reply" and "Quote" on every post. The selection is read when the pointer goes down, before
// the click could move focus or collapse it.
import { useRef, type PointerEvent } from 'react';
import { plainTextWithoutSignature } from '../../../shared/plain-text';
import { useBackends } from '../../db/db-context';
import type { PostRow } from '../../db/reader-db';
import { quoteIntoReply, replyToPost, selectedTextOfPost, shownTextOfPost } from './reply-actions';

const articleOf = (element: Element) => element.closest('article');

export function ReplyAction({ post }: { post: PostRow }) {
  const { db } = useBackends();
  const selected = useRef<string | null>(null);
  return (
    <button
      type="button"
      onPointerDown={(event: PointerEvent<HTMLButtonElement>) => (selected.current = selectedTextOfPost(articleOf(event.currentTarget)))}
      onClick={(event) => {
        const text = selected.current ?? selectedTextOfPost(articleOf(event.currentTarget));
        selected.current = null;
        void replyToPost(db, post, text);
      }}
    >
      Reply
    </button>
  );
}

export function QuoteAction({ post }: { post: PostRow }) {
  const { db } = useBackends();
  const selected = useRef<string | null>(null);
  return (
    <button
      type="button"
      title="Quote the selected text, or the whole post, in a reply"
      onPointerDown={(event: PointerEvent<HTMLButtonElement>) => (selected.current = selectedTextOfPost(articleOf(event.currentTarget)))}
      onClick={(event) => {
        const article = articleOf(event.currentTarget);
        // A whole plain post is quoted as written, so its own quotes keep their depth.
        const text = selected.current ?? selectedTextOfPost(article) ?? (post.bodyFormat === 'plain' ? plainTextWithoutSignature(post.html) : shownTextOfPost(article));
        selected.current = null;
        if (text) void quoteIntoReply(db, post, text);
      }}
    >
      Quote
    </button>
  );
}
