// The quota warning outside the Storage view: checked at start and after every sync, shown above
// the panes while the browser's room for the reader is running out.
import { useSyncStore } from '../../state/sync-store';
import { useView } from '../../state/view-store';
import { StorageWarning } from './StorageWarning';
import { quotaLevel } from './storage-usage';
import { useBrowserQuota } from './use-browser-quota';

export function StorageBanner() {
  const finishedRuns = useSyncStore((s) => s.last);
  const view = useView((s) => s.view);
  const quota = useBrowserQuota(finishedRuns);
  // The Storage view says it itself.
  if (!quota || view === 'storage' || quotaLevel(quota) === 'plenty') return null;
  return (
    <div className="banner storage-banner">
      <StorageWarning quota={quota} onOpenStorage={() => useView.getState().show('storage')} />
    </div>
  );
}
