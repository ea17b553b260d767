// The desktop program's log: what main prints also goes to <userData>/logs/main.log, because a
// person who starts the reader from a menu never sees a console. The file is capped: past
// MAX_LOG_BYTES it becomes main.old.log and a new one starts, so it never grows without bound.
import { appendFileSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import type { Logger } from '../../dispatch';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../../private-files';

export const MAX_LOG_BYTES = 1024 * 1024;

export const mainLogFile = (userData: string): string => path.join(userData, 'logs', 'main.log');

/** A Logger that writes to `console` and appends to `file()` (asked at each line: userData may move before ready). */
export function createMainLog(file: () => string, console: Logger = globalThis.console): Logger {
  const write = (level: string, args: unknown[]) => {
    try {
      const target = file();
      // Owner-only, as accounts/ is: errors can name the forums followed and what was being sent.
      makePrivateDir(path.dirname(target));
      let size = 0;
      try {
        size = statSync(target).size;
      } catch {
        size = 0;
      }
      if (size > MAX_LOG_BYTES) renameSync(target, target.replace(/\.log$/, '.old.log'));
      const text = args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 4 }))).join(' ');
      appendFileSync(target, `${new Date().toISOString()} ${level} ${text}\n`, { mode: PRIVATE_FILE_MODE });
    } catch {
      // The console line below is all there is when the disk refuses.
    }
  };
  return {
    info: (...args) => {
      console.info(...args);
      write('info', args);
    },
    warn: (...args) => {
      console.warn(...args);
      write('warn', args);
    },
    error: (...args) => {
      console.error(...args);
      write('error', args);
    },
  };
}
