import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useLayoutEffect, useMemo, useRef, type MouseEvent } from 'react';
import { threadIdFor } from '../../../shared/model';
import { useBackends } from '../../db/db-context';
import { picturesOfPost } from '../../db/image-queries';
import type { PostRow } from '../../db/reader-db';
import { formatDateTime } from '../../ui/format-date';
import { openLink } from '../../ui/open-link';
import { usePostActions, usePostBodyDecorators } from '../../ui/post-actions';
import { postHtmlOf } from '../../ui/plain-text-html';
import { sanitizePostHtml } from '../../ui/sanitize-post-html';
import { goToPost } from './go-to-post';
import { showKeptPictures } from '../../ui/kept-pictures';
import { quoteRefsOf, shapePostBody, useQuoteTargets } from './post-body';
import type { SignatureDisplay } from './signatures';

export interface PostViewProps {
  post: PostRow;
  /** 1-based place in the thread and the thread's length, for assistive technology in a virtual list. */
  position: number;
  setSize: number;
  read: boolean;
  isCurrent: boolean;
  /** Changes when the current post should take focus (j/k, a jump). */
  focusToken: number;
  signature: SignatureDisplay;
  remoteImages: boolean;
  /** The forum keeps its pictures: they are shown from storage, never loaded from the forum. */
  keptImages: boolean;
  forumBaseUrl: string | null;
  onFocusPost(postNumber: number): void;
}

export const PostView = memo(function PostView(props: PostViewProps) {
  const { post, position, setSize, read, isCurrent, focusToken, signature, remoteImages, keptImages, forumBaseUrl, onFocusPost } = props;
  const { db, api } = useBackends();
  const actions = usePostActions();
  const decorators = usePostBodyDecorators();
  const body = useRef<HTMLDivElement>(null);
  const article = useRef<HTMLElement>(null);
  const focused = useRef(0);

  const html = useMemo(() => sanitizePostHtml(postHtmlOf(post), { remoteImages, keptImages, baseUrl: forumBaseUrl }), [post, remoteImages, keptImages, forumBaseUrl]);
  const pictures = useLiveQuery(() => (keptImages ? picturesOfPost(db, post.id) : null), [db, post.id, keptImages], null);
  const refs = useMemo(() => quoteRefsOf(html), [html]);
  const quoteTargets = useQuoteTargets(db, post, refs);
  const shaped = useMemo(
    () => shapePostBody(html, quoteTargets, signature !== 'none'),
    [html, quoteTargets, signature],
  );

  // Features draw into the body once its HTML is in place (highlights); each undoes its own drawing.
  useLayoutEffect(() => {
    const element = body.current;
    if (!element) return;
    const undo = decorators.map((decorate) => decorate(post, element));
    return () => undo.forEach((cleanup) => cleanup?.());
  }, [decorators, post, shaped.body]);

  useLayoutEffect(() => {
    const element = article.current;
    if (!element || !keptImages) return;
    return showKeptPictures(element, pictures);
  }, [keptImages, pictures, shaped, signature]);

  useLayoutEffect(() => {
    if (!isCurrent || focusToken === focused.current) return;
    focused.current = focusToken;
    article.current?.focus({ preventScroll: true });
  }, [isCurrent, focusToken]);

  const here = { threadId: post.threadId, postNumber: post.postNumber };
  const onBodyClick = (event: MouseEvent) => {
    const link = (event.target as Element).closest('a');
    if (!link) return;
    event.preventDefault();
    const jumpThread = link.dataset['jumpThread'];
    if (jumpThread) {
      void goToPost(db, { threadId: jumpThread, postNumber: Number(link.dataset['jumpPost']) }, here);
      return;
    }
    const href = link.getAttribute('href');
    if (!href || href.startsWith('#')) return;
    void followLink(href);
  };

  /** A link to a thread stored here opens it here; anything else goes to the system browser. */
  const followLink = async (href: string) => {
    const local = forumBaseUrl ? localThreadLink(href, forumBaseUrl) : null;
    if (local && (await goToPost(db, { threadId: threadIdFor(post.forumId, local.topic), postNumber: local.postNumber }, here))) return;
    await openLink(api, href);
  };

  const author = post.displayName.trim() || post.username;
  return (
    <article
      ref={article}
      className={`post${read ? '' : ' unread'}${isCurrent ? ' current' : ''}`}
      aria-label={`Post ${post.postNumber} by ${post.username}`}
      aria-posinset={position}
      aria-setsize={setSize}
      id={`post-${post.postNumber}`}
      data-post-id={post.id}
      tabIndex={isCurrent ? 0 : -1}
      onFocus={(event) => {
        if (event.target === event.currentTarget) onFocusPost(post.postNumber);
      }}
    >
      <header className="post-header">
        <span className="post-author">{author}</span>
        {author !== post.username && <span className="post-username">@{post.username}</span>}
        <time className="post-date" dateTime={post.createdAt}>
          {formatDateTime(post.createdAt)}
        </time>
        {post.version > 1 && (
          <span className="post-edited" title={`Edited ${formatDateTime(post.updatedAt)}`}>
            edited
          </span>
        )}
        {post.replyToPostNumber !== null && (
          <button
            type="button"
            className="reply-to"
            onClick={() => void goToPost(db, { threadId: post.threadId, postNumber: post.replyToPostNumber as number }, here)}
          >
            in reply to #{post.replyToPostNumber}
          </button>
        )}
        {!read && <span className="unread-dot" title="Unread" />}
        <span className="post-number">#{post.postNumber}</span>
      </header>
      <div ref={body} className="post-body" onClick={onBodyClick} dangerouslySetInnerHTML={{ __html: shaped.body }} />
      {shaped.signature !== null &&
        (signature === 'folded' ? (
          <details className="signature">
            <summary>Signature</summary>
            <div className="post-body" onClick={onBodyClick} dangerouslySetInnerHTML={{ __html: shaped.signature }} />
          </details>
        ) : (
          <div className="signature post-body" onClick={onBodyClick} dangerouslySetInnerHTML={{ __html: shaped.signature }} />
        ))}
      {actions.length > 0 && (
        <footer className="post-actions">
          {actions.map((Action, i) => (
            <Action key={i} post={post} />
          ))}
        </footer>
      )}
    </article>
  );
});

/** `/t/slug/123` or `/t/123/4` on the post's own forum: topic 123, post 4 (post 1 if none). */
function localThreadLink(href: string, forumBaseUrl: string): { topic: number; postNumber: number } | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const base = new URL(forumBaseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  if (url.origin !== base.origin || !url.pathname.startsWith(`${basePath}/t/`)) return null;
  const parts = url.pathname.slice(basePath.length + '/t/'.length).split('/').filter(Boolean);
  const numeric = (part: string | undefined) => part !== undefined && /^\d+$/.test(part);
  // Discourse accepts /t/{id}/{n} and /t/{slug}/{id}/{n}; a slug may itself be digits only.
  const [topic, postNumber] = numeric(parts[0]) && (parts.length === 1 || (parts.length === 2 && numeric(parts[1]))) ? parts : parts.slice(1);
  if (!numeric(topic) || (postNumber !== undefined && !numeric(postNumber))) return null;
  return { topic: Number(topic), postNumber: Number(postNumber ?? 1) };
}
