// The account the reader posts as on the sample forum. Its API key is made once per data
// directory and kept in <dataDir>/sample-forum/account.json, so replying works with no setup and
// keeps working across restarts.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateDir, narrowToOwner, PRIVATE_FILE_MODE } from '../private-files';
import type { Warn } from './replies-log';

export interface ApiKey {
  key: string;
  username: string;
}

export const SAMPLE_ACCOUNT = { username: 'sample_reader', name: 'Sample Reader' } as const;

export function loadOrCreateApiKey(dataDir: string | null, warn: Warn): ApiKey {
  if (dataDir === null) return newApiKey();
  const dir = join(dataDir, 'sample-forum');
  const path = join(dir, 'account.json');
  makePrivateDir(dir);
  if (existsSync(path)) {
    narrowToOwner(path);
    try {
      const saved = JSON.parse(readFileSync(path, 'utf8')) as Partial<ApiKey>;
      if (typeof saved.key === 'string' && saved.key !== '' && typeof saved.username === 'string' && saved.username !== '') {
        return { key: saved.key, username: saved.username };
      }
    } catch {
      // Fall through: an unreadable account file is replaced, which only invalidates the old key.
    }
    warn(`sample forum: replacing unreadable ${path}`);
  }
  const apiKey = newApiKey();
  writeFileSync(path, `${JSON.stringify(apiKey, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  narrowToOwner(path);
  return apiKey;
}

function newApiKey(): ApiKey {
  return { key: randomBytes(32).toString('hex'), username: SAMPLE_ACCOUNT.username };
}
