// `npm run smoke:electron`: builds the app and runs test/electron/smoke.spec.ts in the real
// Electron binary; where there is none, says so in one line and succeeds.
import { spawnSync } from 'node:child_process';
import { electronBinary, projectRoot, SKIP_LINE } from './electron-env';

if (!electronBinary) {
  console.log(SKIP_LINE);
  process.exit(0);
}
const run = (args: string[]) => spawnSync('npx', args, { cwd: projectRoot, stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;
const built = run(['vite', 'build', '--logLevel', 'warn']);
process.exit(built !== 0 ? built : run(['playwright', 'test', '-c', 'playwright.electron.config.ts', 'test/electron/smoke.spec.ts']));
