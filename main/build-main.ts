// Bundles the Electron host (run: `tsx main/build-main.ts`, script `build:main`).
//   out/main/electron-main.js  ESM, node platform, everything but `electron` bundled in
//   out/main/preload.cjs       CJS: sandboxed preloads can require only `electron`, no npm modules
// Bundling everything keeps the packaged app free of node_modules (see electron-builder.yml).
import { build, type BuildOptions } from 'esbuild';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'out', 'main');

/** Conservative floors: Electron 45 ships newer Node and Chromium than these. */
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome120';

/** esbuild options for both bundles; exported so tests can build them in memory. */
export function bundleOptions(projectRoot: string = root): { main: BuildOptions; preload: BuildOptions } {
  const outputDir = path.join(projectRoot, 'out', 'main');
  const common: BuildOptions = {
    absWorkingDir: projectRoot,
    bundle: true,
    external: ['electron'],
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    loader: { '.txt': 'text' },
    define: { 'process.env.NODE_ENV': '"production"' },
  };
  return {
    main: {
      ...common,
      entryPoints: [path.join(projectRoot, 'main/hosts/electron/electron-main.ts')],
      outfile: path.join(outputDir, 'electron-main.js'),
      platform: 'node',
      format: 'esm',
      target: NODE_TARGET,
      // CommonJS code inside an ESM bundle may still call require() for Node built-ins.
      banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
    },
    preload: {
      ...common,
      entryPoints: [path.join(projectRoot, 'main/hosts/electron/preload.ts')],
      outfile: path.join(outputDir, 'preload.cjs'),
      // A sandboxed preload runs in a browser-like context whose `require` knows only electron.
      platform: 'browser',
      format: 'cjs',
      target: CHROME_TARGET,
    },
  };
}

export async function buildMain(): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const options = bundleOptions(root);
  await Promise.all([build(options.main), build(options.preload)]);
  // Files the sample forum reads at run time relative to its module (new URL('./seed/…',
  // import.meta.url)) resolve next to the bundle once bundled.
  const seed = path.join(root, 'main/sample-forum/seed');
  if (existsSync(seed)) cpSync(seed, path.join(outDir, 'seed'), { recursive: true });
  // The window's icon on Linux and Windows (electron-main.ts loads it from next to the bundle).
  cpSync(path.join(root, 'main/hosts/electron/resources/icons/512x512.png'), path.join(outDir, 'icon.png'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  buildMain().then(
    () => console.log('Built out/main/electron-main.js and out/main/preload.cjs'),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
