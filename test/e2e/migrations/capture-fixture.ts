// Freezes what the current schema version writes, as a fixture for the migration tests:
//
//   npx tsx test/e2e/migrations/capture-fixture.ts
//
// Run it BEFORE adding a schema version to renderer/db/reader-db.ts: it syncs the bundled sample
// forum with today's code into an in-memory database, adds what a person makes (read marks, a
// bookmark, a highlight, a draft, a queued reply, settings), and writes
// test/e2e/migrations/fixtures/v<current version>.json with the version's store declarations. Then
// add the new version and its check in upgrade-checks.ts; migrations.spec.ts picks the file up.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReaderDb } from '../../../renderer/db/reader-db';
import { addSampleForumOnce } from '../../../renderer/features/forums/first-launch';
import { syncForum } from '../../../renderer/features/sync/sync-forum';
import { SAMPLE_FORUM_ID } from '../../../shared/model';
import { freshDb } from '../../support/fresh-db';
import { startReaderBackend } from '../../support/reader-backend';
import { encodeRows, type FixtureRows } from './fixture-codec';

export interface MigrationFixture {
  $comment?: string;
  version: number;
  /** The version's Dexie store declarations, as reader-db.ts declared them (all tables). */
  stores: Record<string, string>;
  rows: FixtureRows;
}

/** What a person makes while reading: written as the features write it. */
export async function addPersonalRows(db: ReaderDb): Promise<void> {
  const posts = await db.posts.orderBy('id').toArray();
  const [first, second, third] = posts;
  if (!first || !second || !third) throw new Error('the sample forum synced fewer than 3 posts');
  await db.readMarks.bulkPut(posts.slice(0, 10).map((post) => ({ postId: post.id, threadId: post.threadId, readAt: '2026-01-02T09:00:00.000Z' })));
  await db.threads.where(':id').equals(first.threadId).modify((thread) => {
    thread.unreadCount = Math.max(0, thread.storedPostCount - 10);
  });
  await db.bookmarks.put({ id: 'bookmark-1', postId: first.id, threadId: first.threadId, forumId: first.forumId, note: 'The baton', tags: ['ballet'], createdAt: '2026-01-02T10:00:00.000Z', postVersion: first.version, postHtml: first.html });
  await db.highlights.put({ id: 'highlight-1', postId: second.id, threadId: second.threadId, forumId: second.forumId, exact: 'baton', prefix: 'See this ', suffix: '?', note: '', tags: [], createdAt: '2026-01-02T10:05:00.000Z' });
  await db.drafts.put({ id: 'draft-1', forumId: third.forumId, threadId: third.threadId, replyToPostNumber: third.postNumber, text: 'The paper ballet…', createdAt: '2026-01-02T11:00:00.000Z', updatedAt: '2026-01-02T11:01:00.000Z', seenHighestPostNumber: 18 });
  await db.outbox.put({ id: 'client-1', draftId: 'draft-0', forumId: third.forumId, threadId: third.threadId, replyToPostNumber: null, text: 'Written offline, sent later.', state: 'needs-attention', attempts: 1, nextAttemptAt: null, lastError: 'The forum said the reply is too short.', queuedAt: '2026-01-02T12:00:00.000Z', remotePostId: null });
  await db.settings.bulkPut([
    { key: 'theme', value: 'dark' },
    { key: 'textSize', value: 18 },
  ]);
}

/** The declarations of the schema `db` opened with, read back from Dexie. */
export function storesOf(db: ReaderDb): Record<string, string> {
  return Object.fromEntries(db.tables.map((table) => [table.name, [table.schema.primKey.src, ...table.schema.indexes.map((index) => index.src)].join(', ')]));
}

export async function captureFixture(): Promise<MigrationFixture> {
  const backend = await startReaderBackend();
  const db = freshDb();
  try {
    await addSampleForumOnce(db, backend.api);
    const summary = await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    if (summary.status !== 'completed') throw new Error(`the sync did not complete: ${summary.error?.message}`);
    await addPersonalRows(db);
    // The sample forum's address is this run's: a placeholder reads the same in every fixture.
    await db.forums.update(SAMPLE_FORUM_ID, { baseUrl: 'http://127.0.0.1:4318' });
    const rows: FixtureRows = {};
    for (const table of db.tables) rows[table.name] = await table.toArray();
    return { version: db.verno, stores: storesOf(db), rows: encodeRows(rows) };
  } finally {
    db.close();
    await backend.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const fixture = await captureFixture();
  const file = fileURLToPath(new URL(`./fixtures/v${fixture.version}.json`, import.meta.url));
  writeFileSync(file, `${JSON.stringify(fixture, null, 1)}\n`);
  console.log(`Wrote ${file}`);
}
