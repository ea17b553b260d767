import { useLiveQuery } from 'dexie-react-hooks';
import { useBackends } from '../../db/db-context';
import type { ThreadRow } from '../../db/reader-db';
import { readNotifyThreads, setThreadNotify } from './thread-notifications';

/** "Notify of new replies" for the open thread (a thread action). */
export function ThreadNotifyToggle({ thread }: { thread: ThreadRow }) {
  const { db } = useBackends();
  const on = useLiveQuery(async () => (await readNotifyThreads(db))[thread.id] !== undefined, [db, thread.id]) ?? false;
  return (
    <button
      type="button"
      aria-pressed={on}
      title="Show a notification when a sync brings new replies to this thread"
      onClick={() => {
        // Where the page shows notifications itself (a browser), it needs the person's leave,
        // asked for here, on their click. A desktop host shows them without it.
        if (!on && typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
        void setThreadNotify(db, thread.id, !on);
      }}
    >
      Notify of new replies
    </button>
  );
}
