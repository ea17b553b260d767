import { useEffect, useState } from 'react';
import { useBackends } from './db/db-context';
import { addSampleForumOnce } from './features/forums/first-launch';
import { useInitialSelection } from './features/forums/use-initial-selection';
import { SyncBar } from './features/sync/SyncBar';
import { syncAllForums } from './features/sync/sync-all-forums';
import { useView } from './state/view-store';
import { PostActionsProvider, type PostAction } from './ui/post-actions';
import { VIEW_ENTRIES } from './views';

/** Buttons every post carries; features contribute them here. */
const POST_ACTIONS: PostAction[] = [];

export function App() {
  const { db, api } = useBackends();
  const [startError, setStartError] = useState<string | null>(null);
  const view = useView((s) => s.view);
  const show = useView((s) => s.show);
  useInitialSelection();

  useEffect(() => {
    addSampleForumOnce(db, api)
      .then(() => syncAllForums(db, api))
      .catch((error: unknown) => setStartError(error instanceof Error ? error.message : String(error)));
  }, [db, api]);

  const Current = (VIEW_ENTRIES.find((entry) => entry.view === view) ?? VIEW_ENTRIES[0]!).component;
  return (
    <PostActionsProvider value={POST_ACTIONS}>
      <div className="app">
        <header className="toolbar">
          <span className="app-name">Forum Reader</span>
          {VIEW_ENTRIES.length > 1 && (
            <nav className="view-switcher" aria-label="Views">
              {VIEW_ENTRIES.map((entry) => (
                <button key={entry.view} type="button" aria-current={entry.view === view ? 'page' : undefined} onClick={() => show(entry.view)}>
                  {entry.label}
                </button>
              ))}
            </nav>
          )}
          <SyncBar />
        </header>
        {startError && (
          <p className="banner" role="alert">
            The sample forum could not be added: {startError}. Your stored forums are unchanged.
          </p>
        )}
        <main className="main-area">
          <Current />
        </main>
      </div>
    </PostActionsProvider>
  );
}
