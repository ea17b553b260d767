// What a news server's failure means to a person, in the closed set of codes the renderer maps to
// words (shared/api.ts ERROR_CODES). The messages are already the person's words (nntp-errors.ts).
import type { AppErrorInfo } from '../../../shared/api';
import { AppError } from '../../../shared/api';
import { NntpAddressError } from './nntp-address';
import { NntpError, type NntpErrorCode } from './nntp-errors';
import { ReplyArticleError } from './reply-article';

const CODES: Record<NntpErrorCode, AppErrorInfo['code']> = {
  unavailable: 'server_error',
  timeout: 'timeout',
  unreachable: 'unreachable',
  'auth-required': 'login_required',
  'auth-refused': 'forbidden',
  // A certificate that does not fit, or a broken handshake: not fixed by waiting.
  'tls-failed': 'forbidden',
  'too-large': 'too_large',
  'no-such-group': 'not_found',
  protocol: 'bad_response',
};

export function describeNntpError(error: unknown): AppErrorInfo | null {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  if (error instanceof NntpError) return { code: CODES[error.code], message: error.message };
  if (error instanceof NntpAddressError) return { code: 'invalid_address', message: error.message };
  if (error instanceof ReplyArticleError) return { code: 'invalid_request', message: error.message };
  return null;
}

/** Failures of the whole server, not of one group or article: a sync stops on them. */
export function isServerWide(error: unknown): boolean {
  if (error instanceof NntpError) return ['unavailable', 'timeout', 'unreachable', 'auth-required', 'auth-refused', 'tls-failed'].includes(error.code);
  return error instanceof AppError && ['unreachable', 'timeout', 'offline', 'server_error', 'login_required', 'forbidden'].includes(error.code);
}
