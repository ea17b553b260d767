// `npm start -- --web` as a person runs it: one line with the link, the link works, Ctrl-C stops it.
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { findElectronBinary } from '../../main/electron-binary';

const root = fileURLToPath(new URL('../..', import.meta.url));
const noElectron = findElectronBinary(root) === null;

// Where the binary exists, plain `npm start` opens Electron instead; --web covers the web host there.
const runs = [{ label: 'npm start -- --web', flags: ['--web'] }, ...(noElectron ? [{ label: 'npm start without Electron', flags: [] }] : [])];
it.each(runs)('$label prints the link, serves the reader on it, and stops cleanly on Ctrl-C', { timeout: 120_000 }, async ({ flags }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'reader-start-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/start.ts', ...flags, '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const lines: string[] = [];
    const link = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        const match = /^Reader: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/.exec(line);
        if (match?.[1]) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`exited with ${code}: ${lines.join('\n')}`)));
    });
    expect(lines.filter((line) => line.startsWith('Reader: '))).toHaveLength(1);
    if (!flags.includes('--web')) expect(lines).toContain('No desktop runtime (Electron binary) on this machine: starting the reader in your browser instead.');

    // The token rides in the fragment, which fetch, like a browser, never sends.
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(await page.text()).toContain('<div id="root">');
    const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token')!;
    const call = (headers: Record<string, string>) => fetch(new URL('/api/call/getAppInfo', link), { method: 'POST', headers, body: '{}' });
    expect((await call({})).status).toBe(403);
    expect((await call({ 'x-reader-token': token })).status).toBe(200);

    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});

it('a second start on a busy port says so in one line and how to pick another, with no stack', { timeout: 120_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'reader-start-'));
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const { port } = busy.address() as AddressInfo;
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/start.ts', '--web', '--port', String(port), '--data-dir', dataDir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    // The build before it may warn about chunk sizes; of the program's own words there is one line.
    const lines = output.trim().split('\n');
    expect(lines.filter((line) => line.includes(String(port)))).toEqual([
      `Port ${port} on 127.0.0.1 is already in use (is the reader already running there?). Pick another with: npm start -- --web --port N`,
    ]);
    expect(lines.filter((line) => /EADDRINUSE|^\s+at |Error/.test(line))).toEqual([]);
  } finally {
    busy.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
