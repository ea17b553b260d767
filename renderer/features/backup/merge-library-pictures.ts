// How pictures from a library file join those stored here. A picture is named by the SHA-256 of
// its bytes, so one already stored is the same picture: it only gains the file's forums that exist
// here. A post's use of a picture keeps a kept picture over a reason it is not kept, and is skipped
// when its picture is neither in the file nor here (nothing could show it).
import type { Transaction } from 'dexie';
import type { ForumRow, ImageRow, ImageUseRow } from '../../db/reader-db';
import type { MergeTally } from './merge-library-rows';

export async function mergePictures(tx: Transaction, rows: ImageRow[], tally: MergeTally): Promise<void> {
  const images = tx.table<ImageRow, string>('images');
  const forumIds = [...new Set(rows.flatMap((row) => row.forumIds))];
  const forums = await tx.table<ForumRow, string>('forums').bulkGet(forumIds);
  const known = new Set(forumIds.filter((_, i) => forums[i] !== undefined));
  const stored = await images.bulkGet(rows.map((row) => row.hash));
  const seen = new Set<string>();
  for (const [i, row] of rows.entries()) {
    const forumsHere = row.forumIds.filter((id) => known.has(id));
    const here = stored[i];
    if (seen.has(row.hash) || forumsHere.length === 0) {
      tally.kept.images += 1;
      continue;
    }
    seen.add(row.hash);
    if (!here) {
      await images.add({ ...row, forumIds: forumsHere });
      tally.added.images += 1;
      continue;
    }
    const more = forumsHere.filter((id) => !here.forumIds.includes(id));
    if (more.length > 0) await images.update(row.hash, { forumIds: [...here.forumIds, ...more] });
    tally.kept.images += 1;
  }
}

export async function mergePictureUses(tx: Transaction, rows: ImageUseRow[], tally: MergeTally): Promise<void> {
  const uses = tx.table<ImageUseRow, [string, string]>('imageUses');
  const hashes = [...new Set(rows.flatMap((row) => (row.hash ? [row.hash] : [])))];
  const images = await tx.table<ImageRow, string>('images').bulkGet(hashes);
  const present = new Set(hashes.filter((_, i) => images[i] !== undefined));
  const stored = await uses.bulkGet(rows.map((row): [string, string] => [row.postId, row.url]));
  const written: ImageUseRow[] = [];
  for (const [i, row] of rows.entries()) {
    const here = stored[i];
    const keeps = row.hash !== undefined && present.has(row.hash);
    if ((row.hash !== undefined && !keeps) || (here && (here.hash !== undefined || !keeps))) {
      tally.kept.imageUses += 1;
      continue;
    }
    if (here) tally.replaced.imageUses += 1;
    else tally.added.imageUses += 1;
    written.push(row);
  }
  await uses.bulkPut(written);
}
