// One Dexie live query per key, however many components and decorators watch it. Every open live
// query pays for every committed change (Dexie merges the change into the query's own set), so
// what each post on screen needs is read once for its thread, not once per post.
import { liveQuery, type Subscription } from 'dexie';
import { useCallback, useSyncExternalStore } from 'react';

interface Shared {
  /** undefined until the first read answers. */
  value: unknown;
  listeners: Set<(value: unknown) => void>;
  subscription: Subscription | null;
}

/** By owner (the database), so two databases never share a read. */
const sharedByOwner = new WeakMap<object, Map<string, Shared>>();

function sharedFor(owner: object, key: string): Shared {
  let byKey = sharedByOwner.get(owner);
  if (!byKey) sharedByOwner.set(owner, (byKey = new Map()));
  let shared = byKey.get(key);
  if (!shared) byKey.set(key, (shared = { value: undefined, listeners: new Set(), subscription: null }));
  return shared;
}

/**
 * Calls `listener` with the query's answer now (when one is known) and after every change.
 * Callers with the same owner and key must ask the same question: the first caller's querier runs.
 */
export function watchShared<T>(owner: object, key: string, querier: () => Promise<T>, listener: (value: T) => void): () => void {
  const shared = sharedFor(owner, key);
  const typed = listener as (value: unknown) => void;
  shared.listeners.add(typed);
  if (shared.value !== undefined) typed(shared.value);
  shared.subscription ??= liveQuery(querier).subscribe({
    next: (value) => {
      shared.value = value;
      for (const each of [...shared.listeners]) each(value);
    },
    error: (error: unknown) => console.error(`Could not read ${key}`, error),
  });
  return () => {
    shared.listeners.delete(typed);
    if (shared.listeners.size > 0) return;
    shared.subscription?.unsubscribe();
    sharedByOwner.get(owner)?.delete(key);
  };
}

/** `watchShared` for a component: undefined until the first read answers. */
export function useSharedLiveQuery<T>(owner: object, key: string, querier: () => Promise<T>): T | undefined {
  // The querier is described by the key.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const subscribe = useCallback((changed: () => void) => watchShared(owner, key, querier, changed), [owner, key]);
  return useSyncExternalStore(subscribe, () => sharedByOwner.get(owner)?.get(key)?.value as T | undefined);
}
