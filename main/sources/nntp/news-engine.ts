// A news server (NNTP) as a ForumEngine: probing an nntp://, nntps:// or news:// address for its
// groups, its own sync by article numbers (news-sync.ts), replies posted once (news-replies.ts),
// logins checked with AUTHINFO. Every connection to one server goes through one shared client.
import { AppError, DEFAULT_NEWS_CONNECTIONS, MAX_PROBED_BOARDS, type ForumProbe } from '../../../shared/api';
import { boardIdFor, type Board } from '../../../shared/model';
import type { Credentials } from '../../accounts/account-store';
import type { ForumEngine } from '../forum-source';
import { isLoopbackHost } from '../polite-http';
import { parseNntpAddress, type NntpAddress } from './nntp-address';
import type { NntpClientOptions, NntpCredentials } from './nntp-client';
import { NntpClient } from './nntp-client';
import { describeNntpError } from './nntp-error-words';
import { NntpError } from './nntp-errors';
import { groupNumberFor, newsBaseUrl, newsForumId } from './news-ids';
import { findNewsReply, postNewsReply } from './news-replies';
import { NewsServers } from './news-servers';
import { syncNewsGroups } from './news-sync';

/** The client settings an engine uses; tests shorten the waits. */
export type NewsClientSettings = Partial<Pick<NntpClientOptions, 'timeoutMs' | 'responseMs' | 'retries' | 'backoffBaseMs' | 'backoffMaxMs' | 'limits' | 'tls'>>;

export interface NntpEngineDeps {
  /** The saved account of a forum: its login, where the server asks for one. */
  credentialsFor(forumId: string): Promise<Credentials | null>;
  client?: NewsClientSettings;
}

/** Group statuses a reader can read (RFC 3977 §7.6.3: y posting, n no posting, m moderated). */
const READABLE = new Map([
  ['y', ''],
  ['n', 'Read only: the server takes no posts here.'],
  ['m', 'Moderated: posts wait for a moderator.'],
]);

export function isNewsAddress(address: string): boolean {
  return /^\s*(nntps?|news):/i.test(address);
}

export function createNntpEngine(deps: NntpEngineDeps): ForumEngine {
  const servers = new NewsServers();
  const describeError = describeNntpError;
  const login = (account: Credentials | null): NntpCredentials | null => (account && account.key !== '' ? { user: account.username, password: account.key } : null);
  const clientOptions = (address: NntpAddress, account: Credentials | null, connections = DEFAULT_NEWS_CONNECTIONS): NntpClientOptions => ({
    ...deps.client,
    address,
    credentials: login(account),
    connections,
  });
  /** Turns the engine's own failures into AppErrors at the boundary: they cross to the renderer. */
  const asAppError = (error: unknown): unknown => {
    const info = describeError(error);
    return info && !(error instanceof AppError) ? new AppError(info.code, info.message) : error;
  };
  const addressOf = (baseUrl: string) => parseNntpAddress(baseUrl);

  return {
    kind: 'nntp',
    async probe(typed) {
      try {
        const address = parseNntpAddress(typed);
        const forumId = newsForumId(address);
        // A login saved for this server (after a first probe said it wants one) opens its list.
        const client = new NntpClient({ ...clientOptions(address, await deps.credentialsFor(forumId)), retries: 1 });
        try {
          return await probeServer(client, address, forumId);
        } finally {
          client.close();
        }
      } catch (error) {
        throw asAppError(error);
      }
    },
    connect(forum) {
      const address = addressOf(forum.baseUrl);
      const target = { forumId: forum.forumId, address };
      const use = <T,>(account: Credentials | null, work: (client: NntpClient) => Promise<T>) => servers.use(forum.forumId, clientOptions(address, account), work);
      return {
        kind: 'nntp',
        ...forum,
        postReply: (request, account) => use(account, (client) => postNewsReply(client, target, request, account)),
        findSentReply: (request, account, floor) => use(account, (client) => findNewsReply(client, target, request, account, floor)),
        async verifyAccount(account) {
          try {
            await use(account, async (client) => {
              if (login(account)) await client.logIn();
              else await client.greeting();
            });
            return { username: account.username, verified: true };
          } catch (error) {
            // Refused credentials throw; a server out of reach leaves the account unverified.
            if (error instanceof NntpError && error.retryable) return { username: account.username, verified: false };
            throw asAppError(error);
          }
        },
        keyRequest: null,
        describeError,
      };
    },
    syncSource(forum, run) {
      const address = addressOf(forum.baseUrl);
      return {
        kind: 'own',
        run: async (sync) =>
          servers.use(forum.forumId, clientOptions(address, await deps.credentialsFor(forum.forumId), sync.request.newsConnections), async (client) => {
            const before = client.commandsSent;
            try {
              return await syncNewsGroups(client, sync);
            } catch (error) {
              throw asAppError(error);
            } finally {
              run.stats.requests += client.commandsSent - before;
            }
          }),
      };
    },
    describeError,
  };
}

/** What the server says before a login, or null when it asks for one first (480, a reason to ask). */
async function beforeLogin<T>(ask: () => Promise<T>): Promise<T | null> {
  try {
    return await ask();
  } catch (error) {
    if (error instanceof NntpError && error.code === 'auth-required') return null;
    throw error;
  }
}

async function probeServer(client: NntpClient, address: NntpAddress, forumId: string): Promise<ForumProbe> {
  // Without a saved login a server may answer 480 to MODE READER (providers that serve only their
  // customers) or to LIST: the dialog asks for one, saves it, and probes again.
  const greeting = await beforeLogin(() => client.greeting());
  const groups = greeting && (await beforeLogin(() => client.listActive()));
  const loginRequired = groups === null;
  // RFC 3977 §3.1: a group name fits a command line (497 octets); a longer one could never be asked for.
  const readable = (groups ?? []).filter((group) => READABLE.has(group.status) && Buffer.byteLength(group.name) <= 497).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const boards: Board[] = readable.slice(0, MAX_PROBED_BOARDS).map((group, position) => ({
    id: boardIdFor(forumId, groupNumberFor(group.name)),
    forumId,
    remoteId: groupNumberFor(group.name),
    name: group.name,
    slug: group.name,
    description: READABLE.get(group.status) ?? '',
    position,
    parentId: null,
    // LIST ACTIVE gives water marks, not counts: an upper bound (§7.6.3).
    threadCount: Math.max(0, group.high - group.low + 1),
  }));
  return {
    protocol: 'nntp',
    forumId,
    baseUrl: newsBaseUrl(address),
    title: address.host,
    description: greeting?.text.slice(0, 300) ?? '',
    loginRequired,
    insecure: !(greeting?.secure ?? address.tls) && !isLoopbackHost(address.host === '::1' ? '[::1]' : address.host),
    boards,
    ...(readable.length > boards.length && { totalBoards: readable.length }),
    ...(greeting && { postingAllowed: greeting.postingAllowed }),
  };
}
