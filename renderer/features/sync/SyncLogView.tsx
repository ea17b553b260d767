// "Sync log": the recent runs, newest first: when, what changed, requests made, waits the
// server imposed, and what went wrong; and the settings that shape sync.
import { useLiveQuery } from 'dexie-react-hooks';
import { useBackends } from '../../db/db-context';
import { forumsInOrder } from '../../db/queries';
import type { SyncLogRow } from '../../db/reader-db';
import { formatDateTime } from '../../ui/format-date';
import { recentSyncRuns } from './sync-log-queries';
import { SyncSettingsSection } from './SyncSettingsSection';
import './sync.css';

const RESULT_WORDS: Record<string, string> = { completed: 'Completed', cancelled: 'Cancelled', failed: 'Failed' };

export function SyncLogView() {
  const { db } = useBackends();
  const runs = useLiveQuery(() => recentSyncRuns(db), [db]);
  const forums = useLiveQuery(() => forumsInOrder(db), [db]);
  const names = new Map(forums?.map((forum) => [forum.id, forum.name]));
  return (
    <div className="tool-view sync-log-view">
      <h1>Sync log</h1>
      <SyncSettingsSection />
      <h2 className="sync-log-heading" id="sync-log-runs">
        Recent runs
      </h2>
      {runs?.length === 0 && <p className="empty-note">No sync has run yet.</p>}
      <ol className="sync-log" aria-labelledby="sync-log-runs">
        {runs?.map((run) => <SyncRunEntry key={run.id} run={run} forumName={names.get(run.forumId) ?? run.forumId} />)}
      </ol>
    </div>
  );
}

function SyncRunEntry({ run, forumName }: { run: SyncLogRow; forumName: string }) {
  const seconds = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
  const waits = run.serverWaitMs > 0 ? `the forum asked to wait ${formatSeconds(run.serverWaitMs / 1000)}` : 'no waits asked';
  return (
    <li className={`sync-run sync-run-${run.status}`}>
      <div className="sync-run-head">
        <time dateTime={run.startedAt}>{formatDateTime(run.startedAt)}</time>
        <span className="sync-run-forum">{forumName}</span>
        {run.scope === 'threads' && <span className="sync-run-scope">thread refresh</span>}
        <span className="sync-run-result">
          {RESULT_WORDS[run.status] ?? run.status} in {formatSeconds(seconds)}
        </span>
      </div>
      <div className="sync-run-counts">
        {plural(run.threadsChanged, 'thread')} changed · {plural(run.postsFetched, 'post')} fetched · {plural(run.requests, 'request')} · {waits}
      </div>
      {run.images && run.images.kept + run.images.failed > 0 && <div className="sync-run-pictures">{picturesText(run.images)}</div>}
      {run.errors.length > 0 && (
        <ul className="sync-run-errors">
          {run.errors.map((error, i) => (
            <li key={i}>{error}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

const plural = (count: number, word: string) => `${count} ${count === 1 ? word : `${word}s`}`;
const formatSeconds = (seconds: number) => (seconds < 10 ? `${seconds.toFixed(1)} s` : seconds < 120 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`);

/** What a run did with pictures; a picture not kept is explained where its post shows it. */
function picturesText({ kept, failed, requests }: NonNullable<SyncLogRow['images']>): string {
  const counts = `Pictures: ${kept} kept${failed > 0 ? `, ${failed} not kept` : ''} (${plural(requests, 'request')})`;
  return failed > 0 ? `${counts}; each post says why a picture of it was not kept.` : `${counts}.`;
}
