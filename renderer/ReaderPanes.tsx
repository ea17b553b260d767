import { ForumsPane } from './features/forums/ForumsPane';
import { ThreadsPane } from './features/threads/ThreadsPane';
import { ThreadPane } from './features/reader/ThreadPane';

export function ReaderPanes() {
  return (
    <div className="panes">
      <ForumsPane />
      <ThreadsPane />
      <ThreadPane />
    </div>
  );
}
