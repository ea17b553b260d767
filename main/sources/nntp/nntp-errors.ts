// What can go wrong talking to a news server, each with words a person can act on. `retryable`
// says whether a fresh connection after a pause may succeed (RFC 3977 §3.2.1: 400 and 502 mean
// the service is unavailable for now).
import { formatBytes } from './nntp-limits';

export type NntpErrorCode =
  | 'unavailable' // 400, 502, or the server closed the connection
  | 'timeout'
  | 'unreachable' // could not connect at all
  | 'auth-required' // 480 and no credentials were given
  | 'auth-refused' // 481, 482
  | 'tls-failed' // STARTTLS offered but the upgrade failed
  | 'too-large' // a line or a response past its limit
  | 'no-such-group' // 411
  | 'protocol'; // an answer that does not follow RFC 3977

export class NntpError extends Error {
  constructor(
    readonly code: NntpErrorCode,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'NntpError';
  }
}

export class NntpTooLargeError extends NntpError {
  constructor(
    what: string,
    readonly limitBytes: number,
  ) {
    super('too-large', `${what} is larger than the reader takes (${formatBytes(limitBytes)}); it was skipped.`, false);
    this.name = 'NntpTooLargeError';
  }
}
