// Replies and topics created through the API outlive a restart: each one is appended to
// <dataDir>/sample-forum/replies.jsonl and replayed into the fresh store at start-up. The seed
// itself is never written, so changing it cannot conflict with saved state.
import { appendFileSync, existsSync, readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateDir, narrowToOwner, PRIVATE_FILE_MODE } from '../private-files';
import type { Contribution } from './forum-records';

export type Warn = (message: string) => void;

export class RepliesLog {
  private constructor(readonly path: string) {}

  /**
   * Reads the saved contributions. A crash mid-append leaves a partial last line: it is skipped
   * with a warning and cut off, so the next append starts on a fresh line.
   */
  static open(dataDir: string, warn: Warn): { log: RepliesLog; saved: Contribution[] } {
    const dir = join(dataDir, 'sample-forum');
    makePrivateDir(dir);
    const path = join(dir, 'replies.jsonl');
    const saved: Contribution[] = [];
    if (!existsSync(path)) return { log: new RepliesLog(path), saved };
    narrowToOwner(path);

    const text = readFileSync(path, 'utf8');
    const completeLength = text.lastIndexOf('\n') + 1;
    if (completeLength < text.length) {
      warn(`sample forum: ignoring a truncated last line in ${path}`);
      truncateSync(path, Buffer.byteLength(text.slice(0, completeLength)));
    }
    text
      .slice(0, completeLength)
      .split('\n')
      .forEach((line, index) => {
        if (line.trim() === '') return;
        const parsed = parseContribution(line);
        if (parsed) saved.push(parsed);
        else warn(`sample forum: skipping unreadable line ${index + 1} of ${path}`);
      });
    return { log: new RepliesLog(path), saved };
  }

  append(contribution: Contribution): void {
    appendFileSync(this.path, `${JSON.stringify(contribution)}\n`, { mode: PRIVATE_FILE_MODE });
  }
}

function parseContribution(line: string): Contribution | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const entry = value as Record<string, unknown>;
  const numbers = (...keys: string[]): boolean => keys.every((k) => Number.isInteger(entry[k]));
  const strings = (...keys: string[]): boolean => keys.every((k) => typeof entry[k] === 'string');
  if (entry['kind'] === 'reply' && numbers('id', 'topicId', 'postNumber') && strings('username', 'raw', 'createdAt')) {
    const replyTo = entry['replyToPostNumber'];
    if (replyTo !== null && !Number.isInteger(replyTo)) return null;
    return value as Contribution;
  }
  if (entry['kind'] === 'topic' && numbers('id', 'postId', 'categoryId') && strings('title', 'username', 'raw', 'createdAt')) {
    return value as Contribution;
  }
  return null;
}
