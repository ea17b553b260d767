// Electron entry (bundled to out/main/electron-main.js by main/build-main.ts). Thin on purpose:
// all logic lives in modules that take the electron module as a parameter and are unit-tested
// with a stand-in (test/unit/hosts/electron/).
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, net, Notification, protocol, safeStorage, screen, session, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import { createSafeStorageCipher } from '../../accounts/secret-cipher';
import { bootServices } from '../../boot';
import { desktopDataDir } from '../../launch-options';
import { startElectronApp } from './electron-app';

// Bundled layout: out/main/electron-main.js, out/main/preload.cjs, out/renderer/index.html.
const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

startElectronApp(
  { app, BrowserWindow, ipcMain, protocol, session, shell, Menu, Notification, screen, nativeTheme, dialog, net },
  {
    rendererDir: here('../renderer/'),
    preloadPath: here('./preload.cjs'),
    // Copied next to the bundle by main/build-main.ts from main/hosts/electron/resources/.
    iconPath: here('./icon.png'),
    // Account keys are sealed by the OS keychain where there is one, asked on first use, not while
    // starting (secret-cipher.ts says why); a key file only this user can read otherwise.
    boot: (options) => bootServices({ ...options, secretCipher: createSafeStorageCipher(safeStorage) }),
    // `--data-dir DIR` (README), or a throw-away profile for tests (test/electron).
    userDataDir: desktopDataDir(process.argv) ?? (process.env.FORUM_READER_USER_DATA || undefined),
  },
);

export { startElectronApp } from './electron-app';
export { createMainWindow } from './window';
export { bindIpc } from './ipc';
export { hardenWebContents, hardenSession } from './security';
