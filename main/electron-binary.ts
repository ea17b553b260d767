// Tells whether the Electron executable is on this machine WITHOUT touching `require('electron')`:
// node_modules/electron/index.js starts a download when the binary is missing, which must never
// happen from tests or tooling. Mirrors how that file locates the binary, read-only.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Where `npm install electron` puts the package, relative to the project root. */
export const electronPackageDir = (root: string): string => path.join(root, 'node_modules', 'electron');

/**
 * Absolute path of the Electron executable, or null when it has not been downloaded.
 * Honours ELECTRON_OVERRIDE_DIST_PATH exactly as node_modules/electron/index.js does.
 */
export function findElectronBinary(root: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const packageDir = electronPackageDir(root);
  let executable: string | undefined;
  try {
    executable = readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim() || undefined;
  } catch {
    executable = undefined;
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = path.resolve(override, executable ?? 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (!executable) return null;
  const candidate = path.join(packageDir, 'dist', executable);
  return existsSync(candidate) ? candidate : null;
}

/**
 * Electron's arguments for a development run: the project FOLDER, not the bundle. Electron's
 * default app reads package.json only from a folder it is given (default_app/main.ts,
 * loadApplicationPackage: version, productName as app.name, desktopName), then runs its `main`.
 * Given a file it keeps its own name "Electron", version and ~/.config/Electron, shared with every
 * other app started that way. With the folder, a dev run and the packaged app (whose
 * lib/browser/init.ts reads the same package.json) agree on name, version and userData.
 */
export function electronLaunchArgs(root: string, argv: readonly string[]): string[] {
  return [root, ...argv];
}
