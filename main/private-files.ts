// Files under the data directory that hold what the person wrote (replies, topics) or their keys:
// readable by the person alone, as accounts/ is. Another account on the same computer, or a
// program running as one, must not read a reply before it is sent or a key at all.
import { chmodSync, existsSync, mkdirSync } from 'node:fs';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates the folder owner-only, and narrows one an older version left open. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Narrows a file an older version created open; a file made now gets PRIVATE_FILE_MODE as it is created. */
export function narrowToOwner(path: string): void {
  if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
}
