// Per-forum credentials for posting, kept by main only. The file holds who posts where in the
// clear and each key sealed by a SecretCipher, named beside it, so a key is always opened the way it
// was sealed: a launch without the keychain neither loses nor re-seals keys the keychain holds. It
// is written whole (temp file + rename) with mode 0600, so a crash mid-write leaves the old file
// and no other user can read either.
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { ACCOUNT_KINDS, NewsIdentitySchema, type AccountKind, type ForumAccount, type NewsIdentity } from '../../shared/replies';
import { KeyOutOfReach, type OpenedSecret, type SecretCipher } from './secret-cipher';
import { makePrivateDir } from '../private-files';

/** Everything needed to act as the account. Never leaves main. */
export interface Credentials {
  kind: AccountKind;
  username: string;
  key: string;
  /** The User-Api-Client-Id a User API Key was issued for; null for admin API keys. */
  clientId: string | null;
  baseUrl: string;
  /** A news account's From (its `key` is the password, '' when the server asks for none). */
  identity?: NewsIdentity;
}

const SavedAccountSchema = v.object({
  baseUrl: v.string(),
  kind: v.picklist(ACCOUNT_KINDS),
  username: v.string(),
  clientId: v.nullable(v.string()),
  sealedKey: v.string(),
  /** The SecretCipher kind that sealed the key; absent in files written before it was kept per key. */
  cipher: v.optional(v.string()),
  savedAt: v.string(),
  verified: v.boolean(),
  identity: v.optional(NewsIdentitySchema),
});
type SavedAccount = v.InferOutput<typeof SavedAccountSchema> & { cipher: string };

const AccountsFileSchema = v.object({
  version: v.literal(1),
  cipher: v.string(),
  accounts: v.record(v.string(), SavedAccountSchema),
});

const FILE = 'accounts.json';

export interface AccountStoreOptions {
  /** Where accounts.json lives; null keeps accounts in memory only. */
  dir: string | null;
  /** Seals new keys (the OS keychain in the desktop program). */
  cipher: SecretCipher;
  /**
   * Always available (the key file): seals the sample forum's key, which guards only a loopback
   * server, so starting never touches the keychain; and new keys when `cipher` is not available.
   * Defaults to `cipher`.
   */
  local?: SecretCipher;
  warn?: (message: string) => void;
}

export class AccountStore {
  private readonly accounts = new Map<string, SavedAccount>();
  private readonly warn: (message: string) => void;
  /**
   * Changes run one after another, each from what the one before left: sealing now waits on the
   * keychain, and a save must not interleave with a removal or a re-seal of the same account.
   * Reads wait for the changes begun before them.
   */
  private changes: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: AccountStoreOptions) {
    this.warn = options.warn ?? ((message) => console.warn(message));
    this.load();
  }

  private get local(): SecretCipher {
    return this.options.local ?? this.options.cipher;
  }

  async credentialsFor(forumId: string): Promise<Credentials | null> {
    await this.changes;
    const saved = this.accounts.get(forumId);
    if (!saved) return null;
    const opened = await this.unseal(forumId, saved);
    if (opened?.stale) await this.reseal(forumId, saved, opened.cipher, opened.credentials.key);
    return opened?.credentials ?? null;
  }

  private async unseal(forumId: string, saved: SavedAccount): Promise<{ credentials: Credentials; stale: boolean; cipher: SecretCipher } | null> {
    const cipher = this.cipherOf(saved);
    if (!cipher) {
      this.warn(`accounts: the key for ${forumId} was sealed with ${saved.cipher}, which this program does not have; enter it again`);
      return null;
    }
    if (!(await cipher.isAvailable())) {
      this.warn(`accounts: the key for ${forumId} is sealed by the system keychain, which is not available now (a locked or missing keyring); unlock it and restart the reader, or enter the key again`);
      return null;
    }
    let opened: OpenedSecret;
    try {
      opened = await cipher.open(saved.sealedKey);
    } catch (error) {
      this.warn(
        error instanceof KeyOutOfReach
          ? `accounts: the system keychain cannot reach the key for ${forumId} just now (${error.message}); it is kept: try again, or unlock the keyring`
          : `accounts: the key for ${forumId} cannot be unsealed any more (was it saved on another machine?); enter it again`,
      );
      return null;
    }
    const credentials: Credentials = {
      kind: saved.kind,
      username: saved.username,
      clientId: saved.clientId,
      baseUrl: saved.baseUrl,
      key: opened.plain,
      ...(saved.identity && { identity: saved.identity }),
    };
    return { credentials, stale: opened.stale, cipher };
  }

  private cipherOf(saved: SavedAccount): SecretCipher | undefined {
    return [this.options.cipher, this.local].find((candidate) => candidate.kind === saved.cipher);
  }

  /**
   * The keychain rotated its key (safeStorage's shouldReEncrypt): the key is sealed again under the
   * new one and saved. Until that is written the old sealing stays, in memory and on disk, and still
   * opens; if it cannot be written it stays for good.
   */
  private reseal(forumId: string, saved: SavedAccount, cipher: SecretCipher, key: string): Promise<void> {
    return this.serially(async () => {
      // Saved again or removed meanwhile: that change stands.
      if (this.accounts.get(forumId) !== saved) return;
      try {
        this.accounts.set(forumId, { ...saved, sealedKey: await cipher.seal(key) });
        this.persist();
      } catch (error) {
        this.accounts.set(forumId, saved);
        this.warn(`accounts: the key for ${forumId} could not be sealed again after the system keychain changed keys (${String(error)}); it is kept as it was, which still opens`);
      }
    });
  }

  async describe(forumId: string): Promise<ForumAccount | null> {
    await this.changes;
    return this.described(forumId);
  }

  private described(forumId: string): ForumAccount | null {
    const saved = this.accounts.get(forumId);
    if (!saved) return null;
    return { forumId, kind: saved.kind, username: saved.username, savedAt: saved.savedAt, verified: saved.verified, ...(saved.identity && { identity: saved.identity }) };
  }

  save(forumId: string, credentials: Credentials, verified: boolean): Promise<ForumAccount> {
    return this.serially(async () => {
      let cipher = this.options.cipher;
      if (!(await cipher.isAvailable())) {
        cipher = this.local;
        this.warn(`accounts: the system keychain is not available; the key for ${forumId} is sealed with ${cipher.kind} instead`);
      }
      return this.store(forumId, credentials, verified, cipher);
    });
  }

  /**
   * Saves the sample forum's account unless the same credentials are already there (at every
   * start), sealed with the local cipher.
   */
  ensure(forumId: string, credentials: Credentials): Promise<void> {
    return this.serially(async () => {
      const saved = this.accounts.get(forumId);
      const current = saved?.cipher === this.local.kind ? (await this.unseal(forumId, saved))?.credentials : null;
      const same = current && current.key === credentials.key && current.username === credentials.username && current.kind === credentials.kind && current.baseUrl === credentials.baseUrl;
      if (!same) await this.store(forumId, credentials, true, this.local);
    });
  }

  private async store(forumId: string, credentials: Credentials, verified: boolean, cipher: SecretCipher): Promise<ForumAccount> {
    const sealedKey = await cipher.seal(credentials.key);
    this.accounts.set(forumId, {
      baseUrl: credentials.baseUrl,
      kind: credentials.kind,
      username: credentials.username,
      clientId: credentials.clientId,
      sealedKey,
      cipher: cipher.kind,
      savedAt: new Date().toISOString(),
      verified,
      ...(credentials.identity && { identity: credentials.identity }),
    });
    this.persist();
    return this.described(forumId) as ForumAccount;
  }

  private serially<T>(change: () => Promise<T>): Promise<T> {
    const done = this.changes.then(change);
    // A failed change is its caller's to report; the next one still runs.
    this.changes = done.catch(() => {});
    return done;
  }

  remove(forumId: string): Promise<void> {
    return this.serially(async () => {
      if (this.accounts.delete(forumId)) this.persist();
    });
  }

  private path(): string | null {
    return this.options.dir === null ? null : join(this.options.dir, FILE);
  }

  private load(): void {
    const path = this.path();
    if (path === null || !existsSync(path)) return;
    let parsed: v.InferOutput<typeof AccountsFileSchema>;
    try {
      const result = v.safeParse(AccountsFileSchema, JSON.parse(readFileSync(path, 'utf8')));
      if (!result.success) throw new Error(result.issues[0]?.message);
      parsed = result.output;
    } catch (error) {
      this.warn(`accounts: ${path} is unreadable (${String(error)}); starting with no accounts and keeping the file as ${FILE}.unreadable`);
      renameSync(path, `${path}.unreadable`);
      return;
    }
    // Each key keeps the cipher that sealed it; older files named one for all.
    for (const [forumId, account] of Object.entries(parsed.accounts)) this.accounts.set(forumId, { ...account, cipher: account.cipher ?? parsed.cipher });
  }

  private persist(): void {
    const path = this.path();
    if (path === null || this.options.dir === null) return;
    makePrivateDir(this.options.dir);
    const body = JSON.stringify({ version: 1, cipher: this.options.cipher.kind, accounts: Object.fromEntries(this.accounts) }, null, 2);
    const temp = `${path}.tmp`;
    writeFileSync(temp, `${body}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, path);
  }
}
