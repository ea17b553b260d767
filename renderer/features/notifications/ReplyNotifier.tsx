// After each sync: notifications for followed threads with new replies. Shown by the host through
// the contract (`showNotification`: a system notification in Electron); where the host did not
// show it (the web host, or a system notification that failed) the page shows a browser
// notification if the person allowed them, and its own notice otherwise.
import { useEffect, useState } from 'react';
import type { ForumApi } from '../../../shared/api';
import { useBackends } from '../../db/db-context';
import type { ReaderDb } from '../../db/reader-db';
import { useReader } from '../../state/reader-store';
import { useSyncStore } from '../../state/sync-store';
import { useView } from '../../state/view-store';
import { NoticeToast, type Notice } from '../../ui/NoticeToast';
import { decideNotifications, type PlannedNotification } from './decide-notifications';
import { takeNewReplies } from './thread-notifications';

export interface ReplyNotifierProps {
  /** Shows a thread (the composition root passes the reader's). */
  openThread(threadId: string): void;
}

export function ReplyNotifier({ openThread }: ReplyNotifierProps) {
  const { db, api } = useBackends();
  const [notice, setNotice] = useState<Notice | null>(null);
  useEffect(() => {
    let seq = 0;
    const showNotice = (planned: PlannedNotification) =>
      setNotice({ seq: ++seq, message: planned.title, undo: () => openThread(planned.threadId), actionLabel: 'Open' });
    return useSyncStore.subscribe((state, previous) => {
      for (const [forumId, summary] of Object.entries(state.last)) {
        // A failed or cancelled run may still have stored replies: every finished run counts.
        if (previous.last[forumId] !== summary) void notifyNewReplies(db, api, forumId, openThread, showNotice);
      }
    });
  }, [db, api, openThread]);
  const dismiss = (seq: number) => setNotice((current) => (current?.seq === seq ? null : current));
  return <NoticeToast notice={notice} dismiss={dismiss} regionClassName="notice-toast-region" className="notice-toast" />;
}

async function notifyNewReplies(
  db: ReaderDb,
  api: ForumApi,
  forumId: string,
  openThread: (threadId: string) => void,
  showNotice: (planned: PlannedNotification) => void,
): Promise<void> {
  const activity = await takeNewReplies(db, forumId);
  const focus = { windowFocused: document.hasFocus(), view: useView.getState().view, selectedThreadId: useReader.getState().selectedThreadId };
  for (const planned of decideNotifications(activity, focus)) {
    const shown = await api.showNotification(planned);
    if (shown.ok && shown.value.shown) continue;
    if (!showBrowserNotification(planned, openThread)) showNotice(planned);
  }
}

/** A browser notification where the person allowed them; false where they did not (Electron never does). */
function showBrowserNotification(planned: PlannedNotification, openThread: (threadId: string) => void): boolean {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return false;
  const notification = new Notification(planned.title, { body: planned.body, tag: planned.threadId });
  notification.onclick = () => {
    window.focus();
    openThread(planned.threadId);
    notification.close();
  };
  return true;
}
