// The migration fixtures: one database per earlier schema version, as that version wrote it.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MigrationFixture } from './capture-fixture';

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));

export const MIGRATION_FIXTURES: MigrationFixture[] = readdirSync(dir)
  .filter((file) => /^v\d+\.json$/.test(file))
  .map((file) => JSON.parse(readFileSync(`${dir}${file}`, 'utf8')) as MigrationFixture)
  .sort((a, b) => a.version - b.version);
