import { useSyncExternalStore } from 'react';

const subscribe = (onChange: () => void) => {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
};

/** Whether the system says there is a network; false means nothing remote may even be tried. */
export const useOnline = (): boolean => useSyncExternalStore(subscribe, () => navigator.onLine);
