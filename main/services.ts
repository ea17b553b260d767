// Builds the handler table once; the Electron host binds it to ipcMain, the web host to HTTP.
import type { EmitEvent, Handlers } from '../shared/api';
import type { NotificationRequest, OpenThreadRequest } from '../shared/desktop';
import { AppError } from '../shared/api';
import { SAMPLE_FORUM_ID } from '../shared/model';
import { createAccountHandlers } from './accounts/account-handlers';
import { AccountStore } from './accounts/account-store';
import { createMemoryCipher } from './accounts/secret-cipher';
import type { Logger } from './dispatch';
import { createForumSources, type ForumSourcesDeps } from './sources/forum-sources';
import { createPoliteHttp, type HttpOptions } from './sources/polite-http';
import { ReplySender } from './outbox/reply-sender';
import { SyncRuns, type SyncTuning } from './sync/sync-runs';

// The hosts import EmitEvent from here; it lives in shared/api.ts so that sync-runs.ts need not
// import this file, which imports it.
export type { EmitEvent } from '../shared/api';

export interface ServiceDeps {
  version: string;
  host: 'electron' | 'web';
  /** Where the embedded sample forum listens in this launch. */
  sampleForumUrl: string;
  emit: EmitEvent;
  /** Hands a checked http(s) URL to the system browser; false when this host has none. */
  openExternal: (url: string) => Promise<boolean>;
  /** Shows a system notification; absent where the host has none (the web host). */
  showNotification?: (notification: NotificationRequest) => Promise<boolean>;
  /** Threads asked for before the page listened; the Electron host keeps them (main/hosts/electron/open-requests.ts). */
  takeOpenRequests?: () => OpenThreadRequest[];
  http?: Partial<HttpOptions>;
  /** Smaller batches and a shorter wait for acknowledgements, for tests that stop runs midway; the bench's budget for the sample forum. */
  sync?: SyncTuning & Pick<ForumSourcesDeps, 'sampleForumBudget'>;
  log?: Logger;
  /** Shorter waits for tests that talk to a news server. */
  news?: ForumSourcesDeps['news'];
  /** Posting credentials per forum; an in-memory store when absent (tests). */
  accounts?: AccountStore;
  /** The sample forum's own account, set up on every start so replying to it needs no setup. */
  sampleForumApiKey?: { key: string; username: string };
}

export interface Services {
  handlers: Handlers;
  /** Settles once the sample forum's account is saved; boot waits for it, as a failure to save it is fatal. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function createServices(deps: ServiceDeps): Services {
  const log = deps.log ?? console;
  const userAgent = `ForumReader/${deps.version} (offline reader; +https://github.com/forum-reader)`;
  const http = createPoliteHttp({ userAgent, ...deps.http });
  const accounts = deps.accounts ?? new AccountStore({ dir: null, cipher: createMemoryCipher() });
  // Reads of the store wait for it, so no call sees the sample forum without its account.
  const ready = deps.sampleForumApiKey
    ? accounts.ensure(SAMPLE_FORUM_ID, { kind: 'api-key', ...deps.sampleForumApiKey, clientId: null, baseUrl: deps.sampleForumUrl })
    : Promise.resolve();
  const { sampleForumBudget, ...syncTuning } = deps.sync ?? {};
  const forums = createForumSources({
    http,
    sampleForumUrl: deps.sampleForumUrl,
    credentialsFor: (forumId) => accounts.credentialsFor(forumId),
    ...(sampleForumBudget && { sampleForumBudget }),
    ...(deps.news && { news: deps.news }),
  });
  const runs = new SyncRuns({ forums, emit: deps.emit, log, userAgent, http, ...syncTuning });
  const sender = new ReplySender({ forums, accounts, log });

  const handlers: Handlers = {
    getAppInfo: async () => ({ version: deps.version, host: deps.host, sampleForumUrl: deps.sampleForumUrl }),
    probeForum: async ({ address }) => forums.probe(address),
    startSync: async (request) => ({ runId: runs.start(request) }),
    fetchThreadFirst: async ({ forumId, remoteId }) => ({ queued: runs.fetchThreadFirst(forumId, remoteId) }),
    ackSyncBatch: async ({ runId, seq }) => {
      runs.ack(runId, seq);
      return {};
    },
    takeSyncImage: async ({ runId, hash, want }) => {
      const bytes = runs.takeImage(runId, hash, want);
      return bytes && new Uint8Array(bytes);
    },
    cancelSync: async ({ runId }) => {
      runs.cancel(runId);
      return {};
    },
    openExternal: async ({ url }) => ({ opened: await deps.openExternal(checkExternalUrl(url)) }),
    showNotification: async (notification) => ({ shown: (await deps.showNotification?.(notification)) ?? false }),
    takeOpenRequests: async () => deps.takeOpenRequests?.() ?? [],
    sendReply: (request) => sender.send(request),
    ...createAccountHandlers({ forums, accounts }),
  };
  return { handlers, ready, close: async () => runs.cancelAll() };
}

/** Only web links leave the reader; anything else (file:, javascript:, custom schemes) is refused. */
export function checkExternalUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('invalid_request', `"${raw}" is not a web address.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('invalid_request', `Links of the kind "${url.protocol}" are not opened by the reader.`);
  }
  return url.href;
}
