import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountStore, type Credentials } from '../../../main/accounts/account-store';
import { createKeyFileCipher, createSafeStorageCipher } from '../../../main/accounts/secret-cipher';
import { FakeApp, FakeKeychain, FakeSafeStorage } from '../hosts/electron/electron-stand-in';

const KEY = 'f3a9c2d1e0b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2';
const credentials: Credentials = { kind: 'api-key', username: 'sample_reader', key: KEY, clientId: null, baseUrl: 'https://forum.example.org' };

describe('the account store (web host: a file only this user can read)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'accounts-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const open = () => new AccountStore({ dir, cipher: createKeyFileCipher(dir), warn: () => {} });

  it('keeps keys sealed in a 0600 file and gives them back after a restart', async () => {
    await open().save('forum.example.org', credentials, true);
    const file = join(dir, 'accounts.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain(KEY);
    expect(await open().credentialsFor('forum.example.org')).toEqual(credentials);
  });

  it('describes an account without its key', async () => {
    const store = open();
    await store.save('forum.example.org', credentials, false);
    const described = await store.describe('forum.example.org');
    expect(described).toMatchObject({ forumId: 'forum.example.org', kind: 'api-key', username: 'sample_reader', verified: false });
    expect(JSON.stringify(described)).not.toContain(KEY);
  });

  it('a lost key file makes saved keys unreadable, not wrong: the account is asked for again', async () => {
    await open().save('forum.example.org', credentials, true);
    rmSync(join(dir, 'secret.key'));
    expect(await open().credentialsFor('forum.example.org')).toBeNull();
  });

  it('an unreadable accounts file is set aside, not trusted', async () => {
    await open().save('forum.example.org', credentials, true);
    const file = join(dir, 'accounts.json');
    writeFileSync(file, '{ not json');
    expect(await open().credentialsFor('forum.example.org')).toBeNull();
    expect(statSync(`${file}.unreadable`).isFile()).toBe(true);
  });

  it('ensure() leaves an identical account alone and replaces a changed one', async () => {
    const store = open();
    await store.ensure('sample', credentials);
    const first = (await store.describe('sample'))?.savedAt;
    await store.ensure('sample', credentials);
    expect((await store.describe('sample'))?.savedAt).toBe(first);
    await store.ensure('sample', { ...credentials, key: 'another-key' });
    expect((await store.credentialsFor('sample'))?.key).toBe('another-key');
  });

  it('a read waits for the changes begun before it', async () => {
    const store = open();
    void store.ensure('sample', credentials);
    expect((await store.credentialsFor('sample'))?.key).toBe(KEY);
    void store.remove('sample');
    expect(await store.describe('sample')).toBeNull();
  });

  it('a removal asked for while a save waits on its cipher is not undone by that save', async () => {
    const store = open();
    const saving = store.save('forum.example.org', credentials, true);
    const removing = store.remove('forum.example.org');
    await Promise.all([saving, removing]);
    expect(await store.describe('forum.example.org')).toBeNull();
    expect(await open().credentialsFor('forum.example.org')).toBeNull();
  });

});

describe('the account store in the desktop program (the OS keychain, asked on first use)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'accounts-keychain-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  type Platform = ConstructorParameters<typeof FakeSafeStorage>[2];
  /** One launch of the desktop program on a computer with `keychain`, after Electron's ready. */
  function launch(keychain: FakeKeychain, platform: Platform = { platform: 'linux', backend: 'gnome_libsecret' }) {
    const app = new FakeApp();
    app.ready();
    const safeStorage = new FakeSafeStorage(app, keychain, platform);
    const calls = {
      available: vi.spyOn(safeStorage, 'isAsyncEncryptionAvailable'),
      encrypt: vi.spyOn(safeStorage, 'encryptStringAsync'),
      decrypt: vi.spyOn(safeStorage, 'decryptStringAsync'),
    };
    const warnings: string[] = [];
    const store = new AccountStore({ dir, cipher: createSafeStorageCipher(safeStorage), local: createKeyFileCipher(dir), warn: (message) => warnings.push(message) });
    return { store, calls, warnings };
  }
  const file = () => JSON.parse(readFileSync(join(dir, 'accounts.json'), 'utf8')) as { accounts: Record<string, { cipher: string; sealedKey: string }> };
  const tagOf = (forumId: string) => Buffer.from(file().accounts[forumId]!.sealedKey, 'base64').subarray(0, 3).toString('latin1');

  it('seals with the keychain, never writes the key in the clear, and opens it in the next launch', async () => {
    const keychain = new FakeKeychain();
    await launch(keychain).store.save('forum.example.org', credentials, true);
    expect(file().accounts['forum.example.org']!.cipher).toBe('os-keychain');
    expect(readFileSync(join(dir, 'accounts.json'), 'utf8')).not.toContain(KEY);
    expect(await launch(keychain).store.credentialsFor('forum.example.org')).toEqual(credentials);
  });

  it('starting with the sample forum’s account never asks the keychain', async () => {
    const keychain = new FakeKeychain();
    const first = launch(keychain);
    await first.store.ensure('sample', credentials);
    const second = launch(keychain);
    await second.store.ensure('sample', credentials);
    expect((await second.store.credentialsFor('sample'))?.key).toBe(KEY);
    for (const spy of [...Object.values(first.calls), ...Object.values(second.calls)]) expect(spy).not.toHaveBeenCalled();
  });

  it('a key sealed by the keychain survives a launch without it, and opens again when it is back', async () => {
    const keychain = new FakeKeychain();
    await launch(keychain).store.save('forum.example.org', credentials, true);
    keychain.missing = true;
    const without = launch(keychain);
    expect(await without.store.credentialsFor('forum.example.org')).toBeNull();
    expect(without.warnings.join('\n')).toMatch(/keychain, which is not available now.*enter the key again/);
    // Another account saved meanwhile goes to the key file, and says so; the first is not re-sealed.
    await without.store.save('other.example.org', { ...credentials, baseUrl: 'https://other.example.org' }, true);
    expect(without.warnings.at(-1)).toContain('sealed with key-file instead');
    expect(file().accounts['forum.example.org']!.cipher).toBe('os-keychain');
    keychain.missing = false;
    const back = launch(keychain).store;
    expect((await back.credentialsFor('forum.example.org'))?.key).toBe(KEY);
    expect((await back.credentialsFor('other.example.org'))?.key).toBe(KEY);
  });

  it('treats Linux’s basic_text store (a fixed, public password) as no keychain', async () => {
    const basic = launch(new FakeKeychain(), { platform: 'linux', backend: 'basic_text' });
    await basic.store.save('forum.example.org', credentials, true);
    expect(basic.calls.encrypt).not.toHaveBeenCalled();
    expect(file().accounts['forum.example.org']!.cipher).toBe('key-file');
  });

  it('treats a keyring that does not answer, where safeStorage would seal with the public password, as no keychain', async () => {
    const keychain = new FakeKeychain();
    keychain.missing = true;
    await launch(keychain).store.save('forum.example.org', credentials, true);
    expect(file().accounts['forum.example.org']!.cipher).toBe('key-file');
  });

  it('opens what the previous version sealed with the synchronous encryptString, in a file that named one cipher for all keys', async () => {
    const keychain = new FakeKeychain();
    const sealed = keychain.sealedBySyncApi(KEY).toString('base64');
    const account = { baseUrl: credentials.baseUrl, kind: 'api-key', username: 'sample_reader', clientId: null, sealedKey: sealed, savedAt: '2026-01-01T00:00:00Z', verified: true };
    writeFileSync(join(dir, 'accounts.json'), JSON.stringify({ version: 1, cipher: 'os-keychain', accounts: { 'forum.example.org': account } }));
    expect((await launch(keychain).store.credentialsFor('forum.example.org'))?.key).toBe(KEY);
  });

  it('a key the keychain has since rotated is sealed again under the new key and saved, once', async () => {
    const keychain = new FakeKeychain();
    await launch(keychain).store.save('forum.example.org', credentials, true);
    expect(tagOf('forum.example.org')).toBe('v11');
    keychain.rotate();
    const rotated = launch(keychain);
    expect(await rotated.store.credentialsFor('forum.example.org')).toEqual(credentials);
    expect(tagOf('forum.example.org')).toBe('v12');
    const next = launch(keychain);
    expect((await next.store.credentialsFor('forum.example.org'))?.key).toBe(KEY);
    expect(next.calls.encrypt.mock.calls.filter(([plain]) => plain === KEY)).toHaveLength(0);
  });

  it('a key that cannot be saved again after a rotation is kept as it was, and still opens', async () => {
    const keychain = new FakeKeychain();
    await launch(keychain).store.save('forum.example.org', credentials, true);
    const before = readFileSync(join(dir, 'accounts.json'), 'utf8');
    keychain.rotate();
    // The file is written through a temporary one; a folder in its place makes the write fail.
    mkdirSync(join(dir, 'accounts.json.tmp'));
    const rotated = launch(keychain);
    expect((await rotated.store.credentialsFor('forum.example.org'))?.key).toBe(KEY);
    expect(rotated.warnings.at(-1)).toMatch(/could not be sealed again.*kept as it was/);
    expect(readFileSync(join(dir, 'accounts.json'), 'utf8')).toBe(before);
    // In memory too: the next save writes the old sealing, which still opens.
    await rotated.store.remove('nothing-here');
    rmSync(join(dir, 'accounts.json.tmp'), { recursive: true });
    await rotated.store.save('other.example.org', { ...credentials, baseUrl: 'https://other.example.org' }, true);
    expect(tagOf('forum.example.org')).toBe('v11');
    expect((await launch(keychain).store.credentialsFor('forum.example.org'))?.key).toBe(KEY);
  });

  it('a key saved while an older one is being sealed again is the one kept', async () => {
    const keychain = new FakeKeychain();
    await launch(keychain).store.save('forum.example.org', credentials, true);
    keychain.rotate();
    const { store } = launch(keychain);
    const reading = store.credentialsFor('forum.example.org');
    const saving = store.save('forum.example.org', { ...credentials, key: 'new-key' }, true);
    await Promise.all([reading, saving]);
    expect((await store.credentialsFor('forum.example.org'))?.key).toBe('new-key');
    expect((await launch(keychain).store.credentialsFor('forum.example.org'))?.key).toBe('new-key');
  });

  it('a key another computer’s keychain sealed is asked for again, not guessed', async () => {
    await launch(new FakeKeychain()).store.save('forum.example.org', credentials, true);
    const elsewhere = launch(new FakeKeychain());
    expect(await elsewhere.store.credentialsFor('forum.example.org')).toBeNull();
    expect(elsewhere.warnings.at(-1)).toMatch(/cannot be unsealed any more.*enter it again/);
  });

  it('a key whose keyring is locked just now is kept, and the warning says to try again', async () => {
    const keychain = new FakeKeychain();
    await launch(keychain).store.save('forum.example.org', credentials, true);
    const before = readFileSync(join(dir, 'accounts.json'), 'utf8');
    keychain.rotate();
    keychain.locked.add('v11');
    const locked = launch(keychain);
    expect(await locked.store.credentialsFor('forum.example.org')).toBeNull();
    expect(locked.warnings.at(-1)).toMatch(/cannot reach the key.*it is kept: try again/);
    expect(readFileSync(join(dir, 'accounts.json'), 'utf8')).toBe(before);
    keychain.locked.clear();
    expect((await launch(keychain).store.credentialsFor('forum.example.org'))?.key).toBe(KEY);
  });
});
