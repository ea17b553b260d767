// When sync runs without being asked: every N minutes (the setting, default 30) and when the
// network comes back. The launch sync is App's.
import { useEffect } from 'react';
import type { ForumApi } from '../../../shared/api';
import type { ReaderDb } from '../../db/reader-db';
import { syncIntervalSetting, useSetting } from '../../db/settings';
import { syncAllForums } from './sync-all-forums';

export function useSyncSchedule(db: ReaderDb, api: ForumApi): void {
  const minutes = useSetting(db, syncIntervalSetting);
  useEffect(() => {
    const timer = setInterval(() => void syncAllForums(db, api), minutes * 60_000);
    const onOnline = () => void syncAllForums(db, api);
    window.addEventListener('online', onOnline);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', onOnline);
    };
  }, [db, api, minutes]);
}
