// The reply feature's notices ("Draft discarded. Undo", "Sending your reply…"), announced
// politely; not the status line, whose role belongs to the connection state.
import { useEffect, useState } from 'react';
import { useComposer } from './composer-store';

/** Long enough to read and reach "Undo"; while pointed at or focused it stays. */
const SHOWN_FOR_MS = 8000;

export function ReplyNoticeToast() {
  const notice = useComposer((s) => s.notice);
  const dismiss = useComposer((s) => s.dismiss);
  const [held, setHeld] = useState(false);

  useEffect(() => {
    if (!notice || held) return;
    const timer = setTimeout(() => dismiss(notice.seq), SHOWN_FOR_MS);
    return () => clearTimeout(timer);
  }, [notice, held, dismiss]);

  return (
    <div className="reply-notice-region" aria-live="polite">
      {notice && (
        <div className="reply-notice" onMouseEnter={() => setHeld(true)} onMouseLeave={() => setHeld(false)} onFocus={() => setHeld(true)} onBlur={() => setHeld(false)}>
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
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(notice.seq)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
