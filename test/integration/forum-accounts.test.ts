// Accounts as both hosts keep them: through bootServices, in a real data directory, over the
// contract. The sample forum's account needs no setup; keys never come back out of main.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootServices, type Booted } from '../../main/boot';
import { dispatchCall } from '../../main/dispatch';
import type { CallName } from '../../shared/api';

const quiet = { error: () => {}, warn: () => {}, info: () => {} };

describe('posting accounts', () => {
  let dataDir: string;
  let booted: Booted | null = null;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'accounts-it-'));
  });
  afterEach(async () => {
    await booted?.close();
    booted = null;
    rmSync(dataDir, { recursive: true, force: true });
  });

  const boot = async () => {
    await booted?.close();
    booted = await bootServices({ version: '0.0.0-test', host: 'web', dataDir, emit: () => {}, openExternal: async () => false, log: quiet });
    return booted;
  };
  const call = async (name: CallName, input: unknown) => dispatchCall((booted as Booted).services.handlers, name, input, quiet);

  it('the sample forum’s account is set up by itself on first launch, kept sealed in a file only this user can read', async () => {
    const { sampleForum } = await boot();
    expect(await call('getForumAccount', { forumId: 'sample' })).toEqual({
      ok: true,
      value: expect.objectContaining({ forumId: 'sample', kind: 'api-key', username: 'sample_reader', verified: true }),
    });
    const file = join(dataDir, 'accounts', 'accounts.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain(sampleForum.apiKey.key);

    // A second launch finds it again, and can post with it.
    const again = await boot();
    const sent = await call('sendReply', {
      clientId: 'accounts-it-0001',
      forumId: 'sample',
      topicId: 1377,
      replyToPostNumber: null,
      raw: 'Posted by the account the reader set up for itself.',
      firstAttemptAt: new Date().toISOString(),
      maybeSent: false,
      afterPostNumber: 18,
      claimedPostIds: [],
    });
    expect(sent).toMatchObject({ ok: true, value: { kind: 'sent' } });
    expect(again.sampleForum.apiKey.key).toBe(sampleForum.apiKey.key);
  });

  it('a launch that cannot save the sample forum’s account fails, and says why', async () => {
    // accounts.json is written through a temporary file; a folder in its place makes that fail.
    mkdirSync(join(dataDir, 'accounts', 'accounts.json.tmp'), { recursive: true });
    await expect(boot()).rejects.toThrow(/EISDIR.*accounts\.json\.tmp/);
  });

  it('a key the forum refuses is not saved, and the account in use stays', async () => {
    await boot();
    const refused = await call('setForumAccount', { forumId: 'sample', baseUrl: 'http://ignored', kind: 'api-key', username: 'sample_reader', key: 'not-the-key' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('The API username or key is invalid') } });
    expect(await call('getForumAccount', { forumId: 'sample' })).toMatchObject({ ok: true, value: { username: 'sample_reader' } });
  });

  it('credentials are bound to the forum’s own address', async () => {
    await boot();
    const elsewhere = await call('setForumAccount', { forumId: 'forum.example.org', baseUrl: 'https://evil.example.net', kind: 'api-key', username: 'me', key: 'k' });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('no answer of any account call carries a key', async () => {
    const { sampleForum } = await boot();
    const answers = [
      await call('getForumAccount', { forumId: 'sample' }),
      await call('setForumAccount', { forumId: 'sample', baseUrl: '', kind: 'api-key', username: '', key: sampleForum.apiKey.key }),
      await call('beginUserApiKey', { forumId: 'sample', baseUrl: '' }),
    ];
    for (const answer of answers) {
      expect(answer.ok).toBe(true);
      expect(JSON.stringify(answer)).not.toContain(sampleForum.apiKey.key);
    }
  });
});
