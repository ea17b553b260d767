// `npm start -- --web`: the whole program in the browser. Prints one line with the link to open.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bootServices } from '../../boot';
import type { EventName, EventPayload } from '../../../shared/api';
import { startWebHost, type WebHost } from './web-host';
import { parseLaunchOptions } from '../../launch-options';

const options = parseLaunchOptions(process.argv.slice(2));
const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const { version } = JSON.parse(readFileSync(`${projectRoot}package.json`, 'utf8')) as { version: string };

let host: WebHost | null = null;
const booted = await bootServices({
  version,
  host: 'web',
  dataDir: options.dataDir,
  emit: <K extends EventName>(name: K, payload: EventPayload<K>) => host?.emit(name, payload),
  // The person is already in a browser: the page opens checked links in a new tab itself.
  openExternal: async () => false,
});
try {
  host = await startWebHost({ port: options.port, rendererDir: `${projectRoot}out/renderer`, handlers: booted.services.handlers });
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
  console.error(`Port ${options.port} on 127.0.0.1 is already in use (is the reader already running there?). Pick another with: npm start -- ${options.web ? '--web ' : ''}--port N`);
  await booted.close();
  process.exit(1);
}
console.log(`Reader: ${host.launchUrl}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await host?.close();
  await booted.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
