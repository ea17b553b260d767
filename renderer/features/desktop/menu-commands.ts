// What each application-menu command does in the page. Reader commands go to the reader's
// keyboard dispatcher (the same code the keys run); the composition root passes it in, with the
// other actions that belong to other features.
import { READER_KEY_COMMANDS, type MenuCommand } from '../../../shared/desktop';
import type { View } from '../../state/view-store';

export type ReaderKeyCommand = (typeof READER_KEY_COMMANDS)[number];

const VIEW_COMMANDS: Partial<Record<MenuCommand, View>> = {
  'show-reader': 'reader',
  'show-bookmarks': 'bookmarks',
  'show-drafts': 'drafts',
  'show-outbox': 'outbox',
  'show-search': 'search',
  'show-storage': 'storage',
  'show-settings': 'settings',
};

export interface MenuActions {
  /** Runs a reader command; false when nothing on screen handles it (another view is shown). */
  runReaderCommand(command: ReaderKeyCommand): boolean;
  showView(view: View): void;
  currentView(): View;
  syncNow(): void;
  /** Moves focus to a button of the Storage view (the file pickers need a click in the page). */
  focusButton(name: string): void;
  /** Runs after the next paint, when a view just shown is on screen. */
  afterRender(action: () => void): void;
}

const isReaderKeyCommand = (command: MenuCommand): command is ReaderKeyCommand => (READER_KEY_COMMANDS as readonly string[]).includes(command);

export function runMenuCommand(command: MenuCommand, actions: MenuActions): void {
  if (isReaderKeyCommand(command)) {
    if (actions.runReaderCommand(command)) return;
    // Post and thread commands act on the reading panes: show them, then act.
    if (actions.currentView() !== 'reader') {
      actions.showView('reader');
      actions.afterRender(() => actions.runReaderCommand(command));
    }
    return;
  }
  const view = VIEW_COMMANDS[command];
  if (view) return actions.showView(view);
  switch (command) {
    case 'sync-now':
      return actions.syncNow();
    case 'export-library':
    case 'import-library':
      actions.showView('storage');
      return actions.afterRender(() => actions.focusButton(command === 'export-library' ? 'Export library' : 'Import library'));
  }
}
