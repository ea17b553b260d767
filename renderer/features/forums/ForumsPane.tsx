import { useLiveQuery } from 'dexie-react-hooks';
import { useBackends } from '../../db/db-context';
import { boardsOfForum, forumsInOrder, unreadByBoard } from '../../db/queries';
import type { ForumRow } from '../../db/reader-db';
import { useReader } from '../../state/reader-store';
import { formatDateTime } from '../../ui/format-date';
import { AddForumButton, type StartSync } from './AddForumDialog';
import './forums-pane.css';

export function ForumsPane({ startSync }: { startSync: StartSync }) {
  const { db } = useBackends();
  const forums = useLiveQuery(() => forumsInOrder(db), [db]);
  return (
    <nav className="pane forums-pane" aria-label="Forums">
      <h2 className="pane-title">Forums</h2>
      <AddForumButton startSync={startSync} />
      {forums?.length === 0 && <p className="empty">No forums yet.</p>}
      <ul className="forum-list">
        {forums?.map((forum) => <ForumEntry key={forum.id} forum={forum} />)}
      </ul>
    </nav>
  );
}

function ForumEntry({ forum }: { forum: ForumRow }) {
  const { db } = useBackends();
  const boards = useLiveQuery(() => boardsOfForum(db, forum.id), [db, forum.id]);
  const unread = useLiveQuery(() => unreadByBoard(db, forum.id), [db, forum.id]);
  const selectedBoardId = useReader((s) => s.selectedBoardId);
  const selectBoard = useReader((s) => s.selectBoard);
  return (
    <li className="forum">
      <div className="forum-name">{forum.name}</div>
      <div className="forum-meta">
        {forum.lastSyncError ? (
          <span className="forum-error" title={forum.lastSyncError}>
            {forum.lastSyncError}
          </span>
        ) : forum.lastSyncedAt ? (
          `Synced ${formatDateTime(forum.lastSyncedAt)}`
        ) : (
          'Not synced yet'
        )}
      </div>
      <ul className="board-list">
        {boards
          ?.filter((board) => board.followed || board.holdsFollowedThread)
          .map((board) => (
            <li key={board.id}>
              <button
                type="button"
                className="board"
                aria-current={board.id === selectedBoardId ? 'true' : undefined}
                onClick={() => selectBoard(board.id)}
              >
                <span className="board-name">{board.name}</span>
                {(unread?.get(board.id) ?? 0) > 0 && (
                  <>
                    {' '}
                    <span className="board-unread" title={`${unread?.get(board.id)} unread posts`}>
                      {unread?.get(board.id)}
                      <span className="visually-hidden"> unread</span>
                    </span>
                  </>
                )}
              </button>
            </li>
          ))}
      </ul>
    </li>
  );
}
