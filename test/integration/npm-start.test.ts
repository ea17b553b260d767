// `npm start -- --web` as a person runs it: one line with the link, the link works, Ctrl-C stops it.
import { spawn } from 'node:child_process';
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
        const match = /^Reader: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/.exec(line);
        if (match?.[1]) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`exited with ${code}: ${lines.join('\n')}`)));
    });
    expect(lines.filter((line) => line.startsWith('Reader: '))).toHaveLength(1);
    if (!flags.includes('--web')) expect(lines).toContain('No desktop runtime (Electron binary) on this machine: starting the reader in your browser instead.');

    const entry = await fetch(link, { redirect: 'manual' });
    expect(entry.status).toBe(303);
    const cookie = entry.headers.get('set-cookie')!.split(';')[0]!;
    const page = await fetch(new URL('/', link), { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect((await fetch(new URL('/', link))).status).toBe(403);

    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
