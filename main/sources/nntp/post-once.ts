// Sending a reply exactly once (RFC 3977 §6.3.1): the article keeps the Message-ID it got when
// queued, so a server that already has it says "441 435" instead of posting it twice, and
// before sending again after a failure whose outcome is unknown (the connection dropped after
// the article went out), STAT <message-id> asks whether it arrived (RFC 3977 §6.2.4), as
// leafnode's fetchnews does.
import type { NntpClient } from './nntp-client';
import { NntpError } from './nntp-errors';

export type SendResult =
  | { status: 'sent'; how: 'posted' | 'already-there' | 'found' }
  | { status: 'refused'; reason: string };

/** Sending failed and the article may or may not be on the server; check with STAT next time. */
export class SendUncertainError extends Error {
  constructor(readonly messageId: string, cause: unknown) {
    super(`Could not tell whether reply ${messageId} reached the server (${cause instanceof Error ? cause.message : String(cause)}). It is kept and will be checked before it is sent again.`, { cause });
    this.name = 'SendUncertainError';
  }
}

export interface PostOnceOptions {
  /** True when an earlier attempt may have sent it. */
  mayHaveBeenSent: boolean;
  /** POSTs in this call before giving up as uncertain. */
  attempts?: number;
}

export async function postOnce(client: Pick<NntpClient, 'post' | 'stat'>, article: Buffer, messageId: string, options: PostOnceOptions): Promise<SendResult> {
  let uncertain = options.mayHaveBeenSent;
  let lastError: unknown = null;
  for (let attempt = 0; attempt < (options.attempts ?? 2); attempt++) {
    try {
      if (uncertain && (await client.stat(messageId))) return { status: 'sent', how: 'found' };
      const result = await client.post(article);
      if (result.outcome === 'refused') return { status: 'refused', reason: result.reason };
      return { status: 'sent', how: result.outcome };
    } catch (error) {
      if (!(error instanceof NntpError)) throw error;
      // Refused credentials or a broken address will not mend by trying again.
      if (!error.retryable && error.code !== 'protocol') throw error;
      uncertain = true;
      lastError = error;
    }
  }
  throw new SendUncertainError(messageId, lastError);
}
