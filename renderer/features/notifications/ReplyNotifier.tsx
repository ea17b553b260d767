// After each sync: notifications for followed threads with new replies. Shown by the host through
// the contract (`showNotification`: a system notification in Electron); where the host has none
// (the web host) the page shows a browser notification, if the person allowed them.
import { useEffect } from 'react';
import type { ForumApi } from '../../../shared/api';
import { useBackends } from '../../db/db-context';
import type { ReaderDb } from '../../db/reader-db';
import { useReader } from '../../state/reader-store';
import { useSyncStore } from '../../state/sync-store';
import { useView } from '../../state/view-store';
import { decideNotifications, type PlannedNotification } from './decide-notifications';
import { takeNewReplies } from './thread-notifications';

export interface ReplyNotifierProps {
  /** Shows a thread (the composition root passes the reader's). */
  openThread(threadId: string): void;
}

export function ReplyNotifier({ openThread }: ReplyNotifierProps) {
  const { db, api } = useBackends();
  useEffect(
    () =>
      useSyncStore.subscribe((state, previous) => {
        for (const [forumId, summary] of Object.entries(state.last)) {
          // A failed or cancelled run may still have stored replies: every finished run counts.
          if (previous.last[forumId] !== summary) void notifyNewReplies(db, api, forumId, openThread);
        }
      }),
    [db, api, openThread],
  );
  return null;
}

async function notifyNewReplies(db: ReaderDb, api: ForumApi, forumId: string, openThread: (threadId: string) => void): Promise<void> {
  const activity = await takeNewReplies(db, forumId);
  const focus = { windowFocused: document.hasFocus(), view: useView.getState().view, selectedThreadId: useReader.getState().selectedThreadId };
  for (const planned of decideNotifications(activity, focus)) {
    const shown = await api.showNotification(planned);
    if (!(shown.ok && shown.value.shown)) showPageNotification(planned, openThread);
  }
}

function showPageNotification(planned: PlannedNotification, openThread: (threadId: string) => void): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const notification = new Notification(planned.title, { body: planned.body, tag: planned.threadId });
  notification.onclick = () => {
    window.focus();
    openThread(planned.threadId);
    notification.close();
  };
}
