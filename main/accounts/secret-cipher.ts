// How account keys are sealed at rest. The Electron host plugs in the operating system's keychain
// (safeStorage); the web host, which has none, keeps a random key in a file only this user can
// read, next to (not inside) the accounts file, so that file alone is useless to whoever gets a copy.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateDir } from '../private-files';

export interface OpenedSecret {
  plain: string;
  /** Sealed under a key the cipher no longer seals with (the keychain rotated it): seal it again. */
  stale: boolean;
}

export interface SecretCipher {
  /** Names the protection beside each sealed key, so a key sealed one way is opened the same way. */
  readonly kind: string;
  /** Whether this cipher can seal and open now. Asked only when a key is sealed or opened. */
  isAvailable(): Promise<boolean>;
  seal(plain: string): Promise<string>;
  /**
   * Rejects when the secret was sealed with another key (a lost key file, another machine), and
   * with KeyOutOfReach when the key that sealed it cannot be had just now.
   */
  open(sealed: string): Promise<OpenedSecret>;
}

/** The key that sealed a secret is there but out of reach for now (a locked keyring): the secret is intact. */
export class KeyOutOfReach extends Error {}

/**
 * The part of Electron's safeStorage this uses (its asynchronous API; the synchronous one is
 * deprecated in Electron 45's electron.d.ts); main/hosts/electron passes the real one.
 */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plain: string): Promise<Buffer>;
  decryptStringAsync(sealed: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only: electron_api_safe_storage.cc binds it under BUILDFLAG(IS_LINUX). */
  getSelectedStorageBackend?(): string;
}

/** getSelectedStorageBackend's answers that name a real keyring (docs/api/safe-storage.md). */
const LINUX_KEYRINGS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);
/**
 * On Linux, what Chromium's os_crypt seals with when no keyring gives it a key: PosixKeyProvider's
 * key is derived from the fixed password "peanuts" and its output starts with this tag.
 */
const PUBLIC_KEY_TAG = 'v10';

/**
 * The OS keychain through safeStorage's asynchronous API. Its encryptor starts on the first call
 * after ready, which on Linux talks to the Secret Service or KWallet over D-Bus (and may prompt);
 * so it is asked on the first seal or open (a reply being sent, an account being saved), never
 * while the program starts. A yes holds for the launch: Electron builds the encryptor once.
 *
 * isAsyncEncryptionAvailable() alone does not prove a keychain: on Linux with no keyring it
 * resolves true and seals with a fixed, public password (docs/api/safe-storage.md: "A fallback
 * provider is used"; getSelectedStorageBackend() then says `basic_text`), and Electron's
 * electron_api_safe_storage.cc resolves it true once the encryptor exists even where sealing then
 * fails. So a probe is sealed: it must work and, on Linux, not carry the public key's tag, which is
 * also what a GNOME or KDE desktop whose keyring did not answer gets. Anything else counts as no
 * keychain, and the key file (0600) is used instead.
 */
export function createSafeStorageCipher(safeStorage: SafeStorageLike): SecretCipher {
  let available: Promise<boolean> | null = null;
  return {
    kind: 'os-keychain',
    async isAvailable() {
      available ??= keychainSealsForReal(safeStorage);
      const answer = await available;
      // Asked again next time: before ready the answer is no, whatever the keychain.
      if (!answer) available = null;
      return answer;
    },
    seal: async (plain) => (await safeStorage.encryptStringAsync(plain)).toString('base64'),
    async open(sealed) {
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'));
        return { plain: result, stale: shouldReEncrypt };
      } catch (error) {
        // The rejection's only mark (electron_api_safe_storage.cc, decryptStringAsync).
        if (error instanceof Error && error.message.includes('temporarily unavailable')) throw new KeyOutOfReach(error.message);
        throw error;
      }
    },
  };
}

async function keychainSealsForReal(safeStorage: SafeStorageLike): Promise<boolean> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
  // Asked after the availability check: Electron works out the Linux backend on that first call.
  const backend = safeStorage.getSelectedStorageBackend?.();
  if (backend !== undefined && !LINUX_KEYRINGS.has(backend)) return false;
  let probe: Buffer;
  try {
    probe = await safeStorage.encryptStringAsync('probe');
  } catch {
    return false;
  }
  return backend === undefined || probe.subarray(0, PUBLIC_KEY_TAG.length).toString('latin1') !== PUBLIC_KEY_TAG;
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
    isAvailable: async () => true,
    async seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', keyNow(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    async open(sealed) {
      const bytes = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', keyNow(), bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      return { plain, stale: false };
    },
  };
}

/** For tests and for a host with no data directory: sealed only in the sense of being in memory. */
export function createMemoryCipher(): SecretCipher {
  return { kind: 'memory', isAvailable: async () => true, seal: async (plain) => plain, open: async (sealed) => ({ plain: sealed, stale: false }) };
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
