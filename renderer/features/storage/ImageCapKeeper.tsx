import { useEffect } from 'react';
import { useBackends } from '../../db/db-context';
import { watchImageCaps } from '../../db/image-cap';

/** Keeps every forum's pictures under its limit after pictures are written; renders nothing. */
export function ImageCapKeeper() {
  const { db } = useBackends();
  useEffect(() => watchImageCaps(db), [db]);
  return null;
}
