// The reader's numbers for what a news server names by strings. A thread, a post and a group are
// numbers in shared/model (Discourse's ids); here each is derived from the server's own name for
// it, so the same article has the same id in every group, run and reader: a crosspost is one post,
// and a thread is its root's Message-ID even after the root has expired.
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { forumIdFor } from '../../../shared/model';
import type { NntpAddress } from './nntp-address';

/** RFC 3977 §3.6: a message-id is 3 to 250 octets, "<…>", without whitespace. */
export function isMessageId(value: string): boolean {
  return /^<[^<>\s]{1,248}>$/.test(value);
}

/**
 * 52 bits of SHA-256: exact as a JavaScript number, and two of a million articles share one with
 * a chance of about 1 in 10,000.
 */
function numberFor(kind: string, name: string): number {
  const digest = createHash('sha256').update(`${kind}\0${name}`).digest();
  return Number(digest.readBigUInt64BE(0) >> 12n);
}

/** A post's remoteId, and a thread's when the article is the thread's root. */
export const articleNumberFor = (messageId: string): number => numberFor('article', messageId);
export const groupNumberFor = (group: string): number => numberFor('group', group);

/** nntp://host:port or nntps://host:port, the port always written: the forum's one address. */
export function newsBaseUrl(address: NntpAddress): string {
  const host = isIP(address.host) === 6 ? `[${address.host}]` : address.host.toLowerCase();
  return `${address.tls ? 'nntps' : 'nntp'}://${host}:${address.port}`;
}

export const newsForumId = (address: NntpAddress): string => forumIdFor(newsBaseUrl(address));

/**
 * A reply's Message-ID, fixed when it was queued (its client id is a random UUID made then) and
 * the same on every attempt, so a server that has it answers "441 435" instead of posting twice.
 * The right side names the server it was posted to (an address literal for an IP).
 */
export function replyMessageId(clientId: string, address: NntpAddress): string {
  const right = isIP(address.host) ? `[${address.host}]` : address.host.toLowerCase();
  const id = `<reader.${clientId}@${right}>`;
  // A host name too long for the 250 octets (§3.6) gets a fixed stand-in: still the same each time.
  return isMessageId(id) ? id : `<reader.${clientId}@news.invalid>`;
}
