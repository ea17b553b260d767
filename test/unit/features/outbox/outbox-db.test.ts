import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxRow, ReaderDb } from '../../../../renderer/db/reader-db';
import { dueItems, nextRetryAt } from '../../../../renderer/features/outbox/outbox-db';
import { freshDb } from '../../../support/fresh-db';

const item = (id: string, parts: Partial<OutboxRow>): OutboxRow => ({
  id, draftId: `draft-${id}`, forumId: 'forum.test', threadId: 'forum.test/t/1', replyToPostNumber: null, text: id, state: 'queued', attempts: 0,
  nextAttemptAt: null, lastError: null, queuedAt: `2024-01-01T00:00:0${id.length}.000Z`, remotePostId: null, ...parts,
});

let db: ReaderDb;
afterEach(async () => {
  await db?.delete();
});

describe('which replies a pass sends', () => {
  it('a reply marked Send later is due only in a pass after a sync of its own forum', async () => {
    db = freshDb();
    await db.outbox.bulkAdd([item('now', {}), item('later', { sendLater: true })]);
    const at = new Date('2024-01-02T00:00:00Z');
    expect((await dueItems(db, at)).map((row) => row.id)).toEqual(['now']);
    // Another forum's sync (a forum just added, say) is not the sync this reply waits for.
    expect((await dueItems(db, at, { syncedForumIds: new Set(['other.test']) })).map((row) => row.id)).toEqual(['now']);
    expect((await dueItems(db, at, { syncedForumIds: new Set(['forum.test']) })).map((row) => row.id)).toEqual(['now', 'later']);
  });

  it('a reply marked Send later sets no retry timer: it waits for the sync', async () => {
    db = freshDb();
    await db.outbox.bulkAdd([
      item('held', { state: 'waiting-to-retry', sendLater: true, nextAttemptAt: '2024-01-02T00:00:00.000Z' }),
      item('retry', { state: 'waiting-to-retry', nextAttemptAt: '2024-01-03T00:00:00.000Z' }),
    ]);
    expect(await nextRetryAt(db)).toBe(Date.parse('2024-01-03T00:00:00.000Z'));
  });
});
