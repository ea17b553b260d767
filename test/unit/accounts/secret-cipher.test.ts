import { describe, expect, it, vi } from 'vitest';
import { createSafeStorageCipher, KeyOutOfReach } from '../../../main/accounts/secret-cipher';
import { FakeApp, FakeKeychain, FakeSafeStorage } from '../hosts/electron/electron-stand-in';

type Platform = ConstructorParameters<typeof FakeSafeStorage>[2];
const GNOME: Platform = { platform: 'linux', backend: 'gnome_libsecret' };

/** One launch of the desktop program on a computer with `keychain`. */
function launch(keychain: FakeKeychain, platform: Platform = GNOME, options: { ready?: boolean } = {}) {
  const app = new FakeApp();
  if (options.ready ?? true) app.ready();
  const safeStorage = new FakeSafeStorage(app, keychain, platform);
  return { app, safeStorage, cipher: createSafeStorageCipher(safeStorage) };
}
const tagOf = (sealed: string) => Buffer.from(sealed, 'base64').subarray(0, 3).toString('latin1');

describe('the keychain cipher (safeStorage’s asynchronous API)', () => {
  it('seals with the keychain’s key and opens what it sealed in a later launch', async () => {
    const keychain = new FakeKeychain();
    const first = launch(keychain);
    expect(await first.cipher.isAvailable()).toBe(true);
    const sealed = await first.cipher.seal('s3cret');
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('s3cret');
    expect(tagOf(sealed)).toBe('v11');
    expect(await launch(keychain).cipher.open(sealed)).toEqual({ plain: 's3cret', stale: false });
  });

  it('an empty secret (a news server with no password) seals and opens as empty', async () => {
    const { cipher } = launch(new FakeKeychain());
    expect(await cipher.open(await cipher.seal(''))).toEqual({ plain: '', stale: false });
  });

  it('asked before the app is ready it says no, and yes once it is', async () => {
    const { app, cipher } = launch(new FakeKeychain(), GNOME, { ready: false });
    expect(await cipher.isAvailable()).toBe(false);
    await expect(cipher.seal('s3cret')).rejects.toThrow('before app is ready');
    app.ready();
    expect(await cipher.isAvailable()).toBe(true);
  });

  it('opens what the deprecated encryptString sealed', async () => {
    const keychain = new FakeKeychain();
    const sealed = keychain.sealedBySyncApi('s3cret').toString('base64');
    expect(await launch(keychain).cipher.open(sealed)).toEqual({ plain: 's3cret', stale: false });
  });

  it('says a secret sealed under a key the keychain has since rotated must be sealed again', async () => {
    const keychain = new FakeKeychain();
    const sealed = await launch(keychain).cipher.seal('s3cret');
    keychain.rotate();
    const { cipher } = launch(keychain);
    expect(await cipher.open(sealed)).toEqual({ plain: 's3cret', stale: true });
    const resealed = await cipher.seal('s3cret');
    expect(tagOf(resealed)).toBe('v12');
    expect(await cipher.open(resealed)).toEqual({ plain: 's3cret', stale: false });
  });

  it('refuses a secret another computer’s keychain sealed', async () => {
    const sealed = await launch(new FakeKeychain()).cipher.seal('s3cret');
    const opening = launch(new FakeKeychain()).cipher.open(sealed);
    await expect(opening).rejects.toThrow('Error while decrypting');
    await expect(opening).rejects.not.toBeInstanceOf(KeyOutOfReach);
  });

  it('tells a key out of reach for now (a locked keyring) from a wrong one', async () => {
    const keychain = new FakeKeychain();
    const sealed = await launch(keychain).cipher.seal('s3cret');
    keychain.rotate();
    keychain.locked.add('v11');
    await expect(launch(keychain).cipher.open(sealed)).rejects.toBeInstanceOf(KeyOutOfReach);
  });

  describe('counts as no keychain', () => {
    it('Linux’s basic_text store, without sealing anything with it', async () => {
      const { safeStorage, cipher } = launch(new FakeKeychain(), { platform: 'linux', backend: 'basic_text' });
      const encrypt = vi.spyOn(safeStorage, 'encryptStringAsync');
      expect(await safeStorage.isAsyncEncryptionAvailable()).toBe(true);
      expect(await cipher.isAvailable()).toBe(false);
      expect(encrypt).not.toHaveBeenCalled();
    });

    it('a GNOME desktop whose keyring does not answer, where safeStorage seals with the public key', async () => {
      const keychain = new FakeKeychain();
      keychain.missing = true;
      const { safeStorage, cipher } = launch(keychain);
      expect(await safeStorage.isAsyncEncryptionAvailable()).toBe(true);
      expect((await safeStorage.encryptStringAsync('probe')).subarray(0, 3).toString('latin1')).toBe('v10');
      expect(await cipher.isAvailable()).toBe(false);
    });

    it('a locked keyring on Linux', async () => {
      const keychain = new FakeKeychain();
      keychain.lockAll();
      expect(await launch(keychain).cipher.isAvailable()).toBe(false);
    });

    it('a Mac whose keychain gives no key, though safeStorage says encryption is available', async () => {
      const keychain = new FakeKeychain('v10');
      keychain.missing = true;
      const { safeStorage, cipher } = launch(keychain, { platform: 'darwin' });
      expect(await safeStorage.isAsyncEncryptionAvailable()).toBe(true);
      expect(await cipher.isAvailable()).toBe(false);
    });
  });

  it('on a Mac a key named v10 is the keychain’s own, not the public one', async () => {
    const { cipher } = launch(new FakeKeychain('v10'), { platform: 'darwin' });
    expect(await cipher.isAvailable()).toBe(true);
    expect(tagOf(await cipher.seal('s3cret'))).toBe('v10');
  });
});
