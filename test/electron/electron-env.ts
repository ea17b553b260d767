// Shared by the Electron end-to-end tests and their global setup. Never requires `electron`
// (that would start a download); the binary is located with findElectronBinary instead.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from '../../main/electron-binary';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const electronBinary = findElectronBinary(projectRoot);
export const mainEntry = path.join(projectRoot, 'out', 'main', 'electron-main.js');
/**
 * What the tests give Electron: the project folder, as `npm start` does (electron-binary.ts,
 * electronLaunchArgs), so the app has its package.json name, version and data folder.
 */
export const appFolder = projectRoot;
export const rendererEntry = path.join(projectRoot, 'out', 'renderer', 'index.html');

export const SKIP_LINE = 'Electron tests skipped: no Electron binary on this machine (download blocked).';

/** What is missing from the build the tests launch, if anything. */
export function missingBuildOutput(): string[] {
  return [mainEntry, path.join(projectRoot, 'out', 'main', 'preload.cjs'), rendererEntry].filter((file) => !existsSync(file));
}
