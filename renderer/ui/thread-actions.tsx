// Features add controls to the open thread's toolbar (notifications, refresh, …) through this
// slot, as they add post buttons through post-actions.tsx: the reader does not import them, the
// composition root (App) decides which exist.
import { createContext, useContext, type ComponentType } from 'react';
import type { ThreadRow } from '../db/reader-db';

export type ThreadAction = ComponentType<{ thread: ThreadRow }>;

const ThreadActionsContext = createContext<readonly ThreadAction[]>([]);
export const ThreadActionsProvider = ThreadActionsContext.Provider;
export const useThreadActions = (): readonly ThreadAction[] => useContext(ThreadActionsContext);
