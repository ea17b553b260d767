// What the reader asks of a news server, over at most `connections` connections (one by
// default: news servers count connections per user and many allow only a few). Reads are retried
// on a fresh connection after a pause that doubles each time when the server is unavailable (400,
// 502), drops the connection or times out; POST is never resent here: the outbox decides, after
// asking with STAT (news-replies.ts).
import type { NntpAddress } from './nntp-address';
import { NntpError } from './nntp-errors';
import { isMessageId } from './news-ids';
import { DEFAULT_NNTP_LIMITS, type NntpLimits } from './nntp-limits';
import { NntpSession, type GroupInfo, type NntpCredentials } from './nntp-session';
import { parseOverview, type Overview } from './overview';
import { stuffDataBlock } from './response-lines';

export type { GroupInfo, NntpCredentials };

export interface NntpClientOptions {
  address: NntpAddress;
  credentials?: NntpCredentials | null;
  connections?: number;
  timeoutMs?: number;
  /** Longest one response may take however steadily it trickles (nntp-connection.ts). */
  responseMs?: number;
  limits?: Partial<NntpLimits>;
  /** Attempts after the first for reads that failed in a way a new connection may fix. */
  retries?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  sleep?: (ms: number) => Promise<void>;
  tls?: { ca?: string | Buffer };
}

export interface ActiveGroup {
  name: string;
  high: number;
  low: number;
  /** y (posting allowed), n (not), m (moderated), or another status letter (RFC 3977 §7.6.3). */
  status: string;
}

/** An article (or its head or body) by number or by Message-ID, or why it could not be had. */
export type ArticleResult =
  | { id: number | string; ok: true; data: Buffer }
  | { id: number | string; ok: false; why: 'missing' | 'too-large' | 'refused'; error: string };

export type ArticlePart = 'ARTICLE' | 'HEAD' | 'BODY';

export type PostOutcome = { outcome: 'posted' } | { outcome: 'already-there' } | { outcome: 'refused'; reason: string };

export class NntpClient {
  readonly limits: NntpLimits;
  private readonly idle: NntpSession[] = [];
  private readonly waiters: Array<() => void> = [];
  private open = 0;
  private readonly maxConnections: number;
  /** Commands sent, for the bench's "commands per 1,000 articles". */
  commandsSent = 0;

  constructor(private readonly options: NntpClientOptions) {
    this.limits = { ...DEFAULT_NNTP_LIMITS, ...options.limits };
    this.maxConnections = Math.max(1, options.connections ?? 1);
  }

  async group(name: string): Promise<GroupInfo> {
    checkArgument(name);
    // GROUP again even on a selected connection: the answer is what a sync plans from.
    return this.withSession(async (session) => {
      session.forgetGroup();
      this.commandsSent += 1;
      return session.selectGroup(name);
    });
  }

  /** LIST ACTIVE [wildmat] (RFC 3977 §7.6.3); lines that do not parse are left out. */
  async listActive(wildmat?: string): Promise<ActiveGroup[]> {
    if (wildmat !== undefined) checkArgument(wildmat);
    return this.withSession(async (session) => {
      const command = wildmat ? `LIST ACTIVE ${wildmat}` : 'LIST ACTIVE';
      this.commandsSent += 1;
      const response = await session.run(command);
      if (response.code !== 215) throw session.unexpected(command, response);
      const block = await session.connection.readBlock(this.limits.listBytes, 'The list of groups');
      return block
        .toString('utf8')
        .split('\r\n')
        .flatMap((line) => {
          const match = /^(\S+)\s+(\d{1,15})\s+(\d{1,15})\s+(\S+)/.exec(line);
          return match ? [{ name: match[1]!, high: Number(match[2]), low: Number(match[3]), status: match[4]! }] : [];
        });
    });
  }

  /**
   * Overview of articles low..high of `group`, asked for in ranges of limits.overviewRange with
   * OVER (RFC 3977 §8.3), or XOVER (RFC 2980 §2.8) where OVER is not offered.
   */
  async over(group: string, low: number, high: number): Promise<Overview> {
    checkArgument(group);
    const result: Overview = { entries: [], errors: [] };
    for (let start = low; start <= high; start += this.limits.overviewRange) {
      const end = Math.min(high, start + this.limits.overviewRange - 1);
      const part = await this.withSession(async (session) => {
        await session.selectGroup(group);
        return this.overRange(session, start, end);
      });
      result.entries.push(...part.entries.filter((entry) => entry.number >= start && entry.number <= end));
      result.errors.push(...part.errors);
    }
    return result;
  }

  /**
   * Articles (or heads or bodies) by number in `group`, or by Message-ID (group null), pipelined
   * (RFC 3977 §3.5): limits.pipelineDepth commands in flight, one more sent as each answer ends,
   * so the server never waits on us. Up to PIPELINE_RUN articles per connection turn: a connection
   * that breaks costs at most those. One that is too large, missing or refused is an error in its
   * own result; the others are still fetched.
   */
  async articles(group: string | null, ids: Array<number | string>, part: ArticlePart = 'ARTICLE'): Promise<ArticleResult[]> {
    if (group !== null) checkArgument(group);
    for (const id of ids) if (typeof id === 'string') checkMessageId(id);
    const results: ArticleResult[] = [];
    let next = 0;
    while (next < ids.length) {
      const batch = ids.slice(next, next + PIPELINE_RUN);
      const got = await this.withSession(async (session) => {
        if (group !== null) await session.selectGroup(group);
        return this.fetchBatch(session, batch, part);
      });
      results.push(...got);
      next += got.length;
    }
    return results;
  }

  /** How the server greets a reader: whether it takes posts, and whether the connection is encrypted. */
  async greeting(): Promise<{ postingAllowed: boolean; text: string; secure: boolean }> {
    return this.withSession(async (session) => ({ postingAllowed: session.greeting.code === 200, text: session.greeting.text, secure: session.connection.secure }));
  }

  /** Logs in with the credentials given (AUTHINFO USER/PASS) whether or not the server asked yet. */
  async logIn(): Promise<void> {
    await this.withSession(async (session) => {
      this.commandsSent += 2;
      await session.logIn();
    }, false);
  }

  /** STAT <message-id> (RFC 3977 §6.2.4): whether the server has that article. */
  async stat(messageId: string): Promise<boolean> {
    checkMessageId(messageId);
    return this.withSession(async (session) => {
      this.commandsSent += 1;
      const response = await session.run(`STAT ${messageId}`);
      if (response.code === 223) return true;
      if (response.code === 430) return false;
      throw session.unexpected('STAT', response);
    });
  }

  /**
   * POST (RFC 3977 §6.3.1): 340, the article, then 240 or 441. INN answers an article whose
   * Message-ID it already has with "441 435 Duplicate": that article is there, so it counts as
   * posted. Not retried: a failure after the article went out is ambiguous (news-replies.ts).
   */
  async post(article: Buffer): Promise<PostOutcome> {
    return this.withSession(async (session) => {
      this.commandsSent += 1;
      const start = await session.run('POST');
      if (start.code === 440) return { outcome: 'refused', reason: `The server does not allow posting (${start.text}).` };
      if (start.code !== 340) throw session.unexpected('POST', start);
      session.connection.write(stuffDataBlock(article));
      const done = await session.connection.readStatus();
      if (done.code === 240) return { outcome: 'posted' };
      if (done.code === 441 && /^435\b/.test(done.text)) return { outcome: 'already-there' };
      if (done.code === 441) return { outcome: 'refused', reason: done.text };
      throw session.unexpected('POST', done);
    }, false);
  }

  close(): void {
    for (const session of this.idle.splice(0)) session.connection.close();
  }

  private async overRange(session: NntpSession, start: number, end: number): Promise<Overview> {
    const useOver = session.has('OVER');
    const command = `${useOver ? 'OVER' : 'XOVER'} ${start}-${end}`;
    this.commandsSent += 1;
    const response = await session.run(command);
    if (response.code === 500 && useOver) {
      session.forget('OVER');
      return this.overRange(session, start, end);
    }
    // 423: no articles in that range (§8.3.3); 420: an empty group.
    if (response.code === 423 || response.code === 420) return { entries: [], errors: [] };
    if (response.code !== 224) throw session.unexpected(command, response);
    const block = await session.connection.readBlock(this.limits.overviewBytes, `The overview of articles ${start}-${end}`);
    return parseOverview(block.toString('utf8'));
  }

  /** Results for a prefix of `batch`: all of it, or up to and including an article that broke the connection. */
  private async fetchBatch(session: NntpSession, batch: Array<number | string>, part: ArticlePart): Promise<ArticleResult[]> {
    // A window that refills only once empty leaves the server idle each round; a command sent as
    // each answer ends keeps limits.pipelineDepth in flight (see nntp-limits.ts for the figures).
    let sent = Math.min(batch.length, this.limits.pipelineDepth);
    session.connection.send(batch.slice(0, sent).map((id) => `${part} ${id}`));
    this.commandsSent += sent;
    const results: ArticleResult[] = [];
    for (const id of batch) {
      if (sent < batch.length) {
        session.connection.send([`${part} ${batch[sent++]}`]);
        this.commandsSent += 1;
      }
      const response = await session.connection.readStatus();
      if (response.code >= 220 && response.code <= 222) {
        try {
          results.push({ id, ok: true, data: await session.connection.readBlock(this.limits.articleBytes, `Article ${id}`) });
        } catch (error) {
          if (!(error instanceof NntpError) || error.code !== 'too-large') throw error;
          // The connection is closed; the rest of the batch goes on a new one.
          results.push({ id, ok: false, why: 'too-large', error: error.message });
          return results;
        }
      } else if (response.code === 423 || response.code === 430) {
        results.push({ id, ok: false, why: 'missing', error: `The server no longer has article ${id}.` });
      } else if (response.code === 400 || response.code === 502 || response.code === 480) {
        throw session.unexpected(part, response);
      } else {
        results.push({ id, ok: false, why: 'refused', error: `The server answered ${part} ${id} with ${response.code} ${response.text.slice(0, 120)}.` });
      }
    }
    return results;
  }

  private async withSession<T>(work: (session: NntpSession) => Promise<T>, retry = true): Promise<T> {
    const retries = retry ? (this.options.retries ?? 3) : 0;
    for (let attempt = 0; ; attempt++) {
      let session: NntpSession | null = null;
      try {
        session = await this.acquire();
        const result = await work(session);
        this.release(session);
        return result;
      } catch (error) {
        if (session) this.release(session);
        if (!(error instanceof NntpError) || !error.retryable || attempt >= retries) throw error;
        const base = this.options.backoffBaseMs ?? 1000;
        await (this.options.sleep ?? wait)(Math.min(this.options.backoffMaxMs ?? 60_000, base * 2 ** attempt));
      }
    }
  }

  private async acquire(): Promise<NntpSession> {
    for (;;) {
      const session = this.idle.pop();
      if (session?.isOpen) return session;
      if (session) {
        this.open -= 1;
        continue;
      }
      if (this.open < this.maxConnections) {
        this.open += 1;
        try {
          return await NntpSession.open(this.options.address, {
            credentials: this.options.credentials ?? null,
            timeoutMs: this.options.timeoutMs ?? 30_000,
            ...(this.options.responseMs !== undefined && { responseMs: this.options.responseMs }),
            lineBytes: this.limits.lineBytes,
            listBytes: this.limits.listBytes,
            ...(this.options.tls ? { tls: this.options.tls } : {}),
          });
        } catch (error) {
          this.open -= 1;
          this.wakeOne();
          throw error;
        }
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private release(session: NntpSession): void {
    if (session.isOpen) this.idle.push(session);
    else this.open -= 1;
    this.wakeOne();
  }

  private wakeOne(): void {
    this.waiters.shift()?.();
  }
}

/** Articles fetched per connection turn (see articles()). */
const PIPELINE_RUN = 512;

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A group name or wildmat goes into a command line: no whitespace or line breaks. */
function checkArgument(value: string): void {
  if (!/^[^\s]{1,497}$/.test(value)) throw new Error(`"${value.slice(0, 80)}" is not a group name.`);
}

function checkMessageId(value: string): void {
  if (!isMessageId(value)) throw new Error(`"${value.slice(0, 80)}" is not a Message-ID.`);
}
