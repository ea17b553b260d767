import { describe, expect, it } from 'vitest';
import type { PostRow } from '../../../../renderer/db/reader-db';
import { keepUnchanged } from '../../../../renderer/features/reader/thread-window';

const post = (n: number, over: Partial<PostRow> = {}): PostRow => ({
  id: `f/p/${n}`, forumId: 'f', threadId: 'f/t/1', remoteId: n, postNumber: n, username: 'ann', displayName: 'Ann', avatarUrl: null,
  createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z', version: 1, html: `<p>${n}</p>`,
  replyToPostNumber: null, hidden: false, deleted: false, ...over,
});

describe('keepUnchanged', () => {
  it('keeps the rows read before when a page is read again unchanged, and takes changed and new ones', () => {
    const before = [post(1), post(2), post(3)];
    const again = keepUnchanged(before, [post(1), post(2, { version: 2, html: '<p>edited</p>' }), post(3), post(4)]);
    expect(again[0]).toBe(before[0]);
    expect(again[1]).not.toBe(before[1]);
    expect(again[1]?.html).toBe('<p>edited</p>');
    expect(again[2]).toBe(before[2]);
    expect(again[3]?.postNumber).toBe(4);
  });

  it('takes a row whose hidden or deleted flag changed', () => {
    const before = [post(1)];
    const again = keepUnchanged(before, [post(1, { hidden: true })]);
    expect(again[0]).not.toBe(before[0]);
    expect(again[0]?.hidden).toBe(true);
  });
});
