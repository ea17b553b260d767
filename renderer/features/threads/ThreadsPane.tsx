import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useBackends } from '../../db/db-context';
import { threadsOfBoard } from '../../db/queries';
import type { ThreadRow } from '../../db/reader-db';
import { useReader } from '../../state/reader-store';
import { formatDateTime } from '../../ui/format-date';
import { useThreadBadges } from '../../ui/thread-actions';
import { formatActivity } from './format-activity';
import './threads.css';

export function ThreadsPane() {
  const { db } = useBackends();
  const boardId = useReader((s) => s.selectedBoardId);
  const selectedThreadId = useReader((s) => s.selectedThreadId);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const threads = useLiveQuery(() => (boardId ? threadsOfBoard(db, boardId) : []), [db, boardId]);
  // The open thread stays listed while it is read, so the list does not jump under the reader.
  const shown = unreadOnly ? threads?.filter((thread) => thread.unreadCount > 0 || thread.id === selectedThreadId) : threads;
  const unreadThreads = threads?.filter((thread) => thread.unreadCount > 0).length ?? 0;

  return (
    <section className="pane threads-pane" aria-label="Threads">
      <div className="threads-header">
        <h2 className="pane-title">Threads</h2>
        <button type="button" className="unread-filter" aria-pressed={unreadOnly} onClick={() => setUnreadOnly(!unreadOnly)}>
          Unread only
        </button>
      </div>
      {!boardId && <p className="empty">Choose a board.</p>}
      {boardId && threads?.length === 0 && <p className="empty">No threads stored for this board yet.</p>}
      {unreadOnly && threads && threads.length > 0 && unreadThreads === 0 && <p className="empty">Every thread here is read.</p>}
      <ul className="thread-list">
        {shown?.map((thread) => (
          <ThreadEntry key={thread.id} thread={thread} selected={thread.id === selectedThreadId} />
        ))}
      </ul>
    </section>
  );
}

function ThreadEntry({ thread, selected }: { thread: ThreadRow; selected: boolean }) {
  const selectThread = useReader((s) => s.selectThread);
  const badges = useThreadBadges();
  const unread = thread.unreadCount > 0;
  return (
    <li>
      <button
        type="button"
        className={`thread${unread ? ' has-unread' : ''}`}
        aria-current={selected ? 'true' : undefined}
        onClick={() => selectThread(thread.id)}
      >
        <span className="thread-title">{thread.title}</span>
        <span className="thread-meta">
          <span className="thread-author">{thread.authorUsername}</span>
          <time dateTime={thread.lastPostedAt} title={`Last post ${formatDateTime(thread.lastPostedAt)}`}>
            {formatActivity(thread.lastPostedAt)}
          </time>
          <span>
            {thread.postsCount} {thread.postsCount === 1 ? 'post' : 'posts'}
          </span>
          {unread && <span className="unread-count">{thread.unreadCount} unread</span>}
          {badges.map((Badge, i) => (
            <Badge key={i} thread={thread} />
          ))}
        </span>
      </button>
    </li>
  );
}
