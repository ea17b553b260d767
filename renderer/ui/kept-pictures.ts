// Shows a post's kept pictures from storage. Each image the sanitiser marked (KEPT_SRC) gets a
// blob: URL of its stored bytes; one that was refused or not fetched yet stays hidden behind its
// alt text and why. Returns the undo: URLs revoked, the post's markup as it was.
import type { PostPicture } from '../db/image-queries';
import { KEPT_SRC } from './sanitize-post-html';

/** Why a picture that was never tried is not shown, for a post whose forum still syncs. */
const FETCHED_NEXT = 'not kept yet: it is fetched with the next sync';

/**
 * `pictures` is null while they are being read: nothing is shown or explained yet. `untried` says
 * why a picture never tried is missing (a bookmark whose forum was removed has no next sync).
 */
export function showKeptPictures(root: HTMLElement, pictures: Map<string, PostPicture> | null, untried = FETCHED_NEXT): () => void {
  const undo: Array<() => void> = [];
  for (const image of root.querySelectorAll<HTMLImageElement>(`img[${KEPT_SRC}]`)) {
    const picture = pictures?.get(image.getAttribute(KEPT_SRC) ?? '');
    if (picture?.kept) {
      const url = URL.createObjectURL(picture.bytes);
      image.src = url;
      undo.push(() => {
        image.removeAttribute('src');
        URL.revokeObjectURL(url);
      });
      continue;
    }
    if (!pictures) continue;
    const note = document.createElement('span');
    note.className = 'image-placeholder';
    const alt = image.alt.trim();
    const why = picture ? `not kept: ${picture.failure.message}` : untried;
    note.textContent = `${alt ? `Image: ${alt}` : 'Image'} — ${why}`;
    image.hidden = true;
    image.after(note);
    undo.push(() => {
      note.remove();
      image.hidden = false;
    });
  }
  return () => undo.forEach((step) => step());
}
