import { memo, useMemo, type MouseEvent } from 'react';
import type { PostRow } from '../../db/reader-db';
import { useBackends } from '../../db/db-context';
import { formatDateTime } from '../../ui/format-date';
import { openLink } from '../../ui/open-link';
import { usePostActions } from '../../ui/post-actions';
import { sanitizePostHtml } from '../../ui/sanitize-post-html';

export const PostView = memo(function PostView({ post }: { post: PostRow }) {
  const { api } = useBackends();
  const actions = usePostActions();
  const html = useMemo(() => sanitizePostHtml(post.html), [post.html]);
  const onClick = (event: MouseEvent) => {
    const link = (event.target as Element).closest('a[href]');
    if (!link) return;
    event.preventDefault();
    void openLink(api, (link as HTMLAnchorElement).href);
  };
  return (
    <article className="post" aria-label={`Post ${post.postNumber} by ${post.username}`} id={`post-${post.postNumber}`}>
      <header className="post-header">
        <span className="post-author">{post.displayName}</span>
        {post.displayName !== post.username && <span className="post-username">@{post.username}</span>}
        <time className="post-date" dateTime={post.createdAt}>
          {formatDateTime(post.createdAt)}
        </time>
        <span className="post-number">#{post.postNumber}</span>
      </header>
      <div className="post-body" onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />
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
