import { createContext, useContext, type ReactNode } from 'react';
import type { ForumApi } from '../../shared/api';
import type { ReaderDb } from './reader-db';

interface Backends {
  db: ReaderDb;
  api: ForumApi;
}

const BackendsContext = createContext<Backends | null>(null);

/** The database and the main-process API, given once at the root so tests can pass their own. */
export function BackendsProvider({ db, api, children }: Backends & { children: ReactNode }) {
  return <BackendsContext.Provider value={{ db, api }}>{children}</BackendsContext.Provider>;
}

export function useBackends(): Backends {
  const backends = useContext(BackendsContext);
  if (!backends) throw new Error('useBackends outside BackendsProvider');
  return backends;
}
