import { describe, expect, it } from 'vitest';
import { decideNotifications, type ReaderFocus, type ThreadActivity } from '../../../../renderer/features/notifications/decide-notifications';

const away: ReaderFocus = { windowFocused: false, view: 'reader', selectedThreadId: 'f/t/1' };
const thread = (n: number, newReplies: number): ThreadActivity => ({ threadId: `f/t/${n}`, title: `Thread ${n}`, forumName: 'A Forum', newReplies });

describe('decideNotifications', () => {
  it('says how many new replies came to which thread, and opens that thread', () => {
    expect(decideNotifications([thread(1, 3), thread(2, 1)], away)).toEqual([
      { threadId: 'f/t/1', title: '3 new replies in Thread 1', body: 'A Forum' },
      { threadId: 'f/t/2', title: '1 new reply in Thread 2', body: 'A Forum' },
    ]);
  });

  it('says nothing of threads without new replies', () => {
    expect(decideNotifications([thread(1, 0)], away)).toEqual([]);
  });

  it('says nothing of the thread the person is looking at', () => {
    const watching: ReaderFocus = { windowFocused: true, view: 'reader', selectedThreadId: 'f/t/1' };
    expect(decideNotifications([thread(1, 3), thread(2, 2)], watching).map((n) => n.threadId)).toEqual(['f/t/2']);
  });

  it('still tells of that thread when the window is in the background or shows another view', () => {
    expect(decideNotifications([thread(1, 3)], { windowFocused: false, view: 'reader', selectedThreadId: 'f/t/1' })).toHaveLength(1);
    expect(decideNotifications([thread(1, 3)], { windowFocused: true, view: 'bookmarks', selectedThreadId: 'f/t/1' })).toHaveLength(1);
  });

  it('names a few threads, busiest first, and sums up the rest in one', () => {
    const planned = decideNotifications([thread(1, 1), thread(2, 5), thread(3, 2), thread(4, 9), thread(5, 1), thread(6, 3)], away);
    expect(planned.map((n) => n.title)).toEqual([
      '9 new replies in Thread 4',
      '5 new replies in Thread 2',
      '3 new replies in Thread 6',
      '4 new replies in 3 more followed threads',
    ]);
    expect(planned[3]).toMatchObject({ threadId: 'f/t/3', body: 'Thread 3, Thread 1, Thread 5' });
  });

  it('keeps a long title within what a notification shows', () => {
    const [planned] = decideNotifications([{ ...thread(1, 2), title: 'x'.repeat(500) }], away);
    expect(planned!.title.length).toBe(200);
    expect(planned!.title.endsWith('…')).toBe(true);
  });
});
