import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { createElectronStandIn, FakeMenu, type FakeBrowserWindow } from './electron-stand-in';
import { startElectronApp } from '../../../../main/hosts/electron/electron-app';

const quiet = { warn: () => {}, error: () => {}, info: () => {} };
const labels = (items: MenuItemConstructorOptions[]) => items.map((item) => (item.type === 'separator' ? '—' : item.label));
const allEdits = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };

async function openReaderWindow() {
  const electron = createElectronStandIn();
  const host = startElectronApp(electron.parts, {
    rendererDir: '/r',
    preloadPath: '/p',
    log: quiet,
    boot: async () => ({ services: { handlers: {} as never, ready: Promise.resolve(), close: async () => {} }, sampleForum: {} as never, close: async () => {} }),
    windowStateStore: { read: () => null, write: () => {} },
  });
  electron.app.ready();
  await host?.ready;
  return electron.BrowserWindow.instances[0] as FakeBrowserWindow;
}

describe('the reader window’s context menu', () => {
  it('offers spelling suggestions, Add to Dictionary and Cut/Copy/Paste/Select All on a misspelt word in a text field', async () => {
    const win = await openReaderWindow();
    win.webContents.rightClick({ isEditable: true, misspelledWord: 'scnee', dictionarySuggestions: ['scene', 'scenes'], editFlags: allEdits });
    const menu = FakeMenu.poppedUp.at(-1)!;
    expect(labels(menu.template)).toEqual(['scene', 'scenes', 'Add to Dictionary', '—', 'Cut', 'Copy', 'Paste', '—', 'Select All']);
    (menu.template[0]!.click as () => void)();
    expect(win.webContents.replacedMisspellings).toEqual(['scene']);
    (menu.template[2]!.click as () => void)();
    expect(win.webContents.session.dictionary).toEqual(['scnee']);
  });

  it('offers the edit commands in a text field, disabled where they cannot apply', async () => {
    const win = await openReaderWindow();
    win.webContents.rightClick({ isEditable: true, editFlags: { ...allEdits, canCut: false, canCopy: false } });
    const menu = FakeMenu.poppedUp.at(-1)!;
    expect(menu.template.filter((item) => item.role).map((item) => [item.role, item.enabled])).toEqual([
      ['cut', false],
      ['copy', false],
      ['paste', true],
      ['selectAll', true],
    ]);
  });

  it('offers Copy for selected post text, and nothing where nothing is selected', async () => {
    const win = await openReaderWindow();
    win.webContents.rightClick({ selectionText: 'The ballet sequence' });
    expect(labels(FakeMenu.poppedUp.at(-1)!.template)).toEqual(['Copy']);
    win.webContents.rightClick({ selectionText: '' });
    expect(FakeMenu.poppedUp).toHaveLength(1);
  });

});
