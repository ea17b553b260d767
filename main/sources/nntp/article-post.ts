// A read article as the reader stores it: a Post whose body is plain text (shared/model.ts says
// how: quote depth as ">" marks, the signature after "-- ", attachments listed), ids derived from
// its Message-ID (news-ids.ts).
import { postIdFor, threadIdFor, type Post } from '../../../shared/model';
import { SIGNATURE_SEPARATOR, type QuotedLine } from './format-flowed';
import { formatBytes } from './nntp-limits';
import { articleNumberFor } from './news-ids';
import type { PlainBody } from './plain-body';
import type { ArticleAttachment, Author, ReadArticle } from './read-article';
import { baseSubject } from './threading';

export interface ArticlePlace {
  forumId: string;
  threadRemoteId: number;
  postNumber: number;
  replyToPostNumber: number | null;
  /** When the article's own Date is missing or unreadable. */
  fallbackDate: string;
}

export function articlePost(article: ReadArticle & { messageId: string }, place: ArticlePlace): Post {
  const remoteId = articleNumberFor(article.messageId);
  const date = article.date ?? place.fallbackDate;
  return {
    id: postIdFor(place.forumId, remoteId),
    forumId: place.forumId,
    threadId: threadIdFor(place.forumId, place.threadRemoteId),
    remoteId,
    postNumber: place.postNumber,
    username: authorName(article.from),
    displayName: authorName(article.from),
    avatarUrl: null,
    createdAt: date,
    updatedAt: date,
    version: 1,
    html: plainText(article.body, article.attachments),
    bodyFormat: 'plain',
    remoteKey: article.messageId,
    replyToPostNumber: place.replyToPostNumber,
    hidden: false,
    deleted: false,
  };
}

/** Who wrote it, as shown: the name, never the address (harvested addresses are spam's food). */
export function authorName(from: Author): string {
  return from.name.replace(/\s+/g, ' ').trim().slice(0, 200) || 'unknown';
}

/** A thread's title: the subject as written, without its "Re:" prefixes. */
export function threadTitle(subject: string): string {
  const base = baseSubject(subject);
  const at = subject.toLowerCase().lastIndexOf(base);
  const title = base && at !== -1 ? subject.slice(at, at + base.length) : subject.trim();
  return title.replace(/\s+/g, ' ').slice(0, 500) || '(no subject)';
}

/** The body as the plain-text layout of Post.bodyFormat 'plain'. */
export function plainText(body: PlainBody, attachments: ArticleAttachment[] = []): string {
  const lines = body.lines.map(quotedLine);
  for (const attachment of attachments) {
    lines.push(`[Attachment: ${attachment.filename ?? 'unnamed'} (${attachment.mediaType}, ${formatBytes(attachment.bytes)}), not kept]`);
  }
  if (body.signature) lines.push(SIGNATURE_SEPARATOR, ...body.signature);
  return lines.join('\n');
}

function quotedLine(line: QuotedLine): string {
  if (line.quote === 0) return line.text;
  return `${'>'.repeat(line.quote)}${line.text ? ` ${line.text}` : ''}`;
}
