// Mounted once by App: runs the outbox in the background. Renders nothing.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useBackends } from '../../db/db-context';
import { lastSyncedByForum } from '../../db/queries';
import { useSetting, workOfflineSetting } from '../../db/settings';
import { recoverInterruptedSends } from './outbox-db';
import { OutboxScheduler, setOutboxScheduler } from './outbox-scheduler';

export function OutboxSender() {
  const { db, api } = useBackends();
  const [scheduler, setScheduler] = useState<OutboxScheduler | null>(null);

  useEffect(() => {
    const started = new OutboxScheduler(db, api);
    setOutboxScheduler(started);
    setScheduler(started);
    void recoverInterruptedSends(db).finally(() => started.kick());
    const onOnline = () => started.kick();
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('online', onOnline);
      started.stop();
      setOutboxScheduler(null);
    };
  }, [db, api]);

  // A completed sync is the sign the forum can be reached again (and "Send later" means "then").
  const lastSynced = useLiveQuery(() => lastSyncedByForum(db), [db]);
  const workOffline = useSetting(db, workOfflineSetting, undefined);
  const seen = useRef<{ lastSynced?: Record<string, string>; workOffline?: boolean }>({});
  useEffect(() => {
    if (!scheduler || lastSynced === undefined || workOffline === undefined) return;
    const before = seen.current;
    seen.current = { lastSynced, workOffline };
    const synced = before.lastSynced === undefined ? [] : Object.keys(lastSynced).filter((forumId) => lastSynced[forumId] !== (before.lastSynced?.[forumId] ?? ''));
    const wentOnline = before.workOffline === true && !workOffline;
    if (synced.length > 0) scheduler.kick({ syncedForumIds: synced });
    else if (wentOnline) scheduler.kick();
  }, [scheduler, lastSynced, workOffline]);

  return null;
}
