// `npm start`: builds what is needed, then runs the desktop program when an Electron binary is
// on this machine and its sandbox can start, and the same program through the web host otherwise
// (or with --web).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build as buildRenderer } from 'vite';
import { buildMain } from './build-main';
import { electronLaunchArgs, findElectronBinary } from './electron-binary';
import { sandboxBlocker } from './electron-sandbox';
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
const found = options.web ? null : findElectronBinary(root);
const blocker = found ? sandboxBlocker(found) : null;
if (blocker) console.log(blocker);
const electron = blocker ? null : found;

if (electron) {
  await buildMain();
  console.log('Desktop runtime found: starting Forum Reader.');
  if (options.portGiven) console.log('--port applies to the web host only (the desktop program serves no port); ignored.');
  const child = spawn(electron, electronLaunchArgs(root, argv), { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!options.web && !blocker) console.log('No desktop runtime (Electron binary) on this machine: starting the reader in your browser instead.');
  await import('./hosts/web/web-main');
}
