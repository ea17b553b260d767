// On first launch the bundled sample forum becomes the first forum, so a new person sees a
// real thread with no account and no network.
import type { ForumApi } from '../../../shared/api';
import type { ReaderDb } from '../../db/reader-db';
import { getSetting, sampleForumAddedSetting, setSetting } from '../../db/settings';
import { addForum } from './add-forum';

export async function addSampleForumOnce(db: ReaderDb, api: ForumApi): Promise<void> {
  if (await getSetting(db, sampleForumAddedSetting)) return;
  const info = await api.getAppInfo({});
  if (!info.ok) throw new Error(info.error.message);
  const probe = await api.probeForum({ address: info.value.sampleForumUrl });
  if (!probe.ok) throw new Error(probe.error.message);
  await addForum(db, probe.value, { followedBoardIds: new Set(probe.value.boards.map((board) => board.id)) }, true);
  await setSetting(db, sampleForumAddedSetting, true);
}
