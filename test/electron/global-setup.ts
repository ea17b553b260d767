// Runs once per `npm run test:electron`, in the runner process: prints the single skip line when
// there is no Electron binary; otherwise bundles the main process (esbuild, about a second, so the
// tests never launch a stale build) and stops early with a clear message if the renderer build is
// missing.
import path from 'node:path';
import { buildMain } from '../../main/build-main';
import { electronBinary, missingBuildOutput, projectRoot, SKIP_LINE } from './electron-env';

export default async function globalSetup(): Promise<void> {
  if (!electronBinary) {
    console.log(SKIP_LINE);
    return;
  }
  await buildMain();
  const missing = missingBuildOutput();
  if (missing.length > 0) {
    const names = missing.map((file) => path.relative(projectRoot, file)).join(', ');
    throw new Error(`Electron tests need a build first (missing ${names}): run \`npm run build\`.`);
  }
}
