// Every change reaches IndexedDB within half a second: the first unsaved keystroke starts a
// 300 ms timer, and what the text is when it fires is written. Typing without pause therefore
// still saves every 300 ms (a debounce would wait for the pause). Hiding or leaving the page
// writes at once, but an IndexedDB write begun as a page unloads may not finish; so each
// keystroke also leaves the unsaved text in sessionStorage (written synchronously, kept across
// a reload of the tab), from which the composer takes it back after a reload.
import { useCallback, useEffect, useRef, useState } from 'react';

export const AUTOSAVE_MS = 300;
const UNSAVED_PREFIX = 'forum-reader.unsaved-draft.';

export interface Autosave {
  /** When the text on screen was last written. */
  savedAt: Date | null;
  /** Writes what is pending now; resolves once it is in the database. */
  flush(): Promise<void>;
  /** The text came from the database (first load, a quote added elsewhere): nothing to write. */
  adopt(value: string): void;
}

/** Text typed into a draft in this tab and not yet known to be in the database. */
export function unsavedTextOf(draftId: string): string | null {
  try {
    return sessionStorage.getItem(UNSAVED_PREFIX + draftId);
  } catch {
    return null;
  }
}

function keepUnsaved(draftId: string, text: string | null): void {
  try {
    if (text === null) sessionStorage.removeItem(UNSAVED_PREFIX + draftId);
    else sessionStorage.setItem(UNSAVED_PREFIX + draftId, text);
  } catch {
    // No sessionStorage, or it is full: the 300 ms autosave still holds.
  }
}

export function useAutosave(draftId: string, text: string | null, save: (text: string) => Promise<void>): Autosave {
  const latest = useRef(text);
  /** Handed to `save` last. */
  const scheduled = useRef(text);
  /** Known to be in the database. */
  const persisted = useRef(text);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const writing = useRef<Promise<void>>(Promise.resolve());
  const saveRef = useRef(save);
  saveRef.current = save;
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  latest.current = text;

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const value = latest.current;
    if (value !== null && value !== scheduled.current) {
      scheduled.current = value;
      writing.current = writing.current
        .then(() => saveRef.current(value))
        .then(() => {
          persisted.current = value;
          if (latest.current === value) keepUnsaved(draftId, null);
          setSavedAt(new Date());
        });
    }
    await writing.current;
  }, [draftId]);

  useEffect(() => {
    if (text === null) return;
    keepUnsaved(draftId, text === persisted.current ? null : text);
    if (text !== scheduled.current && !timer.current) timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
  }, [draftId, text, flush]);

  useEffect(() => {
    const now = () => void flush();
    const onVisibility = () => document.visibilityState === 'hidden' && now();
    window.addEventListener('pagehide', now);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', now);
      document.removeEventListener('visibilitychange', onVisibility);
      now();
    };
  }, [flush]);

  const adopt = useCallback((value: string) => {
    scheduled.current = value;
    persisted.current = value;
  }, []);
  return { savedAt, flush, adopt };
}
