// `npm run bench`: runs every test/bench/*.bench.ts in turn (or those named on the command line:
// `npm run bench sync` is sync.bench.ts alone) and prints each one's figures. Benchmarks measure;
// they never pass or fail a build.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => wanted.length === 0 || wanted.includes(file.replace('.bench.ts', '')))
  .sort();

for (const file of benches) {
  console.log(`\n== ${file.replace('.bench.ts', '')} ==`);
  const bench = (await import(pathToFileURL(`${dir}${file}`).href)) as { run(): Promise<void> };
  await bench.run();
}
