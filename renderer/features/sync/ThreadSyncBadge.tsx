// The thread list's mark on a thread whose last sync pass failed; the thread pane says why.
import { useBackends } from '../../db/db-context';
import type { ThreadRow } from '../../db/reader-db';
import './sync.css';
import { useThreadSyncError } from './thread-sync-errors';

export function ThreadSyncBadge({ thread }: { thread: ThreadRow }) {
  const { db } = useBackends();
  const error = useThreadSyncError(db, thread.forumId, thread.id);
  if (!error) return null;
  return (
    <span className="thread-sync-badge" title={`The last sync could not update this thread: ${error.message}`}>
      Sync failed
    </span>
  );
}
