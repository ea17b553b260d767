// The "Bookmark" toggle on every post, with the bookmark's note and tags beside it, and the flag
// for a post edited on the server since it was bookmarked.
import { useBackends } from '../../db/db-context';
import type { PostRow } from '../../db/reader-db';
import { useSharedLiveQuery } from '../../db/shared-live-query';
import { bookmarksOfThread } from './annotation-queries';
import { toggleBookmarkOf } from './bookmark-actions';
import { useBookmarksUi } from './bookmarks-ui-store';

export function BookmarkToggle({ post }: { post: PostRow }) {
  const { db } = useBackends();
  const ofThread = useSharedLiveQuery(db, `bookmarks of ${post.threadId}`, () => bookmarksOfThread(db, post.threadId));
  // null once read and absent, so the button does not flicker to "not pressed" while loading.
  const bookmark = ofThread && (ofThread.get(post.id) ?? null);
  const openEditor = useBookmarksUi((s) => s.openEditor);
  if (bookmark === undefined) {
    return (
      <button type="button" aria-pressed="false" disabled data-bookmark-post={post.id}>
        Bookmark
      </button>
    );
  }
  const edited = bookmark !== null && post.version > bookmark.postVersion;
  return (
    <span className="bookmark-action">
      <button
        type="button"
        aria-pressed={bookmark !== null}
        data-bookmark-post={post.id}
        title={bookmark ? 'Remove the bookmark (b)' : 'Bookmark this post (b)'}
        onClick={() => void toggleBookmarkOf(db, post, { openNote: true })}
      >
        Bookmark
      </button>
      {bookmark && (
        <button type="button" className="bookmark-summary" onClick={() => openEditor({ kind: 'bookmark', id: bookmark.id, postId: post.id })}>
          {bookmark.note ? <span className="bookmark-note">{bookmark.note}</span> : <span className="bookmark-note-empty">Add a note</span>}
          {bookmark.tags.map((tag) => (
            <span key={tag} className="tag">
              {tag}
            </span>
          ))}
        </button>
      )}
      {edited && <span className="edited-flag">Edited since bookmarked</span>}
    </span>
  );
}
