// Issue 16.3 made executable: components read the database through named queries in renderer/db
// or their feature's own query module, never a table directly, so a read has one owner.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
/** `db.<table>.` — a table read or write in place; `db.transaction(` names tables only as its scope. */
const RAW_TABLE_USE = /\bdb\.(?!transaction\b)[a-zA-Z]+\.[a-zA-Z]+\(/g;

const rawTableUses = (source: string): string[] => [...source.matchAll(RAW_TABLE_USE)].map((match) => match[0]);

describe('components and named queries', () => {
  it('the rule catches a raw read and leaves a transaction scope alone', () => {
    expect(rawTableUses('const row = await db.bookmarks.get(id);')).toEqual(['db.bookmarks.get(']);
    expect(rawTableUses("db.transaction('rw', [db.settings, db.posts], work)")).toEqual([]);
  });

  it('no component (.tsx) in renderer/ reads or writes a table directly', () => {
    const components = readdirSync(join(root, 'renderer'), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.tsx'))
      .map((entry) => join(entry.parentPath, entry.name));
    expect(components.length).toBeGreaterThan(20);
    const found = components.flatMap((file) => rawTableUses(readFileSync(file, 'utf8')).map((use) => `${relative(root, file)}: ${use}`));
    expect(found).toEqual([]);
  });
});
