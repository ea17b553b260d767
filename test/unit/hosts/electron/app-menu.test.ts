import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutPanelOptions, appMenuTemplate, READER_KEY_ACCELERATORS } from '../../../../main/hosts/electron/app-menu';
import { MENU_COMMANDS, type MenuCommand } from '../../../../shared/desktop';
import { KEY_BINDINGS } from '../../../../renderer/features/reader/keyboard-map';

const template = (platform: NodeJS.Platform, developerItems = false) => {
  const send = vi.fn<(command: MenuCommand) => void>();
  return { menu: appMenuTemplate({ platform, appName: 'Forum Reader', send, developerItems }), send };
};

const submenu = (item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] =>
  Array.isArray(item?.submenu) ? (item.submenu as MenuItemConstructorOptions[]) : [];

const allItems = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((item) => [item, ...allItems(submenu(item))]);

const byId = (items: MenuItemConstructorOptions[], id: string) => allItems(items).find((item) => item.id === id);

/** The accelerator Electron needs for a KeyboardEvent.key of the reader's map. */
const acceleratorFor = (key: string) => (/^[A-Z]$/.test(key) ? `Shift+${key}` : /^[a-z]$/.test(key) ? key.toUpperCase() : key);

describe('the application menu', () => {
  it('has File, Edit, View, Go and Help on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      expect(template(platform).menu.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Go', '&Help']);
    }
  });

  it('follows macOS conventions: the app menu first with About, Settings and Quit, a Window menu before Help', () => {
    const { menu } = template('darwin');
    expect(menu.map((item) => item.label ?? item.role)).toEqual(['Forum Reader', 'File', 'Edit', 'View', 'Go', 'windowMenu', 'Help']);
    const appMenu = submenu(menu[0]);
    expect(appMenu[0]).toMatchObject({ role: 'about', label: 'About Forum Reader' });
    expect(appMenu.find((item) => item.id === 'menu-show-settings')).toMatchObject({ label: 'Settings…', accelerator: 'CmdOrCtrl+,' });
    expect(appMenu.map((item) => item.role)).toEqual(expect.arrayContaining(['services', 'hide', 'hideOthers', 'unhide', 'quit']));
    // On macOS, Quit lives in the app menu and File ends with Close Window.
    expect(submenu(menu[1]).at(-1)).toMatchObject({ role: 'close' });
    expect(allItems(submenu(menu[6])).some((item) => item.role === 'about')).toBe(false);
  });

  it('puts About with the version under Help on Windows and Linux', () => {
    const help = template('linux').menu.at(-1);
    expect(submenu(help).at(-1)).toMatchObject({ role: 'about', label: 'About Forum Reader' });
    expect(aboutPanelOptions('Forum Reader', '0.1.0')).toMatchObject({ applicationName: 'Forum Reader', applicationVersion: '0.1.0' });
  });

  it('offers every reader key of the keyboard map, with the same key (Windows and Linux)', () => {
    const { menu } = template('linux');
    const readerCommands = KEY_BINDINGS.filter((binding) => binding.command !== 'open');
    expect(readerCommands.length).toBeGreaterThan(5);
    for (const binding of readerCommands) {
      const item = byId(menu, `menu-${binding.command}`);
      expect(item, `a menu item for ${binding.command}`).toBeDefined();
      if (binding.keys.length === 1) {
        expect(item?.accelerator, binding.command).toBe(acceleratorFor(binding.keys[0]!));
        // Shown but not taken: the page's keyboard handler knows when the person is typing.
        expect(item?.registerAccelerator, binding.command).toBe(false);
      } else {
        // A key sequence (g g) has no accelerator; the menu shows none rather than a wrong one.
        expect(item?.accelerator, binding.command).toBeUndefined();
      }
    }
    // And the menu's table names no key the reader does not have.
    for (const [command, accelerator] of Object.entries(READER_KEY_ACCELERATORS)) {
      const binding = KEY_BINDINGS.find((b) => b.command === command);
      expect(binding && acceleratorFor(binding.keys[0]!), command).toBe(accelerator);
    }
  });

  it('shows no unmodified keys on macOS, where the menu would take them from a reply being typed', () => {
    const { menu } = template('darwin');
    for (const binding of KEY_BINDINGS.filter((b) => b.command !== 'open')) {
      const item = byId(menu, `menu-${binding.command}`);
      expect(item, binding.command).toBeDefined();
      expect(item?.accelerator, binding.command).toBeUndefined();
    }
  });

  it('sends each command item to the page by name, and every contract command has an item', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      const { menu, send } = template(platform);
      for (const command of MENU_COMMANDS) {
        const item = byId(menu, `menu-${command}`);
        expect(item, `${platform}: ${command}`).toBeDefined();
        (item?.click as () => void)();
        expect(send).toHaveBeenLastCalledWith(command);
      }
    }
  });

  it('gives modified keys to views and sync, which no reader key uses', () => {
    const { menu } = template('win32');
    expect(byId(menu, 'menu-show-storage')?.accelerator).toBe('CmdOrCtrl+6');
    expect(byId(menu, 'menu-sync-now')?.accelerator).toBe('CmdOrCtrl+R');
    const accelerators = allItems(menu).flatMap((item) => (typeof item.accelerator === 'string' ? [item.accelerator] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('offers reload and developer tools only to development runs', () => {
    const roles = (items: MenuItemConstructorOptions[]) => allItems(items).map((item) => item.role);
    expect(roles(template('linux').menu)).not.toContain('toggleDevTools');
    expect(roles(template('linux', true).menu)).toEqual(expect.arrayContaining(['toggleDevTools', 'forceReload']));
  });
});
