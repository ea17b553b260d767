import { useLiveQuery } from 'dexie-react-hooks';
import { useBackends } from '../../db/db-context';
import { forumsInOrder } from '../../db/queries';
import { selectAnySyncing, useSyncStore } from '../../state/sync-store';
import { formatClock } from '../../ui/format-date';
import { syncAllForums } from './sync-all-forums';

export function SyncBar() {
  const { db, api } = useBackends();
  const forums = useLiveQuery(() => forumsInOrder(db), [db]);
  const syncing = useSyncStore(selectAnySyncing);
  const runs = useSyncStore((s) => s.forums);
  const progress = Object.values(runs).find((run) => run.progress)?.progress ?? null;
  const lastSynced = forums?.map((forum) => forum.lastSyncedAt).filter((at): at is string => at !== null).sort().at(-1);
  const failed = forums?.find((forum) => forum.lastSyncError);

  const status = syncing ? 'Syncing…' : lastSynced ? `Synced at ${formatClock(lastSynced)}` : 'Not synced yet';
  return (
    <div className="sync-bar">
      {syncing ? (
        <button type="button" onClick={() => Object.values(runs).forEach((run) => run.runId && void api.cancelSync({ runId: run.runId }))}>
          Cancel sync
        </button>
      ) : (
        <button type="button" onClick={() => void syncAllForums(db, api)}>
          Sync now
        </button>
      )}
      {syncing && (
        <div className="sync-progress">
          <progress aria-label="Sync progress" max={Math.max(1, progress?.threadsTotal ?? 1)} value={progress?.threadsDone ?? 0} />
          <span className="sync-progress-text">
            {progress ? `${progress.threadsDone} of ${progress.threadsTotal} threads · ${progress.postsFetched} posts` : 'Starting…'}
            {progress?.currentThread ? ` · ${progress.currentThread}` : ''}
          </span>
        </div>
      )}
      <span role="status" className="sync-status">
        {status}
      </span>
      {!syncing && failed?.lastSyncError && <span className="sync-error">{failed.name}: {failed.lastSyncError}</span>}
    </div>
  );
}
