// Syncs every forum that is not already syncing, unless the reader works offline or the system
// says there is no network: launch, the schedule, "Sync now" and the network coming back all
// come through here.
import type { ForumApi } from '../../../shared/api';
import type { ReaderDb } from '../../db/reader-db';
import { getSetting, workOfflineSetting } from '../../db/settings';
import { useSyncStore } from '../../state/sync-store';
import { syncForum } from './sync-forum';

export async function syncAllForums(db: ReaderDb, api: ForumApi): Promise<void> {
  if (await getSetting(db, workOfflineSetting)) return;
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
  const forums = await db.forums.toArray();
  const running = new Set(Object.values(useSyncStore.getState().runs).filter((run) => run.scope === 'forum').map((run) => run.forumId));
  await Promise.all(forums.filter((forum) => !running.has(forum.id)).map((forum) => syncForum(db, api, forum.id)));
}
