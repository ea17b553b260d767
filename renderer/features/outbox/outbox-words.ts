// How an outbox item is put into words: exactly one state label, and a line saying what happened,
// what was kept and what comes next.
import type { OutboxRow, OutboxState } from '../../db/reader-db';
import { formatClock, formatDateTime } from '../../ui/format-date';

export const STATE_LABELS: Record<OutboxState, string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  'awaiting-approval': 'Awaiting approval',
  'waiting-to-retry': 'Waiting to retry',
  'needs-attention': 'Needs attention',
};

const sameDay = (iso: string, now: Date) => new Date(iso).toDateString() === now.toDateString();
const when = (iso: string, now: Date) => (sameDay(iso, now) ? formatClock(iso) : formatDateTime(iso));

/** The state's "with when" or "with the reason". */
export function stateDetail(item: OutboxRow, now: Date = new Date()): string {
  switch (item.state) {
    case 'queued':
      return item.sendLater ? 'Sent with the next sync.' : 'Sent as soon as the forum can be reached.';
    case 'sending':
      return item.maybeSent ? 'Looking in the thread for an earlier attempt, then sending if it is not there.' : 'Posting to the forum now.';
    case 'waiting-to-retry':
      return item.nextAttemptAt ? `Next try at ${when(item.nextAttemptAt, now)}.` : 'Next try soon.';
    case 'needs-attention':
      return `${sentence(item.lastError ?? 'The forum refused the reply')} Your text is kept: edit it and send it again, or copy it.`;
    case 'sent':
      return `${item.remotePostNumber ? `Post #${item.remotePostNumber}` : 'Posted'}${item.sentAt ? ` at ${when(item.sentAt, now)}` : ''}.`;
    case 'awaiting-approval':
      return 'The forum put it in its review queue: it appears in the thread once a moderator approves it. It will not be sent again.';
  }
}

/** For waiting items: why the last attempt did not go through. */
export const lastProblem = (item: OutboxRow): string | null => (item.state === 'waiting-to-retry' && item.lastError ? sentence(item.lastError) : null);

/** The forum's words end without a full stop as often as with one. */
export const sentence = (text: string): string => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
