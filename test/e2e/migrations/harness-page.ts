// Bundled for the browser by migrations.spec.ts (esbuild, at test time) and evaluated in a blank
// page: writes a database exactly as an earlier version declared it, then opens it with today's
// ReaderDb, whose upgrades run as they would for a person updating the reader.
import Dexie from 'dexie';
import { ReaderDb } from '../../../renderer/db/reader-db';
import { decodeRows, encodeRows, type FixtureRows } from './fixture-codec';

async function writeVersion(name: string, version: number, stores: Record<string, string>, rows: FixtureRows): Promise<void> {
  const db = new Dexie(name);
  db.version(version).stores(stores);
  await db.open();
  const decoded = decodeRows(rows);
  await db.transaction('rw', db.tables, async () => {
    for (const [table, tableRows] of Object.entries(decoded)) await db.table(table).bulkAdd(tableRows);
  });
  db.close();
}

async function openLatest(name: string): Promise<{ verno: number; idbVersion: number; tables: FixtureRows }> {
  const db = new ReaderDb(name);
  await db.open();
  const tables: Record<string, unknown[]> = {};
  for (const table of db.tables) tables[table.name] = await table.toArray();
  const result = { verno: db.verno, idbVersion: db.backendDB().version, tables: encodeRows(tables) };
  db.close();
  return result;
}

(globalThis as Record<string, unknown>).migrationHarness = { writeVersion, openLatest };
