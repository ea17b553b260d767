// Posting a reply to a news server, the NNTP way (RFC 3977 §6.3.1): the article answered is read
// back (HEAD) for its Newsgroups, References and Subject; the reply's Message-ID comes from its
// client id, fixed when it was queued, so every attempt sends the same article and a server that
// has it already answers "441 435" (counted as sent). Before posting again after an attempt that
// may have arrived, the outbox asks `findNewsReply`: STAT <message-id>.
import { postIdFor, threadIdFor, type Post } from '../../../shared/model';
import type { SendReplyRequest } from '../../../shared/replies';
import type { Credentials } from '../../accounts/account-store';
import type { ReplyAttempt, SentReplySearch } from '../forum-source';
import { splitArticle } from './article-headers';
import { plainText } from './article-post';
import { decodeEncodedWords } from './encoded-words';
import type { NntpAddress } from './nntp-address';
import type { NntpClient } from './nntp-client';
import { NntpError } from './nntp-errors';
import { articleNumberFor, isMessageId, replyMessageId } from './news-ids';
import { messageIds, readArticle } from './read-article';
import { buildReplyArticle, ReplyArticleError, type AnsweredArticle } from './reply-article';

export interface NewsReplyTarget {
  forumId: string;
  address: NntpAddress;
}

export async function postNewsReply(client: NntpClient, target: NewsReplyTarget, request: SendReplyRequest, account: Credentials): Promise<ReplyAttempt> {
  const identity = account.identity;
  if (!identity) {
    return { kind: 'refused', cause: 'no_account', reason: 'Replies to this news server need your display name and email address: add them under Accounts in the Outbox, then send again.' };
  }
  if (!request.replyToKey || !isMessageId(request.replyToKey)) {
    return { kind: 'refused', cause: 'rejected', reason: 'This reply does not say which article it answers, so it cannot be posted to the newsgroup. Your text is kept: copy it into a new reply.' };
  }
  const answered = await answeredArticle(client, request.replyToKey);
  if (!answered) {
    return {
      kind: 'refused',
      cause: 'not_found',
      reason: `The article you answered is no longer on ${target.address.host} (news servers expire old articles), so the reply cannot name its thread. Your text is kept: reply to a later article instead.`,
    };
  }
  const messageId = replyMessageId(request.clientId, target.address);
  let article: Buffer;
  try {
    article = buildReplyArticle({ identity, answered, messageId, text: request.raw, date: new Date() });
  } catch (error) {
    if (error instanceof ReplyArticleError) return { kind: 'refused', cause: 'rejected', reason: error.message };
    throw error;
  }
  const result = await client.post(article);
  if (result.outcome === 'refused') return { kind: 'refused', cause: 'rejected', reason: `${target.address.host} did not take the reply: ${result.reason}` };
  return { kind: 'posted', post: sentPost(target, request, account, messageId) };
}

/** STAT <message-id>: whether an earlier attempt's article is on the server. */
export async function findNewsReply(client: NntpClient, target: NewsReplyTarget, request: SendReplyRequest, account: Credentials, floor: number): Promise<SentReplySearch> {
  const messageId = replyMessageId(request.clientId, target.address);
  const there = await client.stat(messageId);
  return { post: there ? sentPost(target, request, account, messageId) : null, highestPostNumber: floor };
}

/** The reply as the reader stores it at once; the sync that later reads it finds the same id and keeps this row. */
function sentPost(target: NewsReplyTarget, request: SendReplyRequest, account: Credentials, messageId: string): Post {
  const remoteId = articleNumberFor(messageId);
  const now = new Date().toISOString();
  const name = account.identity?.displayName ?? account.username;
  // Read back as a synced copy would be, so both show alike.
  const body = readArticle(Buffer.from(`Content-Type: text/plain; charset=UTF-8\r\n\r\n${request.raw}`, 'utf8')).body;
  return {
    id: postIdFor(target.forumId, remoteId),
    forumId: target.forumId,
    threadId: threadIdFor(target.forumId, request.topicId),
    remoteId,
    postNumber: request.afterPostNumber + 1,
    username: name,
    displayName: name,
    avatarUrl: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
    html: plainText(body),
    bodyFormat: 'plain',
    remoteKey: messageId,
    replyToPostNumber: request.replyToPostNumber,
    hidden: false,
    deleted: false,
  };
}

/** The answered article's head, or null when the server no longer has it. */
async function answeredArticle(client: NntpClient, messageId: string): Promise<AnsweredArticle | null> {
  const [result] = await client.articles(null, [messageId], 'HEAD');
  if (!result || !result.ok) {
    if (result?.why === 'missing') return null;
    throw new NntpError('protocol', result?.error ?? `No answer to HEAD ${messageId}.`, false);
  }
  const { headers } = splitArticle(Buffer.concat([result.data, Buffer.from('\r\n')]));
  return {
    messageId,
    subject: decodeEncodedWords(headers.get('subject') ?? ''),
    newsgroups: (headers.get('newsgroups') ?? '').split(/[\s,]+/).filter(Boolean),
    references: messageIds(headers.get('references')),
    followupTo: headers.get('followup-to'),
  };
}
