import { describe, expect, it } from 'vitest';
import { removeForum } from '../../../../renderer/features/storage/remove-forum';
import { browserQuota, forumUsage, formatBytes, quotaLevel } from '../../../../renderer/features/storage/storage-usage';
import { freshDb } from '../../../support/fresh-db';
import { seedLibrary } from '../../../support/library-fixture';
import { queuedPostIds } from '../../../support/search-queue';

const MB = 1024 * 1024;
const GB = 1024 * MB;

describe('quotaLevel', () => {
  it('warns at 80 % used and urges at 95 %', () => {
    expect(quotaLevel({ usage: 0.5 * GB, quota: 2 * GB })).toBe('plenty');
    expect(quotaLevel({ usage: 1.6 * GB, quota: 2 * GB })).toBe('low');
    expect(quotaLevel({ usage: 1.9 * GB, quota: 2 * GB })).toBe('nearly-full');
  });

  it('warns when little room is left even of a small quota', () => {
    expect(quotaLevel({ usage: 100 * MB, quota: 180 * MB })).toBe('low');
    expect(quotaLevel({ usage: 100 * MB, quota: 110 * MB })).toBe('nearly-full');
  });
});

describe('browserQuota', () => {
  it('reads navigator.storage.estimate, and gives null where the browser does not say', async () => {
    await expect(browserQuota({ estimate: async () => ({ usage: 10, quota: 100 }) })).resolves.toEqual({ usage: 10, quota: 100 });
    await expect(browserQuota({ estimate: async () => ({}) })).resolves.toBeNull();
    await expect(browserQuota({ estimate: () => Promise.reject(new Error('no')) })).resolves.toBeNull();
    await expect(browserQuota(undefined)).resolves.toBeNull();
  });
});

describe('formatBytes', () => {
  it('uses the unit a person reads easily', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(820)).toBe('820 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(250 * MB)).toBe('250 MB');
    expect(formatBytes(2.1 * GB)).toBe('2.1 GB');
  });
});

describe('forumUsage and removeForum', () => {
  it('estimates a forum from its rows, and removing it leaves other forums and, if asked, its bookmarks', async () => {
    const db = freshDb();
    await seedLibrary(db, { threads: 3, postsPerThread: 10, postChars: 1000 });
    await seedLibrary(db, { forumId: 'other.example.net', threads: 1, postsPerThread: 4, seed: 5 });
    const usage = await forumUsage(db, 'forum.example.org');
    expect(usage).toMatchObject({ threads: 3, posts: 30, bookmarks: 3, highlights: 1, drafts: 1, queuedReplies: 1 });
    // 30 posts of about 1.3 KB of JSON each, plus the rest.
    expect(usage.bytes).toBeGreaterThan(30 * 1000);
    expect(usage.bytes).toBeLessThan(30 * 2500);

    const removed = await removeForum(db, 'forum.example.org', { keepBookmarks: true });
    expect(removed).toEqual({ threads: 3, posts: 30, keptBookmarks: 3, imageBytes: 0 });
    expect(await db.forums.toCollection().primaryKeys()).toEqual(['other.example.net']);
    expect(await db.posts.where('forumId').equals('forum.example.org').count()).toBe(0);
    expect(await db.readMarks.where('threadId').startsWith('forum.example.org/').count()).toBe(0);
    expect(await db.threadCursors.where('threadId').startsWith('forum.example.org/').count()).toBe(0);
    expect(await db.drafts.where('threadId').startsWith('forum.example.org/').count()).toBe(0);
    expect(await db.outbox.where('forumId').equals('forum.example.org').count()).toBe(0);
    expect(await db.bookmarks.where('forumId').equals('forum.example.org').count()).toBe(3);
    expect(await db.highlights.where('forumId').equals('forum.example.org').count()).toBe(1);
    // The search index is told, as after a sync that removes posts.
    expect((await queuedPostIds(db)).filter((id) => id.startsWith('forum.example.org/'))).toHaveLength(30);
    expect(await db.posts.count()).toBe(4);

    await removeForum(db, 'other.example.net', { keepBookmarks: false });
    expect(await db.bookmarks.where('forumId').equals('other.example.net').count()).toBe(0);
  });
});
