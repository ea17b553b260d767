// The application menu: File, Edit, View, Go, Help (and on macOS the app menu and Window menu, as
// the platform's guidelines ask). Reader commands are not carried out here: an item sends its
// command to the page (the `menuCommand` event), which does what the same key does.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../../shared/desktop';

/**
 * The reader's keys (renderer/features/reader/keyboard-map.ts) as Electron accelerators.
 * test/unit/hosts/electron/app-menu.test.ts checks this table against the renderer's.
 * "First post" is the sequence g g, which an accelerator cannot express: the item shows no key.
 */
export const READER_KEY_ACCELERATORS: Partial<Record<MenuCommand, string>> = {
  'next-post': 'J',
  'previous-post': 'K',
  'next-unread-thread': 'N',
  'previous-unread-thread': 'P',
  bookmark: 'B',
  reply: 'R',
  search: '/',
  'last-post': 'Shift+G',
  help: '?',
};

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Delivers a command to the page. */
  send(command: MenuCommand): void;
  /** Reload and developer tools, for unpackaged runs only. */
  developerItems?: boolean;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';

  const command = (label: string, name: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    id: `menu-${name}`,
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => options.send(name),
  });

  // The page's keyboard handler owns unmodified keys (it knows when the person is typing a reply);
  // the menu only shows them. Windows and Linux can show an accelerator without taking the key
  // (registerAccelerator: false). macOS cannot (electron/electron#18295: the item would fire on
  // every "b" typed into a reply), so there the keys are listed under Help > Keyboard Shortcuts.
  const readerKey = (label: string, name: MenuCommand): MenuItemConstructorOptions => {
    const accelerator = READER_KEY_ACCELERATORS[name];
    if (mac || !accelerator) return command(label, name);
    return { ...command(label, name, accelerator), registerAccelerator: false };
  };

  const settings = command('Settings…', 'show-settings', 'CmdOrCtrl+,');

  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [
      { role: 'about', label: `About ${options.appName}` },
      separator,
      settings,
      separator,
      { role: 'services' },
      separator,
      { role: 'hide', label: `Hide ${options.appName}` },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit', label: `Quit ${options.appName}` },
    ],
  };

  const file: MenuItemConstructorOptions = {
    label: mac ? 'File' : '&File',
    submenu: [
      command('Sync Now', 'sync-now', 'CmdOrCtrl+R'),
      separator,
      command('Export Library…', 'export-library'),
      command('Import Library…', 'import-library'),
      separator,
      mac ? { role: 'close', label: 'Close Window' } : { role: 'quit', label: 'Quit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { role: 'selectAll' },
      separator,
      readerKey('Search Posts', 'search'),
      separator,
      readerKey('Reply to Post', 'reply'),
      readerKey('Bookmark Post', 'bookmark'),
      ...(mac ? [] : [separator, settings]),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: mac ? 'View' : '&View',
    submenu: [
      command('Reader', 'show-reader', 'CmdOrCtrl+1'),
      command('Bookmarks', 'show-bookmarks', 'CmdOrCtrl+2'),
      command('Drafts', 'show-drafts', 'CmdOrCtrl+3'),
      command('Outbox', 'show-outbox', 'CmdOrCtrl+4'),
      command('Search', 'show-search', 'CmdOrCtrl+5'),
      command('Storage', 'show-storage', 'CmdOrCtrl+6'),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
      ...(options.developerItems
        ? [separator, { role: 'forceReload', accelerator: 'CmdOrCtrl+Shift+R' } as const, { role: 'toggleDevTools' } as const]
        : []),
    ],
  };

  const go: MenuItemConstructorOptions = {
    label: mac ? 'Go' : '&Go',
    submenu: [
      readerKey('Next Post', 'next-post'),
      readerKey('Previous Post', 'previous-post'),
      separator,
      readerKey('Next Unread Thread', 'next-unread-thread'),
      readerKey('Previous Unread Thread', 'previous-unread-thread'),
      separator,
      readerKey('First Post', 'first-post'),
      readerKey('Last Post', 'last-post'),
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: mac ? 'Help' : '&Help',
    role: 'help',
    submenu: [readerKey('Keyboard Shortcuts', 'help'), ...(mac ? [] : [separator, { role: 'about', label: `About ${options.appName}` } as const])],
  };

  return mac ? [appMenu, file, edit, view, go, { role: 'windowMenu' }, help] : [file, edit, view, go, help];
}

/** What "About" shows (app.setAboutPanelOptions; Windows gets a message box built from it). */
export function aboutPanelOptions(appName: string, version: string) {
  return {
    applicationName: appName,
    applicationVersion: version,
    copyright: 'Copyright © Forum Reader contributors',
    credits: 'Keeps Discourse forums readable offline.',
  };
}
