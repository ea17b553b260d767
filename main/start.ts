// `npm start`: builds what is needed, then runs the desktop program when an Electron binary is
// on this machine, and the same program through the web host otherwise (or with --web).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build as buildRenderer } from 'vite';
import { buildMain } from './build-main';
import { findElectronBinary } from './electron-binary';
import { parseLaunchOptions } from './launch-options';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
let options;
try {
  options = parseLaunchOptions(argv);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

await buildRenderer({ root: `${root}renderer`, configFile: `${root}vite.config.ts`, logLevel: 'warn' });
const electron = options.web ? null : findElectronBinary(root);

if (electron) {
  await buildMain();
  console.log('Desktop runtime found: starting Forum Reader.');
  const child = spawn(electron, [`${root}out/main/electron-main.js`, ...argv], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!options.web) console.log('No desktop runtime (Electron binary) on this machine: starting the reader in your browser instead.');
  await import('./hosts/web/web-main');
}
