import { useState, type FormEvent } from 'react';
import { useBackends } from '../../db/db-context';
import { markThreadRead, markThreadUnread } from '../../db/read-state';
import type { ThreadRow } from '../../db/reader-db';
import { READER_SETTINGS, setSetting } from '../../db/settings';
import { useThreadActions } from '../../ui/thread-actions';
import { goToPost } from './go-to-post';
import { useReading } from './reading-store';

interface Props {
  thread: ThreadRow;
  showSignatures: boolean;
  onGoToPost(postNumber: number): void;
}

/** The open thread's title, counts and actions. */
export function ThreadToolbar({ thread, showSignatures, onGoToPost }: Props) {
  const { db } = useBackends();
  const threadActions = useThreadActions();
  const back = useReading((s) => s.backStack.at(-1) ?? null);
  const [postNumber, setPostNumber] = useState('');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const number = Number(postNumber);
    if (Number.isInteger(number) && number > 0) onGoToPost(number);
  };
  const goBack = () => {
    const place = useReading.getState().popBack();
    if (place) void goToPost(db, place);
  };

  return (
    <header className="thread-toolbar">
      <h1 className="thread-heading">{thread.title}</h1>
      <div className="thread-toolbar-row">
        <div className="thread-toolbar-group">
          <span className="thread-counts">
            {thread.storedPostCount} {thread.storedPostCount === 1 ? 'post' : 'posts'}
            {thread.unreadCount > 0 && ` · ${thread.unreadCount} unread`}
          </span>
          <form className="go-to-post" onSubmit={onSubmit} aria-label="Go to post">
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={Math.max(1, thread.highestPostNumber)}
              aria-label="Post number"
              placeholder="Post #"
              value={postNumber}
              onChange={(event) => setPostNumber(event.target.value)}
            />
            <button type="submit">Go</button>
          </form>
          {back && (
            <button type="button" className="back-button" onClick={goBack} title={back.threadId === thread.id ? undefined : 'In another thread'}>
              Back to #{back.postNumber}
            </button>
          )}
        </div>
        <div className="thread-toolbar-group">
          <button type="button" onClick={() => void markThreadRead(db, thread.id)} disabled={thread.unreadCount === 0}>
            Mark thread read
          </button>
          <button type="button" onClick={() => void markThreadUnread(db, thread.id)} disabled={thread.unreadCount >= thread.storedPostCount}>
            Mark thread unread
          </button>
          <button type="button" aria-pressed={showSignatures} onClick={() => void setSetting(db, READER_SETTINGS.showSignatures, !showSignatures)}>
            Show signatures
          </button>
          {threadActions.map((Action, i) => (
            <Action key={i} thread={thread} />
          ))}
        </div>
      </div>
    </header>
  );
}
