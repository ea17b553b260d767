// A forum's picture limit, set from the Storage view: stored, then applied at once.
import { keepForumImagesUnderCap, type CapOutcome } from '../../db/image-cap';
import type { ReaderDb } from '../../db/reader-db';
import { imageCapSetting, MAX_IMAGE_CAP_MB, setSetting } from '../../db/settings';

export async function setImageCap(db: ReaderDb, forumId: string, megabytes: number): Promise<CapOutcome> {
  const capMb = Math.min(MAX_IMAGE_CAP_MB, Math.max(1, Math.round(megabytes)));
  await setSetting(db, imageCapSetting(forumId), capMb);
  return keepForumImagesUnderCap(db, forumId, capMb);
}
