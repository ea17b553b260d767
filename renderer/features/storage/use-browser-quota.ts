import { useEffect, useState } from 'react';
import { browserQuota, type BrowserQuota } from './storage-usage';

/** The browser's figures, read again whenever `trigger` changes (stored rows, finished syncs). */
export function useBrowserQuota(trigger: unknown): BrowserQuota | null {
  const [quota, setQuota] = useState<BrowserQuota | null>(null);
  useEffect(() => {
    let current = true;
    void browserQuota().then((value) => current && setQuota(value));
    return () => {
      current = false;
    };
  }, [trigger]);
  return quota;
}
