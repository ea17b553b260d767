import { useEffect, useState } from 'react';
import { useBackends } from './db/db-context';
import { addSampleForumOnce } from './features/forums/first-launch';
import { ForumsPane } from './features/forums/ForumsPane';
import { useInitialSelection } from './features/forums/use-initial-selection';
import { ThreadPane } from './features/reader/ThreadPane';
import { SyncBar } from './features/sync/SyncBar';
import { syncAllForums } from './features/sync/sync-all-forums';
import { ThreadsPane } from './features/threads/ThreadsPane';

export function App() {
  const { db, api } = useBackends();
  const [startError, setStartError] = useState<string | null>(null);
  useInitialSelection();

  useEffect(() => {
    addSampleForumOnce(db, api)
      .then(() => syncAllForums(db, api))
      .catch((error: unknown) => setStartError(error instanceof Error ? error.message : String(error)));
  }, [db, api]);

  return (
    <div className="app">
      <header className="toolbar">
        <span className="app-name">Forum Reader</span>
        <SyncBar />
      </header>
      {startError && (
        <p className="banner" role="alert">
          The sample forum could not be added: {startError}. Your stored forums are unchanged.
        </p>
      )}
      <main className="panes">
        <ForumsPane />
        <ThreadsPane />
        <ThreadPane />
      </main>
    </div>
  );
}
