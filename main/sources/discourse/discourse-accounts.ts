// Discourse's side of posting accounts: the headers a key is sent in, asking the forum whose key
// it is, and the User API Key request (user-api-key.ts) as this engine's KeyRequest.
import { AppError } from '../../../shared/api';
import type { Credentials } from '../../accounts/account-store';
import { BODY_LIMITS } from '../body-limits';
import type { KeyRequest } from '../forum-source';
import type { PoliteHttp, RequestBudget } from '../polite-http';
import { discourseErrors } from './discourse-errors';
import { readUserApiKeyPayload, startUserApiKeyRequest } from './user-api-key';

/** The request headers Discourse authenticates by (core: auth/default_current_user_provider.rb). */
export function authHeaders(credentials: Credentials): Record<string, string> {
  if (credentials.kind === 'user-api-key') {
    return { 'User-Api-Key': credentials.key, ...(credentials.clientId ? { 'User-Api-Client-Id': credentials.clientId } : {}) };
  }
  // A key issued for one user needs no Api-Username; an all-users key acts as the one named.
  return { 'Api-Key': credentials.key, ...(credentials.username !== '' && { 'Api-Username': credentials.username }) };
}

/**
 * Asks the forum who the key acts as: any authenticated Discourse response names the user in
 * X-Discourse-Username (core: application_controller.rb). A refused key is an error and is not
 * saved; an unreachable forum saves the key unverified, since replies are written offline too.
 */
export async function verifyCredentials(http: PoliteHttp, credentials: Credentials, budget: RequestBudget | null): Promise<{ username: string; verified: boolean }> {
  const host = new URL(credentials.baseUrl).host;
  let response;
  try {
    response = await http.get(`${credentials.baseUrl}/site/basic-info.json`, { budget, headers: authHeaders(credentials), maxBodyBytes: BODY_LIMITS.siteInfo });
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

export function userApiKeyRequest(baseUrl: string): KeyRequest {
  return {
    start() {
      const { url, pending } = startUserApiKeyRequest(baseUrl);
      return {
        url,
        pending: { baseUrl: pending.baseUrl, clientId: pending.clientId, startedAt: pending.startedAt, open: (payload) => readUserApiKeyPayload(pending, payload) },
      };
    },
  };
}
