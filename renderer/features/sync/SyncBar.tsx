import { useLiveQuery } from 'dexie-react-hooks';
import { useBackends } from '../../db/db-context';
import { forumsInOrder } from '../../db/queries';
import { setSetting, useSetting, workOfflineSetting } from '../../db/settings';
import { MAIN_CONTACT_WORDS, useMainContact } from '../../state/main-contact-store';
import { selectAnySyncing, useSyncStore } from '../../state/sync-store';
import { formatClock } from '../../ui/format-date';
import { useOnline } from '../../ui/use-online';
import { syncAllForums } from './sync-all-forums';
import { cancelSyncRun } from './sync-forum';
import { useSyncSchedule } from './use-sync-schedule';
import { syncProgressText, type SummedProgress } from './sync-progress-text';
import './sync.css';

export function SyncBar() {
  const { db, api } = useBackends();
  useSyncSchedule(db, api);
  const forums = useLiveQuery(() => forumsInOrder(db), [db]);
  const online = useOnline();
  const workingOffline = useSetting(db, workOfflineSetting);
  const contact = useMainContact((s) => s.contact);
  // Without main no run can go on, whatever the store still holds while it winds down.
  const syncing = useSyncStore(selectAnySyncing) && contact === 'connected';
  const runs = useSyncStore((s) => s.runs);
  const forumRuns = Object.values(runs).filter((run) => run.scope === 'forum');
  const progress = sumProgress(forumRuns.map((run) => run.progress));
  const lastSynced = forums?.map((forum) => forum.lastSyncedAt).filter((at): at is string => at !== null).sort().at(-1);
  const offline = workingOffline || !online;

  const status = contact !== 'connected' ? MAIN_CONTACT_WORDS[contact] : offline ? 'Offline' : syncing ? 'Syncing…' : lastSynced ? `Synced at ${formatClock(lastSynced)}` : 'Online';
  const progressText = syncProgressText(
    progress,
    forumRuns.map((run) => forums?.find((forum) => forum.id === run.forumId)?.protocol),
  );
  const cancelAll = () => forumRuns.forEach((run) => void cancelSyncRun(api, run.runId));
  const toggleOffline = async () => {
    const on = !workingOffline;
    await setSetting(db, workOfflineSetting, on);
    if (on) Object.values(runs).forEach((run) => void cancelSyncRun(api, run.runId));
    else void syncAllForums(db, api);
  };

  return (
    <div className="sync-bar">
      {syncing ? (
        <button type="button" onClick={cancelAll}>
          Cancel sync
        </button>
      ) : (
        <button type="button" disabled={offline || contact !== 'connected'} onClick={() => void syncAllForums(db, api)}>
          Sync now
        </button>
      )}
      {syncing && (
        <div className="sync-progress">
          <progress aria-label="Sync progress" max={Math.max(1, progress?.threadsTotal ?? 1)} value={progress?.threadsDone ?? 0} />
          <span className="sync-progress-text" title={progressText}>
            {progressText}
          </span>
        </div>
      )}
      {/* While the bar shows, "Syncing…" is left to screen readers: the toolbar has no room to spare. */}
      <span role="status" className={syncing ? 'sync-status visually-hidden' : contact !== 'connected' ? 'sync-status lost-contact' : 'sync-status'}>
        {status}
      </span>
      <button type="button" className="toggle" aria-pressed={workingOffline} onClick={() => void toggleOffline()}>
        Work offline
      </button>
    </div>
  );
}

/** Several forums syncing at once show as one bar. */
function sumProgress(list: Array<SummedProgress | null>): SummedProgress | null {
  const known = list.filter((progress) => progress !== null);
  if (known.length === 0) return null;
  return {
    threadsDone: known.reduce((sum, p) => sum + p.threadsDone, 0),
    threadsTotal: known.reduce((sum, p) => sum + p.threadsTotal, 0),
    postsFetched: known.reduce((sum, p) => sum + p.postsFetched, 0),
    currentThread: known.find((p) => p.currentThread)?.currentThread ?? null,
  };
}
