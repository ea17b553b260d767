// One article's bytes (as ARTICLE returns them) to what the reader stores and shows: decoded
// From and Subject (RFC 2047), ids for threading, and a plain-text body model (MIME, RFC 2045-2049;
// format=flowed, RFC 3676). Nothing in an article fails the whole: what could not be read as
// declared is read a safer way and named in `problems`.
import { decodeCharset } from './charset';
import { parseContentType, parseParameters, type ContentType } from './content-type';
import { decodeEncodedWords } from './encoded-words';
import { quoteLevels, unflow, type QuotedLine } from './format-flowed';
import { splitArticle, type Headers } from './article-headers';
import { toPlainBody, type PlainBody } from './plain-body';
import { decodeTransfer } from './transfer-encoding';

export interface Author {
  name: string;
  email: string | null;
}

export interface ArticleAttachment {
  filename: string | null;
  mediaType: string;
  bytes: number;
}

export interface ReadArticle {
  messageId: string | null;
  subject: string;
  from: Author;
  /** ISO 8601, or null when the Date header does not parse. */
  date: string | null;
  newsgroups: string[];
  /** Oldest first, as References lists them (RFC 5536 §3.4.4). */
  references: string[];
  inReplyTo: string | null;
  body: PlainBody;
  attachments: ArticleAttachment[];
  problems: string[];
}

/** Deeper nesting or more parts than this is hostile, not mail; the rest is left unread. */
const MAX_DEPTH = 8;
const MAX_PARTS = 200;

export function readArticle(article: Buffer): ReadArticle {
  const { headers, body } = splitArticle(article);
  const walk: Walk = { lines: [], attachments: [], problems: [], parts: 0 };
  readEntity(headers, body, walk, 0);
  return {
    messageId: messageIds(headers.get('message-id'))[0] ?? null,
    subject: decodeEncodedWords(headers.get('subject') ?? ''),
    from: parseAuthor(headers.get('from') ?? ''),
    date: parseDate(headers.get('date')),
    newsgroups: (headers.get('newsgroups') ?? '').split(/[\s,]+/).filter(Boolean),
    references: messageIds(headers.get('references')),
    inReplyTo: messageIds(headers.get('in-reply-to'))[0] ?? null,
    body: toPlainBody(walk.lines),
    attachments: walk.attachments,
    problems: walk.problems,
  };
}

export function messageIds(value: string | null): string[] {
  return value?.match(/<[^<>\s]+>/g) ?? [];
}

/** "Name <a@b>", "a@b (Name)" or "a@b" (RFC 5322 §3.4, RFC 1036's old form). */
export function parseAuthor(value: string): Author {
  const decoded = decodeEncodedWords(value).trim();
  const angle = /^(.*?)\s*<([^<>\s]+)>\s*$/.exec(decoded);
  if (angle) return { name: unquote(angle[1]!) || angle[2]!, email: angle[2]! };
  const comment = /^(\S+@\S+)\s*\((.*)\)\s*$/.exec(decoded);
  if (comment) return { name: comment[2]!.trim() || comment[1]!, email: comment[1]! };
  if (/^\S+@\S+$/.test(decoded)) return { name: decoded, email: decoded };
  return { name: decoded || 'unknown', email: null };
}

function unquote(name: string): string {
  return name.trim().replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1').trim();
}

function parseDate(value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

interface Walk {
  lines: QuotedLine[];
  attachments: ArticleAttachment[];
  problems: string[];
  parts: number;
}

function readEntity(headers: Headers, body: Buffer, walk: Walk, depth: number): void {
  walk.parts += 1;
  const type = parseContentType(headers.get('content-type'));
  const disposition = parseParameters(headers.get('content-disposition') ?? '');
  const filename = disposition.params.get('filename') ?? type.params.get('name') ?? null;
  const boundary = type.params.get('boundary');
  if (type.mediaType.startsWith('multipart/') && boundary) {
    const parts = splitMultipart(body, boundary);
    if (depth >= MAX_DEPTH || walk.parts + parts.length > MAX_PARTS) {
      walk.problems.push('The article nests too many MIME parts; the rest were not read.');
      return;
    }
    const chosen = type.mediaType === 'multipart/alternative' ? [preferPlainText(parts)] : parts;
    for (const part of chosen) readEntity(part.headers, part.body, walk, depth + 1);
    return;
  }
  const decoded = decodeTransfer(body, headers.get('content-transfer-encoding'));
  const isText = type.mediaType === 'text/plain' || type.mediaType === 'text/html';
  if (!isText || disposition.first.toLowerCase() === 'attachment') {
    walk.attachments.push({ filename: filename ? decodeEncodedWords(filename) : null, mediaType: type.mediaType, bytes: decoded.length });
    return;
  }
  const { text, problem } = decodeCharset(decoded, type.params.get('charset') ?? null);
  if (problem) walk.problems.push(problem);
  if (walk.lines.length > 0) walk.lines.push({ quote: 0, text: '' });
  walk.lines.push(...textLines(type, type.mediaType === 'text/html' ? htmlToText(text) : text));
}

function textLines(type: ContentType, text: string): QuotedLine[] {
  const body = text.replace(/\r?\n$/, '');
  if (type.params.get('format')?.toLowerCase() === 'flowed') return unflow(body, type.params.get('delsp')?.toLowerCase() === 'yes');
  return quoteLevels(body);
}

function preferPlainText(parts: Array<{ headers: Headers; body: Buffer }>): { headers: Headers; body: Buffer } {
  // RFC 2046 §5.1.4: parts go from plainest to richest; the reader wants the plain one.
  return parts.find((part) => parseContentType(part.headers.get('content-type')).mediaType === 'text/plain') ?? parts[0]!;
}

/** RFC 2046 §5.1.1: parts between "--boundary" lines, up to "--boundary--". */
function splitMultipart(body: Buffer, boundary: string): Array<{ headers: Headers; body: Buffer }> {
  const text = body.toString('latin1');
  const delimiter = `--${boundary}`;
  const parts: Array<{ headers: Headers; body: Buffer }> = [];
  const lines = text.split(/\r?\n/);
  let current: string[] | null = null;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed === delimiter || trimmed === `${delimiter}--`) {
      if (current) parts.push(splitArticle(Buffer.from(current.join('\r\n'), 'latin1')));
      if (trimmed !== delimiter) return parts;
      current = [];
    } else {
      current?.push(line);
    }
  }
  if (current) parts.push(splitArticle(Buffer.from(current.join('\r\n'), 'latin1')));
  return parts;
}

/** An HTML-only part as plain text: tags dropped, line breaks kept. Nothing of it is rendered. */
function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
