// A short notice at the bottom of the window ("Bookmark removed. Undo", "Draft discarded. Undo"),
// announced politely; it is not the status line, whose role belongs to the connection state.
// Each feature keeps its own notice in its own store and places the toast with its own classes.
import { useEffect, useState } from 'react';

export interface Notice {
  seq: number;
  message: string;
  undo?: (() => unknown) | null;
  /** The words on the undo button when it does something else ("Open"); "Undo" when absent. */
  actionLabel?: string;
}

/** Long enough to read the words and reach "Undo"; while pointed at or focused it stays. */
const SHOWN_FOR_MS = 8000;

export function NoticeToast({
  notice,
  dismiss,
  regionClassName,
  className,
}: {
  notice: Notice | null;
  dismiss: (seq: number) => void;
  regionClassName: string;
  className: string;
}) {
  const [held, setHeld] = useState(false);

  useEffect(() => {
    if (!notice || held) return;
    const timer = setTimeout(() => dismiss(notice.seq), SHOWN_FOR_MS);
    return () => clearTimeout(timer);
  }, [notice, held, dismiss]);

  const close = (shown: Notice) => {
    setHeld(false);
    dismiss(shown.seq);
  };
  return (
    <div className={regionClassName} aria-live="polite">
      {notice && (
        <div className={className} onMouseEnter={() => setHeld(true)} onMouseLeave={() => setHeld(false)} onFocus={() => setHeld(true)} onBlur={() => setHeld(false)}>
          <span>{notice.message}</span>
          {notice.undo && (
            <button
              type="button"
              onClick={() => {
                close(notice);
                void notice.undo?.();
              }}
            >
              {notice.actionLabel ?? 'Undo'}
            </button>
          )}
          <button type="button" aria-label="Dismiss" onClick={() => close(notice)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
