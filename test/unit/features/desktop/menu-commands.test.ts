import { describe, expect, it, vi } from 'vitest';
import { runMenuCommand, type MenuActions } from '../../../../renderer/features/desktop/menu-commands';
import { READER_KEY_COMMANDS } from '../../../../shared/desktop';
import { KEY_BINDINGS } from '../../../../renderer/features/reader/keyboard-map';
import type { View } from '../../../../renderer/state/view-store';

function actions(view: View = 'reader', handled = true) {
  const queued: (() => void)[] = [];
  const spies = {
    runReaderCommand: vi.fn<MenuActions['runReaderCommand']>(() => handled),
    showView: vi.fn<MenuActions['showView']>(),
    currentView: () => view,
    syncNow: vi.fn(),
    focusButton: vi.fn<MenuActions['focusButton']>(),
    afterRender: (action: () => void) => queued.push(action),
  };
  return { spies, flush: () => queued.splice(0).forEach((action) => action()) };
}

describe('runMenuCommand', () => {
  it('runs the reader command of the same name for every key of the keyboard map', () => {
    const commands = KEY_BINDINGS.map((binding) => binding.command).filter((command) => command !== 'open');
    expect([...READER_KEY_COMMANDS].sort()).toEqual([...commands].sort());
    for (const command of READER_KEY_COMMANDS) {
      const { spies } = actions();
      runMenuCommand(command, spies);
      expect(spies.runReaderCommand).toHaveBeenCalledWith(command);
    }
  });

  it('shows the reading panes first when another view is open, then acts', () => {
    const { spies, flush } = actions('bookmarks', false);
    runMenuCommand('next-post', spies);
    expect(spies.showView).toHaveBeenCalledWith('reader');
    flush();
    expect(spies.runReaderCommand).toHaveBeenCalledTimes(2);
  });

  it('switches views, syncs, and takes export and import to their buttons in Storage', () => {
    const { spies, flush } = actions();
    runMenuCommand('show-bookmarks', spies);
    runMenuCommand('sync-now', spies);
    runMenuCommand('import-library', spies);
    flush();
    expect(spies.showView.mock.calls).toEqual([['bookmarks'], ['storage']]);
    expect(spies.syncNow).toHaveBeenCalledOnce();
    expect(spies.focusButton).toHaveBeenCalledWith('Import library');
  });
});
