// forum-reader:// links: what other programs (a browser, a chat, a note) hand the reader to open a
// thread. The link names the thread as the reader stores it, so it means the same on every machine:
//
//   forum-reader://<forum id>/t/<topic id>[/<post number>]
//   forum-reader://meta.discourse.org/t/12345/7      forum "meta.discourse.org", post 7
//   forum-reader://example.org/forum/t/99            a forum served under /forum
//   forum-reader://sample/t/1                        the bundled sample forum
//
// The text comes from outside (command line, the OS), so it is parsed strictly: anything that is
// not exactly this shape is refused, and only a thread id and a post number leave this module.
import { threadIdFor } from '../../../shared/model';

export const LINK_SCHEME = 'forum-reader';

export interface ThreadLink {
  threadId: string;
  postNumber: number | null;
}

const MAX_LINK_LENGTH = 2048;
/** Highest Discourse topic id / post number we accept: ids are Postgres integers. */
const MAX_ID = 2 ** 31 - 1;
const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/;
const PATH = /^((?:\/[A-Za-z0-9._~-]+)*?)\/t\/([1-9]\d{0,9})(?:\/([1-9]\d{0,9}))?\/?$/;

/** The thread a forum-reader:// link names, or null when the text is not such a link. */
export function parseThreadLink(raw: unknown): ThreadLink | null {
  if (typeof raw !== 'string' || raw.length > MAX_LINK_LENGTH) return null;
  // No spaces or control characters anywhere: URL parsing would quietly drop some of them.
  if (/[\s\u0000-\u001f\u007f]/.test(raw)) return null;
  if (!raw.toLowerCase().startsWith(`${LINK_SCHEME}://`)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.username || url.password || url.search || url.hash) return null;
  const host = url.host.toLowerCase();
  if (!HOST.test(host)) return null;
  const port = url.port === '' ? null : Number(url.port);
  if (port !== null && (port < 1 || port > 65535)) return null;
  // Read the path from the raw text too: URL parsing resolves "..", which must not change the id.
  const rawPath = raw.slice(`${LINK_SCHEME}://`.length + url.host.length);
  if (rawPath !== url.pathname) return null;
  const match = PATH.exec(url.pathname);
  if (!match) return null;
  const [, prefix = '', topic = '', post] = match;
  if (prefix.split('/').some((segment) => segment === '.' || segment === '..')) return null;
  const topicId = Number(topic);
  const postNumber = post === undefined ? null : Number(post);
  if (topicId > MAX_ID || (postNumber !== null && postNumber > MAX_ID)) return null;
  return { threadId: threadIdFor(`${host}${prefix}`, topicId), postNumber };
}

/**
 * The first argument that is a forum-reader:// link, as Windows and Linux pass a link to the
 * program they start (and to the running instance through `second-instance`). Other arguments
 * (Chromium switches, the app path) are ignored.
 */
export function findThreadLinkArgument(argv: readonly string[]): string | null {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${LINK_SCHEME}:`)) ?? null;
}
