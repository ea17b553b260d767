// Features add controls to the open thread's toolbar (notifications, refresh, …) and marks to
// the thread list (a failed sync) through these slots, as they add post buttons through
// post-actions.tsx: the reader does not import them, the composition root (App) decides which exist.
import { createContext, useContext, type ComponentType } from 'react';
import type { ThreadRow } from '../db/reader-db';

export type ThreadAction = ComponentType<{ thread: ThreadRow }>;

const ThreadActionsContext = createContext<readonly ThreadAction[]>([]);
export const ThreadActionsProvider = ThreadActionsContext.Provider;
export const useThreadActions = (): readonly ThreadAction[] => useContext(ThreadActionsContext);

/** A mark beside a thread in the thread list; renders nothing when it has nothing to say. */
export type ThreadBadge = ComponentType<{ thread: ThreadRow }>;

const ThreadBadgesContext = createContext<readonly ThreadBadge[]>([]);
export const ThreadBadgesProvider = ThreadBadgesContext.Provider;
export const useThreadBadges = (): readonly ThreadBadge[] => useContext(ThreadBadgesContext);
