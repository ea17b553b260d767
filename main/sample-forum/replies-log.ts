// Replies and topics created through the API outlive a restart: each one is appended to
// <dataDir>/sample-forum/replies.jsonl and replayed into the fresh store at start-up. The seed
// itself is never written, so changing it cannot conflict with saved state.
import { appendFileSync, existsSync, readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
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

const id = v.pipe(v.number(), v.integer());
const ContributionSchema = v.variant('kind', [
  v.object({
    kind: v.literal('reply'),
    id,
    topicId: id,
    postNumber: id,
    username: v.string(),
    raw: v.string(),
    replyToPostNumber: v.nullable(id),
    createdAt: v.string(),
  }),
  v.object({
    kind: v.literal('topic'),
    id,
    postId: id,
    title: v.string(),
    categoryId: id,
    username: v.string(),
    raw: v.string(),
    createdAt: v.string(),
  }),
]);

function parseContribution(line: string): Contribution | null {
  try {
    const parsed = v.safeParse(ContributionSchema, JSON.parse(line));
    return parsed.success ? parsed.output : null;
  } catch {
    // Not JSON: a line cut short or edited by hand. The caller warns and skips it.
    return null;
  }
}
