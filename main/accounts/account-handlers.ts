// The account calls of the contract. Credentials are bound to the forum's own address when saved
// (forumId must be that address's id), so a page cannot later point a saved key at another host.
import { AppError, type Handlers } from '../../shared/api';
import type { ForumAccount } from '../../shared/replies';
import type { ForumConnection, PendingKeyRequest } from '../sources/forum-source';
import type { ForumSources } from '../sources/forum-sources';
import type { AccountStore, Credentials } from './account-store';

type AccountHandlers = Pick<Handlers, 'getForumAccount' | 'setForumAccount' | 'setNewsAccount' | 'removeForumAccount' | 'beginUserApiKey' | 'completeUserApiKey'>;

export interface AccountHandlerDeps {
  forums: ForumSources;
  accounts: AccountStore;
}

/** A key request is answered within minutes or not at all. */
const PENDING_MS = 30 * 60_000;

export function createAccountHandlers(deps: AccountHandlerDeps): AccountHandlers {
  const pending = new Map<string, { forum: ForumConnection; request: PendingKeyRequest }>();

  const save = async (forum: ForumConnection, credentials: Credentials): Promise<ForumAccount> => {
    const checked = await forum.verifyAccount(credentials);
    return deps.accounts.save(forum.forumId, { ...credentials, username: checked.username }, checked.verified);
  };

  return {
    getForumAccount: async ({ forumId }) => deps.accounts.describe(forumId),
    setForumAccount: async ({ forumId, baseUrl, kind, username, key }) => {
      const forum = deps.forums.claimedForum(forumId, baseUrl);
      if (forum.kind === 'nntp') throw new AppError('invalid_request', `${baseUrl} is a news server: give it a display name and email address instead of a key.`);
      return save(forum, { kind, username, key, clientId: null, baseUrl: forum.baseUrl });
    },
    setNewsAccount: async ({ forumId, baseUrl, identity, username, password }) => {
      const forum = deps.forums.claimedForum(forumId, baseUrl);
      if (forum.kind !== 'nntp') throw new AppError('invalid_request', `${baseUrl} is not a news server: give it an API key instead.`);
      // The email address names the poster where the server asks for no login.
      const login = username || identity.email;
      // The renderer never has the password back: one left empty keeps the one saved for the same
      // login, so changing the name replies come from needs no retyping; another login gets none.
      const saved = password ? null : await deps.accounts.credentialsFor(forumId);
      const key = password || (saved?.kind === 'news' && saved.username === login ? saved.key : '');
      return save(forum, { kind: 'news', username: login, key, clientId: null, baseUrl: forum.baseUrl, identity });
    },
    removeForumAccount: async ({ forumId }) => {
      await deps.accounts.remove(forumId);
      return {};
    },
    beginUserApiKey: async ({ forumId, baseUrl }) => {
      const forum = deps.forums.claimedForum(forumId, baseUrl);
      if (!forum.keyRequest) throw new AppError('invalid_request', 'This forum cannot be asked for a key in the browser: enter its key instead.');
      const started = forum.keyRequest.start();
      pending.set(forumId, { forum, request: started.pending });
      return { url: started.url };
    },
    completeUserApiKey: async ({ forumId, payload, username }) => {
      const waiting = pending.get(forumId);
      if (!waiting || Date.now() - waiting.request.startedAt > PENDING_MS) {
        throw new AppError('invalid_request', 'There is no key request waiting for this forum (the reader may have restarted). Ask the forum for a key again.');
      }
      const key = waiting.request.open(payload);
      pending.delete(forumId);
      return save(waiting.forum, { kind: 'user-api-key', username, key, clientId: waiting.request.clientId, baseUrl: waiting.request.baseUrl });
    },
  };
}
