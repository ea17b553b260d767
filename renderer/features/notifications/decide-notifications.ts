// Which notifications a finished sync deserves. Pure, so the rules are tested on their own:
//   - one per followed thread with new replies: "3 new replies in <thread>";
//   - none for the thread the person is looking at (window focused, Reader view, that thread);
//   - a burst is capped: a few threads by name, then one line for the rest.

export interface ThreadActivity {
  threadId: string;
  title: string;
  forumName: string;
  newReplies: number;
}

/** What the person is looking at when the sync finishes. */
export interface ReaderFocus {
  windowFocused: boolean;
  view: string;
  selectedThreadId: string | null;
}

export interface PlannedNotification {
  /** The thread a click opens. */
  threadId: string;
  title: string;
  body: string;
}

/** Threads named one notification each; the rest share one. */
export const MAX_NAMED_THREADS = 3;
const MAX_TITLE = 200;

const replies = (n: number) => `${n.toLocaleString('en')} new ${n === 1 ? 'reply' : 'replies'}`;
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export function isWatching(focus: ReaderFocus, threadId: string): boolean {
  return focus.windowFocused && focus.view === 'reader' && focus.selectedThreadId === threadId;
}

export function decideNotifications(activity: readonly ThreadActivity[], focus: ReaderFocus): PlannedNotification[] {
  const due = activity.filter((thread) => thread.newReplies > 0 && !isWatching(focus, thread.threadId)).sort((a, b) => b.newReplies - a.newReplies);
  const named = due.slice(0, due.length > MAX_NAMED_THREADS + 1 ? MAX_NAMED_THREADS : due.length);
  const rest = due.slice(named.length);
  const planned = named.map((thread) => ({
    threadId: thread.threadId,
    title: clip(`${replies(thread.newReplies)} in ${thread.title}`, MAX_TITLE),
    body: thread.forumName,
  }));
  if (rest.length > 0) {
    const total = rest.reduce((sum, thread) => sum + thread.newReplies, 0);
    planned.push({
      threadId: rest[0]!.threadId,
      title: `${replies(total)} in ${rest.length} more followed threads`,
      body: clip(rest.map((thread) => thread.title).join(', '), 500),
    });
  }
  return planned;
}
