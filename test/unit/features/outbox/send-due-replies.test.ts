// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { ForumApi } from '../../../../shared/api';
import type { SendReplyRequest } from '../../../../shared/replies';
import type { OutboxRow, PostRow, ReaderDb } from '../../../../renderer/db/reader-db';
import { sendDueReplies } from '../../../../renderer/features/outbox/send-due-replies';
import { freshDb } from '../../../support/fresh-db';

const FORUM = 'news';
const THREAD = `${FORUM}/t/9`;

const article = (postNumber: number, remoteKey: string): PostRow => ({
  id: `${FORUM}/p/${900 + postNumber}`, forumId: FORUM, threadId: THREAD, remoteId: 900 + postNumber, postNumber, username: 'jane', displayName: 'Jane',
  avatarUrl: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', version: 1, html: 'text', bodyFormat: 'plain',
  remoteKey, replyToPostNumber: null, hidden: false, deleted: false,
});

const reply = (id: string, replyToPostNumber: number | null): OutboxRow => ({
  id, draftId: `draft-${id}`, forumId: FORUM, threadId: THREAD, replyToPostNumber, text: 'My answer.', state: 'queued', attempts: 0,
  nextAttemptAt: null, lastError: null, queuedAt: `2026-01-01T00:00:0${id.length}.000Z`, remotePostId: null,
});

let db: ReaderDb;
afterEach(async () => {
  await db?.delete();
});

describe('sending a reply to a news server', () => {
  it("names the answered article by its Message-ID: the post replied to, or the thread's first", async () => {
    db = freshDb();
    await db.threads.put({
      id: THREAD, forumId: FORUM, boardId: `${FORUM}/c/1`, remoteId: 9, title: 'Credits', slug: 'credits', authorUsername: 'jane', createdAt: '2026-01-01T00:00:00.000Z',
      lastPostedAt: '2026-01-01T00:00:00.000Z', bumpedAt: '2026-01-01T00:00:00.000Z', postsCount: 2, highestPostNumber: 2, pinned: false, closed: false, storedPostCount: 2, unreadCount: 0,
    });
    await db.posts.bulkPut([article(1, '<root@example.org>'), article(2, '<second@example.org>')]);
    await db.outbox.bulkAdd([reply('a', 2), reply('bb', null)]);
    const sent: SendReplyRequest[] = [];
    const api = {
      sendReply: async (request: SendReplyRequest) => {
        sent.push(request);
        return { ok: true as const, value: { kind: 'enqueued' as const, pendingPostId: null } };
      },
    } as unknown as ForumApi;
    await sendDueReplies(db, api, { now: () => new Date('2026-01-02T00:00:00Z') });
    expect(sent.map((request) => [request.clientId, request.replyToKey])).toEqual([
      ['a', '<second@example.org>'],
      ['bb', '<root@example.org>'],
    ]);
  });
});
