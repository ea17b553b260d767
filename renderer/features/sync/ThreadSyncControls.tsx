// The thread pane's part of sync: "Refresh thread" (a full pass that picks up edits and
// deletions), the error of this thread's last pass, if it failed, with the same button to retry,
// and fetching a thread opened before its posts were synced. A news server's articles are not
// edited once posted, so a news thread has no full pass: it says where its new replies come from.
import { useLiveQuery } from 'dexie-react-hooks';
import { useBackends } from '../../db/db-context';
import { forumById } from '../../db/queries';
import type { ThreadRow } from '../../db/reader-db';
import { useSetting, workOfflineSetting } from '../../db/settings';
import { selectRefreshing, useSyncStore } from '../../state/sync-store';
import { useOnline } from '../../ui/use-online';
import { useFetchOpenedThread } from './fetch-opened-thread';
import { refreshThread } from './refresh-thread';
import './sync.css';
import { useThreadSyncError } from './thread-sync-errors';

export function ThreadSyncControls({ thread }: { thread: ThreadRow }) {
  const { db, api } = useBackends();
  const refreshing = useSyncStore(selectRefreshing(thread.id));
  const error = useThreadSyncError(db, thread.forumId, thread.id);
  const online = useOnline();
  const workingOffline = useSetting(db, workOfflineSetting);
  const protocol = useLiveQuery(() => forumById(db, thread.forumId).then((forum) => forum?.protocol ?? 'discourse'), [db, thread.forumId]);
  useFetchOpenedThread(db, api, thread);
  if (protocol === undefined) return null;
  if (protocol === 'nntp') {
    return (
      <div className="thread-sync">
        <span className="thread-sync-note">Articles on a news server are not changed once posted: new replies to this thread come with Sync now.</span>
      </div>
    );
  }
  return (
    <div className="thread-sync">
      <button type="button" disabled={refreshing || workingOffline || !online} onClick={() => void refreshThread(db, api, thread.id)}>
        Refresh thread
      </button>
      {refreshing && <span className="thread-sync-note">Refreshing…</span>}
      {!refreshing && error && (
        <p className="thread-sync-error" role="alert">
          The last sync could not update this thread: {sentence(error.message)} The posts shown are the ones stored before; Refresh thread
          tries again.
        </p>
      )}
    </div>
  );
}

/** Main's messages may lack a closing full stop; the next sentence follows one. */
const sentence = (message: string) => (/[.!?]$/.test(message) ? message : `${message}.`);
