// The reader's keyboard: one listener for the whole reading view, dispatching through the key
// table; n/p, / and ? live here, the open thread registers the keys that move through posts.
import { useEffect, useRef } from 'react';
import { useBackends } from '../../db/db-context';
import { threadsOfBoard } from '../../db/queries';
import type { ReaderDb } from '../../db/reader-db';
import { useReader } from '../../state/reader-store';
import { createKeySequencer, isTypingTarget, registerReaderCommands, runReaderCommand } from './keyboard-map';
import { KeyboardHelp } from './KeyboardHelp';
import { useReading } from './reading-store';

export function ReaderKeyboard() {
  const { db } = useBackends();
  const sequencer = useRef(createKeySequencer());

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      const command = sequencer.current(event.key);
      if (command && runReaderCommand(command)) event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  useEffect(
    () =>
      registerReaderCommands({
        'next-unread-thread': () => void openUnreadThread(db, 1),
        'previous-unread-thread': () => void openUnreadThread(db, -1),
        search: focusSearch,
        help: () => useReading.getState().setHelpOpen(true),
      }),
    [db],
  );

  return <KeyboardHelp />;
}

/** Opens the next (or previous) thread with unread posts in the board's list, by activity. */
async function openUnreadThread(db: ReaderDb, direction: 1 | -1): Promise<void> {
  const { selectedBoardId, selectedThreadId, selectThread } = useReader.getState();
  if (!selectedBoardId) return;
  const threads = await threadsOfBoard(db, selectedBoardId);
  const at = threads.findIndex((thread) => thread.id === selectedThreadId);
  for (let step = 1; step <= threads.length; step += 1) {
    const index = at === -1 ? (direction === 1 ? step - 1 : threads.length - step) : at + direction * step;
    const thread = threads[index];
    if (!thread) return;
    if (thread.unreadCount > 0) {
      selectThread(thread.id);
      return;
    }
  }
}

const SEARCH_WAIT_MS = 2000;

function findSearchBox(): HTMLElement | null {
  const boxes = document.querySelectorAll<HTMLElement>('input[type="search"], [role="searchbox"]');
  for (const box of boxes) {
    const label = box.getAttribute('aria-label') ?? (box as HTMLInputElement).labels?.[0]?.textContent ?? '';
    if (label.trim() === 'Search posts') return box;
  }
  return null;
}

/** Focuses the "Search posts" box; where it is in another view, shows that view first. */
function focusSearch(): void {
  const box = findSearchBox();
  if (box) {
    box.focus();
    return;
  }
  const views = document.querySelectorAll<HTMLButtonElement>('nav[aria-label="Views"] button');
  const searchView = [...views].find((button) => button.textContent?.trim() === 'Search');
  if (!searchView) return;
  searchView.click();
  const observer = new MutationObserver(() => {
    const shown = findSearchBox();
    if (!shown) return;
    observer.disconnect();
    shown.focus();
  });
  observer.observe(document.body, { childList: true, subtree: true });
  setTimeout(() => observer.disconnect(), SEARCH_WAIT_MS);
}
