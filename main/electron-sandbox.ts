// Ubuntu 23.10 and later (and 24.04 by default) let only AppArmor-profiled programs create user
// namespaces (kernel.apparmor_restrict_unprivileged_userns = 1). Chromium's sandbox then needs its
// SUID helper, chrome-sandbox, owned by root with mode 4755; otherwise Electron aborts at start with
// "The SUID sandbox helper binary was found, but is not configured correctly" before any of our
// code runs (electron/electron#41066, #42510). `npm start` checks first and says what to do; the
// sandbox is never switched off for the person (no --no-sandbox).
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface SandboxProbe {
  /** A file's text, or null when it does not exist (a kernel without the setting). */
  readFile(file: string): string | null;
  /** Owner and mode of a file, or null when it does not exist. */
  stat(file: string): { uid: number; mode: number } | null;
}

export const systemProbe: SandboxProbe = {
  readFile: (file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  },
  stat: (file) => {
    try {
      const { uid, mode } = statSync(file);
      return { uid, mode };
    } catch {
      return null;
    }
  },
};

const APPARMOR_RESTRICTION = '/proc/sys/kernel/apparmor_restrict_unprivileged_userns';
/** Debian's older switch: 0 forbids unprivileged user namespaces outright. */
const USERNS_CLONE = '/proc/sys/kernel/unprivileged_userns_clone';
const SETUID = 0o4000;

/**
 * Null when Electron's sandbox can start; otherwise the one line telling the person why not and
 * the exact commands that fix it for this binary (what the deb's post-install does, for the
 * development copy in node_modules).
 */
export function sandboxBlocker(electronBinary: string, platform: NodeJS.Platform = process.platform, probe: SandboxProbe = systemProbe): string | null {
  if (platform !== 'linux') return null;
  const helper = path.join(path.dirname(electronBinary), 'chrome-sandbox');
  const helperStat = probe.stat(helper);
  if (helperStat && helperStat.uid === 0 && (helperStat.mode & SETUID) !== 0) return null;
  const restricted = probe.readFile(APPARMOR_RESTRICTION)?.trim() === '1' || probe.readFile(USERNS_CLONE)?.trim() === '0';
  if (!restricted) return null;
  const quoted = JSON.stringify(helper);
  return (
    'This system lets only AppArmor-profiled programs create user namespaces (Ubuntu 23.10 and later), so Electron’s sandbox cannot start; ' +
    `to run the desktop program, run once: sudo chown root:root ${quoted} && sudo chmod 4755 ${quoted} — starting the reader in your browser instead.`
  );
}
