// What the person wrote to the sample forum, and its account key, are readable by them alone.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RepliesLog } from '../../../main/sample-forum/replies-log';
import { loadOrCreateApiKey } from '../../../main/sample-forum/sample-account';

const modeOf = (path: string) => statSync(path).mode & 0o777;
const reply = { kind: 'reply', id: 50, topicId: 1, postNumber: 19, username: 'sample_reader', raw: 'Only mine to read.', replyToPostNumber: null, createdAt: '2026-01-01T00:00:00.000Z' } as const;

describe.skipIf(process.platform === 'win32')('files that hold what the person wrote', () => {
  let dataDir: string;
  const warn = () => {};
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'reader-private-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('replies.jsonl is created 0600 in a 0700 folder', () => {
    RepliesLog.open(dataDir, warn).log.append(reply);

    expect(modeOf(join(dataDir, 'sample-forum', 'replies.jsonl'))).toBe(0o600);
    expect(modeOf(join(dataDir, 'sample-forum'))).toBe(0o700);
  });

  it('a replies.jsonl and folder an older version left readable to others are narrowed when opened', () => {
    const dir = join(dataDir, 'sample-forum');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'replies.jsonl'), `${JSON.stringify(reply)}\n`, { mode: 0o644 });

    const { saved } = RepliesLog.open(dataDir, warn);

    expect(saved).toEqual([reply]);
    expect(modeOf(join(dir, 'replies.jsonl'))).toBe(0o600);
    expect(modeOf(dir)).toBe(0o700);
  });

  it('the sample account’s key file is 0600, and an older open one is narrowed', () => {
    const path = join(dataDir, 'sample-forum', 'account.json');
    const made = loadOrCreateApiKey(dataDir, warn);
    expect(modeOf(path)).toBe(0o600);

    chmodSync(path, 0o644);
    expect(loadOrCreateApiKey(dataDir, warn)).toEqual(made);
    expect(modeOf(path)).toBe(0o600);
  });
});
