// The account calls of the contract. Credentials are bound to the forum's own address when saved
// (forumId must be that address's id), so a page cannot later point a saved key at another host.
import { AppError, type Handlers } from '../../shared/api';
import { forumIdFor, SAMPLE_FORUM_ID } from '../../shared/model';
import type { ForumAccount } from '../../shared/replies';
import { discourseErrors } from '../outbox/discourse-errors';
import { DEFAULT_BUDGET, type PoliteHttp } from '../sources/polite-http';
import { authHeaders, type AccountStore, type Credentials } from './account-store';
import { readUserApiKeyPayload, startUserApiKeyRequest, type PendingUserApiKey } from './user-api-key';

type AccountHandlers = Pick<Handlers, 'getForumAccount' | 'setForumAccount' | 'removeForumAccount' | 'beginUserApiKey' | 'completeUserApiKey'>;

export interface AccountHandlerDeps {
  http: PoliteHttp;
  accounts: AccountStore;
  sampleForumUrl: string;
}

/** A key request is answered within minutes or not at all. */
const PENDING_MS = 30 * 60_000;

export function createAccountHandlers(deps: AccountHandlerDeps): AccountHandlers {
  const pending = new Map<string, PendingUserApiKey>();

  const save = async (forumId: string, credentials: Credentials): Promise<ForumAccount> => {
    const checked = await verifyCredentials(deps.http, credentials, forumId === SAMPLE_FORUM_ID);
    return deps.accounts.save(forumId, { ...credentials, username: checked.username }, checked.verified);
  };

  return {
    getForumAccount: async ({ forumId }) => deps.accounts.describe(forumId),
    setForumAccount: async ({ forumId, baseUrl, kind, username, key }) =>
      save(forumId, { kind, username, key, clientId: null, baseUrl: forumAddress(deps, forumId, baseUrl) }),
    removeForumAccount: async ({ forumId }) => {
      deps.accounts.remove(forumId);
      return {};
    },
    beginUserApiKey: async ({ forumId, baseUrl }) => {
      const started = startUserApiKeyRequest(forumAddress(deps, forumId, baseUrl));
      pending.set(forumId, started.pending);
      return { url: started.url };
    },
    completeUserApiKey: async ({ forumId, payload, username }) => {
      const request = pending.get(forumId);
      if (!request || Date.now() - request.startedAt > PENDING_MS) {
        throw new AppError('invalid_request', 'There is no key request waiting for this forum (the reader may have restarted). Ask the forum for a key again.');
      }
      const key = readUserApiKeyPayload(request, payload);
      pending.delete(forumId);
      return save(forumId, { kind: 'user-api-key', username, key, clientId: request.clientId, baseUrl: request.baseUrl });
    },
  };
}

/** The address credentials for `forumId` may be used at. */
function forumAddress(deps: AccountHandlerDeps, forumId: string, baseUrl: string): string {
  if (forumId === SAMPLE_FORUM_ID) return deps.sampleForumUrl;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new AppError('invalid_address', `"${baseUrl}" is not a web address.`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || forumIdFor(url.href) !== forumId) {
    throw new AppError('invalid_request', `${baseUrl} is not the address of forum ${forumId}.`);
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * Asks the forum who the key acts as: any authenticated Discourse response names the user in
 * X-Discourse-Username (core: application_controller.rb). A refused key is an error and is not
 * saved; an unreachable forum saves the key unverified, since replies are written offline too.
 */
export async function verifyCredentials(http: PoliteHttp, credentials: Credentials, isSample: boolean): Promise<{ username: string; verified: boolean }> {
  const host = new URL(credentials.baseUrl).host;
  let response;
  try {
    response = await http.get(`${credentials.baseUrl}/site/basic-info.json`, { budget: isSample ? null : DEFAULT_BUDGET, headers: authHeaders(credentials) });
  } catch (error) {
    if (error instanceof AppError && (error.code === 'unreachable' || error.code === 'timeout' || error.code === 'server_error')) {
      if (credentials.username === '') throw new AppError('invalid_request', `${host} could not be reached to ask whose key this is: enter the username too.`);
      return { username: credentials.username, verified: false };
    }
    throw error;
  }
  if (response.status === 401 || response.status === 403) {
    throw new AppError('forbidden', `${host} refused this key: ${(discourseErrors(response.text) ?? `it answered ${response.status}`).replace(/\.$/, '')}. Nothing was saved.`);
  }
  const actsAs = response.headers.get('x-discourse-username');
  if (response.status !== 200 || actsAs === null) {
    if (credentials.username === '') throw new AppError('invalid_request', `${host} did not say whose key this is: enter the username too.`);
    return { username: credentials.username, verified: false };
  }
  if (credentials.username !== '' && credentials.username.toLowerCase() !== actsAs.toLowerCase()) {
    throw new AppError('forbidden', `This key acts as ${actsAs} on ${host}, not as ${credentials.username}. Nothing was saved.`);
  }
  return { username: actsAs, verified: true };
}
