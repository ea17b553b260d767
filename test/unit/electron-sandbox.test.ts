import { describe, expect, it } from 'vitest';
import { sandboxBlocker, type SandboxProbe } from '../../main/electron-sandbox';

const BINARY = '/home/me/reader/node_modules/electron/dist/electron';
const HELPER = '/home/me/reader/node_modules/electron/dist/chrome-sandbox';

function probe(files: Record<string, string>, helper: { uid: number; mode: number } | null): SandboxProbe & { read: string[] } {
  const read: string[] = [];
  return {
    read,
    readFile: (file) => {
      read.push(file);
      return files[file] ?? null;
    },
    stat: (file) => (file === HELPER ? helper : null),
  };
}

const UBUNTU_24_04 = { '/proc/sys/kernel/apparmor_restrict_unprivileged_userns': '1\n' };
const AS_DOWNLOADED = { uid: 1000, mode: 0o100755 };

describe('sandboxBlocker', () => {
  it('on Ubuntu 24.04 with the helper as npm left it, says in one line what to run and that the browser is used', () => {
    const line = sandboxBlocker(BINARY, 'linux', probe(UBUNTU_24_04, AS_DOWNLOADED));
    expect(line).not.toBeNull();
    expect(line).not.toContain('\n');
    expect(line).toContain(`sudo chown root:root "${HELPER}" && sudo chmod 4755 "${HELPER}"`);
    expect(line).toContain('in your browser instead');
    expect(line).not.toContain('--no-sandbox');
  });

  it('lets Electron start once the helper is root-owned and SUID', () => {
    expect(sandboxBlocker(BINARY, 'linux', probe(UBUNTU_24_04, { uid: 0, mode: 0o104755 }))).toBeNull();
  });

  it('is not fooled by a root-owned helper without the SUID bit', () => {
    expect(sandboxBlocker(BINARY, 'linux', probe(UBUNTU_24_04, { uid: 0, mode: 0o100755 }))).not.toBeNull();
  });

  it('lets Electron start where user namespaces are not restricted', () => {
    expect(sandboxBlocker(BINARY, 'linux', probe({ '/proc/sys/kernel/apparmor_restrict_unprivileged_userns': '0\n' }, AS_DOWNLOADED))).toBeNull();
    expect(sandboxBlocker(BINARY, 'linux', probe({}, AS_DOWNLOADED))).toBeNull();
  });

  it('also stops on Debian kernels that forbid unprivileged user namespaces', () => {
    expect(sandboxBlocker(BINARY, 'linux', probe({ '/proc/sys/kernel/unprivileged_userns_clone': '0\n' }, AS_DOWNLOADED))).not.toBeNull();
  });

  it('reads nothing on macOS and Windows', () => {
    const files = probe(UBUNTU_24_04, AS_DOWNLOADED);
    expect(sandboxBlocker(BINARY, 'darwin', files)).toBeNull();
    expect(sandboxBlocker('C:\\reader\\electron.exe', 'win32', files)).toBeNull();
    expect(files.read).toEqual([]);
  });
});
