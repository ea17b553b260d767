// What each schema upgrade must do to the data of the version before it, beyond keeping every
// row as it was. A new version adds its entry here (and a fixture of the version before it, see
// capture-fixture.ts); migrations.spec.ts runs every check whose version a fixture upgrades past.
import { expect } from '@playwright/test';
import type { FixtureRows } from './fixture-codec';

export interface UpgradeCheck {
  /** The version whose upgrade this checks. */
  version: number;
  /** Tables the upgrade rewrites on purpose (their rows are not compared with the fixture's). */
  rewrites: string[];
  what: string;
  check(before: FixtureRows, after: FixtureRows): void;
}

const ids = (rows: unknown[] | undefined, key: string) => (rows ?? []).map((row) => (row as Record<string, unknown>)[key] as string).sort();

export const UPGRADE_CHECKS: UpgradeCheck[] = [
  {
    version: 2,
    rewrites: ['searchQueue'],
    what: 'queues every stored post for the search index',
    check: (before, after) => {
      expect(ids(after.searchQueue, 'postId')).toEqual(ids(before.posts, 'id'));
      expect(after.searchSegments ?? []).toEqual([]);
    },
  },
  {
    version: 3,
    rewrites: ['searchQueue'],
    what: 'adds empty tables for kept pictures and the posts that show them, and an index of the boards a thread is crossposted to that no stored thread is in; queues the posts with lightbox captions for the search index again',
    check: (before, after) => {
      const withCaptions = (before.posts ?? []).filter((post) => (post as { html: string }).html.includes('class="lightbox"')).map((post) => (post as { id: string }).id);
      const queued = (after.searchQueue ?? []).flatMap((row) => (row as { postIds?: string[] }).postIds ?? []);
      // The reader may queue more of its own once it runs (a sync); these must be among them.
      expect(queued).toEqual(expect.arrayContaining(withCaptions));
      expect(after.images ?? []).toEqual([]);
      expect(after.imageUses ?? []).toEqual([]);
      // Threads are indexed afresh (*alsoInBoardIds), not rewritten: every row as it was, none crossposted.
      expect(after.threads).toEqual(before.threads);
      expect((after.threads ?? []).filter((thread) => 'alsoInBoardIds' in (thread as object))).toEqual([]);
    },
  },
];
