// What the Add forum dialog says when an address cannot be added: main's message says what
// happened; the words here add what the person can do about it.
import type { AppErrorInfo, ForumProbe } from '../../../shared/api';

const NEXT_STEP: Partial<Record<AppErrorInfo['code'], string>> = {
  invalid_address: 'Type the address as it appears in the browser, for example https://meta.discourse.org, or a news server’s, for example nntps://news.example.org.',
  unreachable: 'Check the address for typing mistakes, and that this computer is online.',
  timeout: 'The forum may be busy or down. Try again in a few minutes.',
  not_discourse: 'The reader keeps Discourse forums and news servers (nntp://, nntps:// and news:// addresses) offline. Check that this is the forum’s own address.',
  login_required: 'The reader can keep only forums that anyone may read without logging in.',
  forbidden: 'The forum refused the reader. Try again later.',
  rate_limited: 'Wait a minute, then try again.',
  server_error: 'The forum is having trouble. Try again later.',
  too_large: 'This may not be a real forum, or it is far larger than the reader can keep.',
  bad_response: 'The forum answered something the reader does not understand. It may be a very old or modified Discourse.',
};

export function probeErrorText(error: AppErrorInfo): string {
  const next = NEXT_STEP[error.code];
  return next ? `${error.message} ${next}` : error.message;
}

/** Said before a forum is added whose address sent the reader to another site. */
export function redirectNotice(probe: ForumProbe): string | null {
  if (!probe.redirectedFrom) return null;
  const from = new URL(probe.redirectedFrom).host;
  const to = new URL(probe.baseUrl).origin;
  return `${from} sends its pages from another site, ${to}. The reader will keep the forum from there, and an account you add for it is used only there. Add it only if you trust ${new URL(probe.baseUrl).host}.`;
}
