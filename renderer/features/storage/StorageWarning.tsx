import { formatBytes } from '../../ui/format-bytes';
import { quotaLevel, type BrowserQuota } from './storage-usage';

/** Said before the browser's quota runs out, while there is still room to act. */
export function StorageWarning({ quota, onOpenStorage }: { quota: BrowserQuota; onOpenStorage?: () => void }) {
  const level = quotaLevel(quota);
  if (level === 'plenty') return null;
  const figures = `${formatBytes(quota.usage)} of ${formatBytes(quota.quota)} used`;
  return (
    <div className="storage-warning" role="alert">
      <p>
        {level === 'nearly-full'
          ? `Storage is nearly full (${figures}); when it is full, syncing stops. Remove forums you no longer read (export your library first to keep a copy).`
          : `Storage is running low (${figures}). Remove forums you no longer read, or export your library to keep a copy.`}
      </p>
      {onOpenStorage && (
        <button type="button" onClick={onOpenStorage}>
          Open Storage
        </button>
      )}
    </div>
  );
}
