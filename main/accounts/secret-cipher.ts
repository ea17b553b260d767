// How account keys are sealed at rest. The Electron host plugs in the operating system's keychain
// (safeStorage); the web host, which has none, keeps a random key in a file only this user can
// read, next to (not inside) the accounts file, so that file alone is useless to whoever gets a copy.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateDir } from '../private-files';

export interface SecretCipher {
  /** Names the protection beside each sealed key, so a key sealed one way is opened the same way. */
  readonly kind: string;
  /** Whether this cipher can seal and open now. Asked only when a key is sealed or opened. */
  isAvailable(): boolean;
  seal(plain: string): string;
  /** Throws when the secret was sealed with another key (a lost key file, another machine). */
  open(sealed: string): string;
}

/** The part of Electron's safeStorage this uses; main/hosts/electron passes the real one. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  /** Linux only (electron.d.ts: `@platform linux`). */
  getSelectedStorageBackend?(): string;
}

/**
 * The OS keychain through safeStorage. isEncryptionAvailable() is synchronous and on Linux talks to
 * the Secret Service or KWallet over D-Bus, which can hang on a locked or broken keyring; so it is
 * asked on the first seal or open (a reply being sent, an account being saved), never while the
 * program starts. On Linux with no keyring Chromium falls back to `basic_text`, which "encrypts"
 * with a fixed, public password (docs/api/safe-storage.md, getSelectedStorageBackend): that is
 * treated as no keychain, and the key file (0600) is used instead.
 */
export function createSafeStorageCipher(safeStorage: SafeStorageLike): SecretCipher {
  let available: boolean | null = null;
  return {
    kind: 'os-keychain',
    isAvailable: () =>
      (available ??= safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() !== 'basic_text'),
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}

const KEY_FILE = 'secret.key';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM with a key kept in `<dir>/secret.key`, mode 0600. */
export function createKeyFileCipher(dir: string): SecretCipher {
  let key: Buffer | null = null;
  const keyNow = (): Buffer => (key ??= loadOrCreateKey(dir));
  return {
    kind: 'key-file',
    isAvailable: () => true,
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', keyNow(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      const bytes = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', keyNow(), bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}

/** For tests and for a host with no data directory: sealed only in the sense of being in memory. */
export function createMemoryCipher(): SecretCipher {
  return { kind: 'memory', isAvailable: () => true, seal: (plain) => plain, open: (sealed) => sealed };
}

function loadOrCreateKey(dir: string): Buffer {
  const path = join(dir, KEY_FILE);
  if (existsSync(path)) {
    const saved = readFileSync(path);
    if (saved.length === 32) return saved;
  }
  makePrivateDir(dir);
  const key = randomBytes(32);
  writeFileSync(path, key, { mode: 0o600 });
  // writeFileSync's mode applies only when it creates the file.
  chmodSync(path, 0o600);
  return key;
}
