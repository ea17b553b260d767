// A picture main kept during a run: its bytes are taken from main (unless this library stores the
// same picture already) and written by the one writer, or the reason it was not kept is.
import type { ForumApi, SyncImage } from '../../../shared/api';
import { isImageStored } from '../../db/image-queries';
import { keepImage, recordImageFailure } from '../../db/image-writes';
import type { ReaderDb } from '../../db/reader-db';

export async function storeSyncImage(db: ReaderDb, api: ForumApi, image: SyncImage): Promise<void> {
  const outcome = { forumId: image.forumId, url: image.src, shownBy: image.shownBy };
  if (!image.outcome.kept) return recordImageFailure(db, outcome, { code: image.outcome.code, message: image.outcome.message });
  const { hash, mime, width, height, byteLength, held } = image.outcome;
  const stored = await isImageStored(db, hash);
  let bytes: Uint8Array | null = null;
  if (held) {
    const taken = await api.takeSyncImage({ runId: image.runId, hash, want: !stored });
    if (taken.ok) bytes = taken.value;
  }
  if (stored) return keepImage(db, outcome, { hash, mime, width, height });
  if (!bytes || bytes.length !== byteLength) {
    return recordImageFailure(db, outcome, { code: 'lost', message: 'fetched, but its bytes did not reach the reader; it will be tried again on the next sync' });
  }
  await keepImage(db, outcome, { hash, mime, width, height, bytes: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }) });
}
