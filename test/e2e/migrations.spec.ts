// Every upgrade path of the Dexie schema, in Chromium's real IndexedDB: for each earlier version
// there is a database as that version wrote it (test/e2e/migrations/fixtures/v<N>.json: a synced
// sample forum plus what a person makes); it is written with that version's declarations, opened
// with today's ReaderDb, and must come out upgraded with every row kept. A new schema version adds
// a fixture of the version before it (capture-fixture.ts) and its check (upgrade-checks.ts).
import { test as base, expect, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { fileURLToPath } from 'node:url';
import { ReaderDb } from '../../renderer/db/reader-db';
import type { FixtureRows } from './migrations/fixture-codec';
import { dumpTables } from './pages/library-db';
import { MIGRATION_FIXTURES } from './migrations/fixtures';
import { UPGRADE_CHECKS } from './migrations/upgrade-checks';
import { test as readerTest } from './reader-test';

const LATEST = new ReaderDb('version-probe', { indexedDB: new IDBFactory(), IDBKeyRange }).verno;
const BLANK_ORIGIN = 'http://migrations.test';

interface Harness {
  writeVersion(name: string, version: number, stores: Record<string, string>, rows: FixtureRows): Promise<void>;
  openLatest(name: string): Promise<{ verno: number; idbVersion: number; tables: FixtureRows }>;
}

let harnessCode: string;
base.beforeAll(async () => {
  const bundled = await build({
    entryPoints: [fileURLToPath(new URL('./migrations/harness-page.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'warning',
  });
  harnessCode = bundled.outputFiles[0]!.text;
});

async function loadHarness(page: Page) {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(harnessCode);
}

const harness = (page: Page) => ({
  writeVersion: (...args: Parameters<Harness['writeVersion']>) =>
    page.evaluate((args) => (globalThis as unknown as { migrationHarness: Harness }).migrationHarness.writeVersion(...args), args),
  openLatest: (name: string) => page.evaluate((name) => (globalThis as unknown as { migrationHarness: Harness }).migrationHarness.openLatest(name), name),
});

base('there is a fixture for every version before the latest', () => {
  const versions = MIGRATION_FIXTURES.map((fixture) => fixture.version);
  expect(versions).toEqual(Array.from({ length: LATEST - 1 }, (_, i) => i + 1));
});

for (const fixture of MIGRATION_FIXTURES) {
  const checks = UPGRADE_CHECKS.filter((check) => check.version > fixture.version);

  base(`a database written by version ${fixture.version} upgrades to version ${LATEST} keeping every row`, async ({ page }) => {
    await page.route(`${BLANK_ORIGIN}/**`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Migration test</title>' }));
    await page.goto(`${BLANK_ORIGIN}/`);
    await loadHarness(page);
    const name = `migration-from-v${fixture.version}`;
    await harness(page).writeVersion(name, fixture.version, fixture.stores, fixture.rows);

    const upgraded = await harness(page).openLatest(name);
    expect(upgraded.verno).toBe(LATEST);
    // Dexie stores version n as IndexedDB version n × 10.
    expect(upgraded.idbVersion).toBe(LATEST * 10);

    const rewritten = new Set(checks.flatMap((check) => check.rewrites));
    for (const [table, rows] of Object.entries(fixture.rows)) {
      if (rewritten.has(table)) continue;
      expect(upgraded.tables[table], `${table} after upgrading from version ${fixture.version}`).toEqual(rows);
    }
    for (const check of checks) {
      await base.step(`version ${check.version} ${check.what}`, () => check.check(fixture.rows, upgraded.tables));
    }
  });
}

readerTest('the reader opens a version 1 library and shows what it held', async ({ page, backend }) => {
  const v1 = MIGRATION_FIXTURES.find((fixture) => fixture.version === 1)!;
  // Any page of the reader's origin that is not the reader will do to write its database before
  // the reader first loads: an API path without the token is a plain-text refusal.
  await page.goto(`${backend.host.url}/api/migration-test-blank`);
  await loadHarness(page);
  await harness(page).writeVersion('forum-reader', 1, v1.stores, v1.rows);

  await page.goto(backend.host.launchUrl);
  const thread = page.getByRole('region', { name: 'Thread' });
  await page.getByRole('navigation', { name: 'Forums' }).getByRole('button', { name: /The Red Shoes \(1948\)/ }).click();
  await page.getByRole('region', { name: 'Threads' }).getByRole('button', { name: /What are your favourite scenes\?/ }).click();
  await expect(thread.getByRole('heading', { level: 1, name: 'What are your favourite scenes?' })).toBeVisible();
  await expect(thread.getByRole('article').first()).toBeVisible();
  // What the person made in version 1 is all there (reading on adds read marks; none are lost).
  const stored = await dumpTables(page, ['readMarks', 'bookmarks', 'highlights', 'drafts', 'outbox']);
  expect(stored.readMarks).toEqual(expect.arrayContaining(v1.rows.readMarks!));
  for (const table of ['bookmarks', 'highlights', 'drafts', 'outbox']) expect(stored[table], table).toEqual(v1.rows[table]);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Storage' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'MovieChat Forums' }) });
  await expect(row.getByRole('cell').nth(2)).toHaveText('2');
});
