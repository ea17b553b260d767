import type { ForumApi } from '../../../shared/api';
import type { ReaderDb } from '../../db/reader-db';
import { syncForum } from './sync-forum';

export async function syncAllForums(db: ReaderDb, api: ForumApi): Promise<void> {
  const forums = await db.forums.toArray();
  await Promise.all(forums.map((forum) => syncForum(db, api, forum.id)));
}
