// A reply as a news article (RFC 5536 §3): From from the identity the person gave for the server,
// Newsgroups and References from the article answered (§3.4.4: its References, then its own
// Message-ID), a Message-ID made once when the reply is queued, and a plain-text UTF-8 body in
// format=flowed (RFC 3676), sent 8bit, or quoted-printable when a line would pass 998 octets.
import { randomBytes } from 'node:crypto';
import { baseSubject } from './threading';
import { flow } from './format-flowed';
import { encodeQuotedPrintable } from './transfer-encoding';

export interface NewsIdentity {
  displayName: string;
  email: string;
}

export interface AnsweredArticle {
  messageId: string;
  subject: string;
  newsgroups: string[];
  references: string[];
  /** Followup-To (RFC 5536 §3.2.6): where replies go instead of Newsgroups, unless "poster". */
  followupTo?: string | null;
}

export interface ReplyDraft {
  identity: NewsIdentity;
  answered: AnsweredArticle;
  /** From newMessageId when the reply was queued; the same on every attempt. */
  messageId: string;
  text: string;
  date: Date;
}

/** A Message-ID that is unique without asking anyone: time, 96 random bits, the sender's domain. */
export function newMessageId(email: string, now: Date = new Date()): string {
  const domain = /@([A-Za-z0-9.-]+)$/.exec(email)?.[1] ?? 'reader.invalid';
  return `<${now.getTime().toString(36)}.${randomBytes(12).toString('hex')}@${domain}>`;
}

export class ReplyArticleError extends Error {}

/** RFC 5537 §3.4.4: a References line may be shortened, keeping the first and the last ids. */
const MAX_REFERENCES = 20;

export function buildReplyArticle(draft: ReplyDraft): Buffer {
  const { identity, answered } = draft;
  if (!/^[^\s@<>()",;]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(identity.email)) {
    throw new ReplyArticleError(`"${identity.email}" is not an email address; set one for this server before replying.`);
  }
  if (/[\r\n]/.test(identity.displayName)) throw new ReplyArticleError('The display name may not contain a line break.');
  const followup = answered.followupTo?.trim();
  const groups = followup && followup.toLowerCase() !== 'poster' ? followup.split(/[\s,]+/) : answered.newsgroups;
  if (groups.length === 0 || groups.some((group) => !/^[^\s,]+$/.test(group))) throw new ReplyArticleError('The article answered names no newsgroup to reply in.');
  const chain = [...answered.references, answered.messageId];
  const references = chain.length > MAX_REFERENCES ? [chain[0]!, ...chain.slice(-(MAX_REFERENCES - 1))] : chain;

  const body = `${flow(draft.text.replace(/\s+$/, ''))}\r\n`;
  const longLine = body.split('\r\n').some((line) => Buffer.byteLength(line) > 998);
  const ascii = /^[\x00-\x7f]*$/.test(body);
  const encoding = longLine ? 'quoted-printable' : ascii ? '7bit' : '8bit';
  const head = [
    `From: ${formatAddress(identity)}`,
    `Newsgroups: ${groups.join(',')}`,
    `Subject: ${encodeHeaderText(`Re: ${originalSubject(answered.subject)}`)}`,
    `Date: ${draft.date.toUTCString()}`,
    `Message-ID: ${draft.messageId}`,
    foldIds('References', references),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8; format=flowed',
    `Content-Transfer-Encoding: ${encoding}`,
  ];
  return Buffer.from(`${head.join('\r\n')}\r\n\r\n${encoding === 'quoted-printable' ? `${encodeQuotedPrintable(body)}` : body}`, 'utf8');
}

/** The subject without its "Re:" prefixes, as written (case kept). */
function originalSubject(subject: string): string {
  const base = baseSubject(subject);
  const at = subject.toLowerCase().lastIndexOf(base);
  return base && at !== -1 ? subject.slice(at, at + base.length) : subject.trim();
}

function formatAddress({ displayName, email }: NewsIdentity): string {
  const name = displayName.trim();
  if (!name) return email;
  if (!/^[\x20-\x7e]*$/.test(name)) return `${encodeHeaderText(name)} <${email}>`;
  return /^[A-Za-z0-9 !#$%&'*+\-/=?^_`{|}~]*$/.test(name) ? `${name} <${email}>` : `"${name.replace(/(["\\])/g, '\\$1')}" <${email}>`;
}

/** RFC 2047 B words for non-ASCII text, each under 75 characters, never splitting a character. */
export function encodeHeaderText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word).toString('base64')}?=`).join('\r\n ');
}

function foldIds(name: string, ids: string[]): string {
  const lines: string[] = [];
  let line = `${name}:`;
  for (const id of ids) {
    if (line.length + id.length + 1 > 78 && !line.endsWith(':')) {
      lines.push(line);
      line = '';
    }
    line += ` ${id}`;
  }
  lines.push(line);
  return lines.join('\r\n');
}
