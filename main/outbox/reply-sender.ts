// The Sender: one attempt to post one queued reply, made safe to repeat. The renderer owns the
// outbox and calls this for each due item; every call answers with an outcome the renderer
// records. A reply is posted at most once because no new POST goes out while an earlier one for
// the same client id may have reached the server: the thread is looked at first.
import type { Post } from '../../shared/model';
import type { SendReplyOutcome, SendReplyRequest } from '../../shared/replies';
import type { AccountStore } from '../accounts/account-store';
import type { Logger } from '../dispatch';
import type { ForumConnection, ReplyAttempt } from '../sources/forum-source';
import type { ForumSources } from '../sources/forum-sources';

/** Delivered client ids remembered, so a repeated call answers without asking the forum. */
const REMEMBERED = 2000;

export interface ReplySenderDeps {
  forums: ForumSources;
  accounts: AccountStore;
  log: Logger;
}

export class ReplySender {
  private readonly inFlight = new Map<string, Promise<SendReplyOutcome>>();
  /** Client ids whose last attempt in this process may have reached the server. */
  private readonly suspect = new Set<string>();
  private readonly delivered = new Map<string, Post>();
  /** Per forum and topic, a post number known to exist: any later post is numbered above it. */
  private readonly seenPostNumber = new Map<string, number>();

  constructor(private readonly deps: ReplySenderDeps) {}

  /** A call for a client id already in flight shares that attempt instead of making a second one. */
  send(request: SendReplyRequest): Promise<SendReplyOutcome> {
    const running = this.inFlight.get(request.clientId);
    if (running) return running;
    const attempt = this.attempt(request).finally(() => this.inFlight.delete(request.clientId));
    this.inFlight.set(request.clientId, attempt);
    return attempt;
  }

  private async attempt(request: SendReplyRequest): Promise<SendReplyOutcome> {
    const known = this.delivered.get(request.clientId);
    if (known) return { kind: 'sent', post: known, foundInThread: true };
    const credentials = await this.deps.accounts.credentialsFor(request.forumId);
    if (!credentials) {
      return { kind: 'refused', cause: 'no_account', reason: 'There is no account to post to this forum with. Add one under Accounts in the Outbox, then send again.', maybeSent: request.maybeSent || this.suspect.has(request.clientId) };
    }
    const forum = this.deps.forums.forum(request.forumId, credentials.baseUrl);
    const topicKey = `${request.forumId}/${request.topicId}`;
    // Only what was known before the earlier attempts began bounds where they may have landed;
    // a post number seen since (another reply sent meanwhile) may be above this reply's.
    let floor = request.afterPostNumber;

    if (request.maybeSent || this.suspect.has(request.clientId)) {
      let search;
      try {
        search = await forum.findSentReply(request, credentials, floor);
      } catch (error) {
        return this.failedBeforeSending(forum, error, floor, true);
      }
      this.notePostNumber(topicKey, search.highestPostNumber);
      if (search.post) {
        this.deps.log.info(`outbox: reply ${request.clientId} was already on the forum (post ${search.post.remoteId}); not posted again`);
        return this.sent(request, search.post, true);
      }
      // Not there: the earlier attempt did not post it, and anything new will be numbered above.
      floor = Math.max(floor, search.highestPostNumber);
      this.suspect.delete(request.clientId);
    }

    // Everything known to exist now was there before this attempt.
    floor = Math.max(floor, this.seenPostNumber.get(topicKey) ?? 0);
    this.suspect.add(request.clientId);
    let attempt: ReplyAttempt;
    try {
      attempt = await forum.postReply(request, credentials);
    } catch (error) {
      // The request may have gone out and been acted on; only the thread can tell.
      return this.failedBeforeSending(forum, error, floor, true);
    }
    if (attempt.kind === 'posted') {
      this.notePostNumber(topicKey, attempt.post.postNumber);
      return this.sent(request, attempt.post, false);
    }
    if (attempt.kind !== 'retry' || !attempt.maybeSent) this.suspect.delete(request.clientId);
    if (attempt.kind === 'retry') return { ...attempt, afterPostNumber: floor };
    if (attempt.kind === 'refused') return { ...attempt, maybeSent: false };
    return attempt;
  }

  private sent(request: SendReplyRequest, post: Post, foundInThread: boolean): SendReplyOutcome {
    this.suspect.delete(request.clientId);
    this.delivered.set(request.clientId, post);
    if (this.delivered.size > REMEMBERED) this.delivered.delete(this.delivered.keys().next().value as string);
    return { kind: 'sent', post, foundInThread };
  }

  /** Turns a failure of the request (or of the look in the thread) into an outcome. */
  private failedBeforeSending(forum: ForumConnection, error: unknown, floor: number, maybeSent: boolean): SendReplyOutcome {
    const info = forum.describeError(error);
    if (!info) throw error;
    switch (info.code) {
      case 'not_found':
        return { kind: 'refused', cause: 'not_found', reason: info.message, maybeSent };
      case 'forbidden':
      case 'login_required':
        return { kind: 'refused', cause: 'forbidden', reason: info.message, maybeSent };
      default:
        return {
          kind: 'retry',
          reason: info.message,
          waitMs: null,
          maybeSent,
          offline: info.code === 'unreachable' || info.code === 'timeout',
          afterPostNumber: floor,
        };
    }
  }

  private notePostNumber(topicKey: string, postNumber: number): void {
    this.seenPostNumber.set(topicKey, Math.max(postNumber, this.seenPostNumber.get(topicKey) ?? 0));
  }
}
