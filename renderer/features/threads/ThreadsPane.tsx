import { useLiveQuery } from 'dexie-react-hooks';
import { useBackends } from '../../db/db-context';
import { threadsOfBoard } from '../../db/queries';
import { useReader } from '../../state/reader-store';
import { formatDateTime } from '../../ui/format-date';

export function ThreadsPane() {
  const { db } = useBackends();
  const boardId = useReader((s) => s.selectedBoardId);
  const selectedThreadId = useReader((s) => s.selectedThreadId);
  const selectThread = useReader((s) => s.selectThread);
  const threads = useLiveQuery(() => (boardId ? threadsOfBoard(db, boardId) : []), [db, boardId]);
  return (
    <section className="pane threads-pane" aria-label="Threads">
      <h2 className="pane-title">Threads</h2>
      {!boardId && <p className="empty">Choose a board.</p>}
      {boardId && threads?.length === 0 && <p className="empty">No threads stored for this board yet.</p>}
      <ul className="thread-list">
        {threads?.map((thread) => (
          <li key={thread.id}>
            <button
              type="button"
              className="thread"
              aria-current={thread.id === selectedThreadId ? 'true' : undefined}
              onClick={() => selectThread(thread.id)}
            >
              <span className="thread-title">{thread.title}</span>
              <span className="thread-meta">
                <span>{thread.authorUsername}</span>
                <span>{formatDateTime(thread.lastPostedAt)}</span>
                <span>
                  {thread.postsCount} {thread.postsCount === 1 ? 'post' : 'posts'}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
