import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountStore, type Credentials } from '../../../main/accounts/account-store';
import { createKeyFileCipher, createSafeStorageCipher } from '../../../main/accounts/secret-cipher';

const KEY = 'f3a9c2d1e0b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2';
const credentials: Credentials = { kind: 'api-key', username: 'sample_reader', key: KEY, clientId: null, baseUrl: 'https://forum.example.org' };

describe('the account store (web host: a file only this user can read)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'accounts-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const open = () => new AccountStore({ dir, cipher: createKeyFileCipher(dir), warn: () => {} });

  it('keeps keys sealed in a 0600 file and gives them back after a restart', () => {
    open().save('forum.example.org', credentials, true);
    const file = join(dir, 'accounts.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain(KEY);
    expect(open().credentialsFor('forum.example.org')).toEqual(credentials);
  });

  it('describes an account without its key', () => {
    const store = open();
    store.save('forum.example.org', credentials, false);
    const described = store.describe('forum.example.org');
    expect(described).toMatchObject({ forumId: 'forum.example.org', kind: 'api-key', username: 'sample_reader', verified: false });
    expect(JSON.stringify(described)).not.toContain(KEY);
  });

  it('a lost key file makes saved keys unreadable, not wrong: the account is asked for again', () => {
    open().save('forum.example.org', credentials, true);
    rmSync(join(dir, 'secret.key'));
    expect(open().credentialsFor('forum.example.org')).toBeNull();
  });

  it('an unreadable accounts file is set aside, not trusted', () => {
    open().save('forum.example.org', credentials, true);
    const file = join(dir, 'accounts.json');
    writeFileSync(file, '{ not json');
    expect(open().credentialsFor('forum.example.org')).toBeNull();
    expect(statSync(`${file}.unreadable`).isFile()).toBe(true);
  });

  it('ensure() leaves an identical account alone and replaces a changed one', () => {
    const store = open();
    store.ensure('sample', credentials);
    const first = store.describe('sample')?.savedAt;
    store.ensure('sample', credentials);
    expect(store.describe('sample')?.savedAt).toBe(first);
    store.ensure('sample', { ...credentials, key: 'another-key' });
    expect(store.credentialsFor('sample')?.key).toBe('another-key');
  });

  it('seals through Electron’s safeStorage when the host plugs it in', () => {
    const sealed: Buffer[] = [];
    const safeStorage = {
      isEncryptionAvailable: () => true,
      encryptString: (plain: string) => {
        const out = Buffer.from([...Buffer.from(plain)].reverse());
        sealed.push(out);
        return out;
      },
      decryptString: (data: Buffer) => Buffer.from([...data].reverse()).toString(),
    };
    new AccountStore({ dir, cipher: createSafeStorageCipher(safeStorage), warn: () => {} }).save('forum.example.org', credentials, true);
    expect(sealed).toHaveLength(1);
    expect(readFileSync(join(dir, 'accounts.json'), 'utf8')).toContain('"cipher": "os-keychain"');
    expect(new AccountStore({ dir, cipher: createSafeStorageCipher(safeStorage), warn: () => {} }).credentialsFor('forum.example.org')?.key).toBe(KEY);
  });
});

describe('the account store in the desktop program (the OS keychain, asked on first use)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'accounts-keychain-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** safeStorage as Electron's: isEncryptionAvailable() is the call that can hang on a Linux keyring. */
  function keychain(options: { available: boolean; backend?: string }) {
    const calls = { available: 0, encrypt: 0, decrypt: 0 };
    const safeStorage = {
      isEncryptionAvailable: () => {
        calls.available += 1;
        return options.available;
      },
      getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
      encryptString: (plain: string) => {
        calls.encrypt += 1;
        return Buffer.from(`k:${plain}`);
      },
      decryptString: (data: Buffer) => {
        calls.decrypt += 1;
        return data.toString().slice(2);
      },
    };
    return { calls, cipher: createSafeStorageCipher(safeStorage) };
  }
  const open = (cipher: ReturnType<typeof keychain>['cipher'], warn: (message: string) => void = () => {}) =>
    new AccountStore({ dir, cipher, local: createKeyFileCipher(dir), warn });

  it('starting with the sample forum’s account never asks the keychain', () => {
    const first = keychain({ available: true });
    open(first.cipher).ensure('sample', credentials);
    const second = keychain({ available: true });
    const store = open(second.cipher);
    store.ensure('sample', credentials);
    expect(store.credentialsFor('sample')?.key).toBe(KEY);
    expect(first.calls).toEqual({ available: 0, encrypt: 0, decrypt: 0 });
    expect(second.calls).toEqual({ available: 0, encrypt: 0, decrypt: 0 });
  });

  it('a key sealed by the keychain survives a launch without it, and opens again when it is back', () => {
    open(keychain({ available: true }).cipher).save('forum.example.org', credentials, true);
    const warnings: string[] = [];
    const without = open(keychain({ available: false }).cipher, (message) => warnings.push(message));
    expect(without.credentialsFor('forum.example.org')).toBeNull();
    expect(warnings.join('\n')).toMatch(/keychain, which is not available now.*enter the key again/);
    // Another account saved meanwhile goes to the key file, and says so; the first is not re-sealed.
    without.save('other.example.org', { ...credentials, baseUrl: 'https://other.example.org' }, true);
    expect(warnings.at(-1)).toContain('sealed with key-file instead');
    const back = open(keychain({ available: true }).cipher);
    expect(back.credentialsFor('forum.example.org')?.key).toBe(KEY);
    expect(back.credentialsFor('other.example.org')?.key).toBe(KEY);
  });

  it('treats Linux’s basic_text backend (a fixed, public password) as no keychain', () => {
    const basic = keychain({ available: true, backend: 'basic_text' });
    open(basic.cipher).save('forum.example.org', credentials, true);
    expect(basic.calls.encrypt).toBe(0);
    expect(readFileSync(join(dir, 'accounts.json'), 'utf8')).toContain('"cipher": "key-file"');
  });

  it('opens a file written before keys named their cipher with the one the file names', () => {
    const sealed = Buffer.from(`k:${KEY}`).toString('base64');
    const account = { baseUrl: credentials.baseUrl, kind: 'api-key', username: 'sample_reader', clientId: null, sealedKey: sealed, savedAt: '2026-01-01T00:00:00Z', verified: true };
    writeFileSync(join(dir, 'accounts.json'), JSON.stringify({ version: 1, cipher: 'os-keychain', accounts: { 'forum.example.org': account } }));
    expect(open(keychain({ available: true }).cipher).credentialsFor('forum.example.org')?.key).toBe(KEY);
  });
});
