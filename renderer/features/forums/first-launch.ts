// On first launch the bundled sample forum becomes the first forum, so a new person sees a
// real thread with no account and no network.
import type { ForumApi } from '../../../shared/api';
import type { ReaderDb } from '../../db/reader-db';
import { addForum } from './add-forum';

const SAMPLE_ADDED = 'sampleForumAdded';

export async function addSampleForumOnce(db: ReaderDb, api: ForumApi): Promise<void> {
  if (await db.settings.get(SAMPLE_ADDED)) return;
  const info = await api.getAppInfo({});
  if (!info.ok) throw new Error(info.error.message);
  const probe = await api.probeForum({ address: info.value.sampleForumUrl });
  if (!probe.ok) throw new Error(probe.error.message);
  await addForum(db, probe.value, { followedBoardIds: new Set(probe.value.boards.map((board) => board.id)) }, true);
  await db.settings.put({ key: SAMPLE_ADDED, value: true });
}
