// A short notice at the bottom of the window: "Bookmark removed. Undo", or a write that failed.
// Announced politely; it is not the status line (that role is the connection's).
import { useEffect, useState } from 'react';
import { useBookmarksUi } from './bookmarks-ui-store';

/** Long enough to read the words and reach "Undo"; while pointed at or focused it stays. */
const SHOWN_FOR_MS = 8000;

export function NoticeToast() {
  const notice = useBookmarksUi((s) => s.notice);
  const dismiss = useBookmarksUi((s) => s.dismissNotice);
  const [held, setHeld] = useState(false);

  useEffect(() => {
    if (!notice || held) return;
    const timer = setTimeout(() => dismiss(notice.seq), SHOWN_FOR_MS);
    return () => clearTimeout(timer);
  }, [notice, held, dismiss]);

  return (
    <div className="notice-toast-region" aria-live="polite">
      {notice && (
        <div
          className="notice-toast"
          onMouseEnter={() => setHeld(true)}
          onMouseLeave={() => setHeld(false)}
          onFocus={() => setHeld(true)}
          onBlur={() => setHeld(false)}
        >
          <span>{notice.message}</span>
          {notice.undo && (
            <button
              type="button"
              onClick={() => {
                setHeld(false);
                dismiss(notice.seq);
                void notice.undo?.();
              }}
            >
              Undo
            </button>
          )}
          <button
            type="button"
            aria-label="Dismiss"
            onClick={() => {
              setHeld(false);
              dismiss(notice.seq);
            }}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
