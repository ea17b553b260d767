import { useEffect } from 'react';
import { useBackends } from '../../db/db-context';
import { watchImageCaps } from '../../db/image-cap';
import { releaseImagesOfUnkeptPosts } from '../../db/image-writes';

/**
 * Keeps every forum's pictures under its limit after pictures are written, and at start lets go of
 * those a removed forum left only for bookmarks that are gone since; renders nothing.
 */
export function ImageCapKeeper() {
  const { db } = useBackends();
  useEffect(() => {
    releaseImagesOfUnkeptPosts(db).catch((error: unknown) => console.error('Letting go of pictures no bookmark keeps failed:', error));
    return watchImageCaps(db);
  }, [db]);
  return null;
}
