import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMainLog, mainLogFile, MAX_LOG_BYTES } from '../../../../main/hosts/electron/main-log';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'main-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const silent = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

describe('createMainLog', () => {
  it('writes what main logs to <userData>/logs/main.log as well as the console', () => {
    const console = silent();
    const log = createMainLog(() => mainLogFile(dir), console);
    log.error('The reader could not start', new Error('port in use'));
    expect(console.error).toHaveBeenCalled();
    const text = readFileSync(path.join(dir, 'logs', 'main.log'), 'utf8');
    expect(text).toContain('error The reader could not start');
    expect(text).toContain('port in use');
  });

  it('starts a new file once the log passes its cap, keeping the previous one', () => {
    mkdirSync(path.join(dir, 'logs'));
    writeFileSync(mainLogFile(dir), 'x'.repeat(MAX_LOG_BYTES + 1));
    createMainLog(() => mainLogFile(dir), silent()).warn('after the cap');
    expect(readFileSync(mainLogFile(dir), 'utf8')).toMatch(/warn after the cap\n$/);
    expect(existsSync(path.join(dir, 'logs', 'main.old.log'))).toBe(true);
  });

  it('is readable by the person alone: errors can carry forum addresses and what was being sent', () => {
    createMainLog(() => mainLogFile(dir), silent()).error('a line');
    expect(statSync(mainLogFile(dir)).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, 'logs')).mode & 0o777).toBe(0o700);
  });
});
