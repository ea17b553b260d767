// Builds the handler table once; the Electron host binds it to ipcMain, the web host to HTTP.
import type { EventName, EventPayload, Handlers } from '../shared/api';
import { AppError } from '../shared/api';
import type { Logger } from './dispatch';
import { probeDiscourseForum } from './sources/discourse/probe';
import { createPoliteHttp, type HttpOptions } from './sources/polite-http';
import { SyncRuns } from './sync/sync-runs';

export type EmitEvent = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

export interface ServiceDeps {
  version: string;
  host: 'electron' | 'web';
  /** Where the embedded sample forum listens in this launch. */
  sampleForumUrl: string;
  emit: EmitEvent;
  /** Hands a checked http(s) URL to the system browser; false when this host has none. */
  openExternal: (url: string) => Promise<boolean>;
  http?: Partial<HttpOptions>;
  log?: Logger;
}

export interface Services {
  handlers: Handlers;
  close(): Promise<void>;
}

export function createServices(deps: ServiceDeps): Services {
  const log = deps.log ?? console;
  const http = createPoliteHttp({ userAgent: `ForumReader/${deps.version} (offline reader; +https://github.com/forum-reader)`, ...deps.http });
  const runs = new SyncRuns({ http, emit: deps.emit, log, sampleForumUrl: deps.sampleForumUrl });

  const handlers: Handlers = {
    getAppInfo: async () => ({ version: deps.version, host: deps.host, sampleForumUrl: deps.sampleForumUrl }),
    probeForum: async ({ address }) => probeDiscourseForum(http, address, deps.sampleForumUrl),
    startSync: async (request) => ({ runId: runs.start(request) }),
    ackSyncBatch: async ({ runId, seq }) => {
      runs.ack(runId, seq);
      return {};
    },
    cancelSync: async ({ runId }) => {
      runs.cancel(runId);
      return {};
    },
    openExternal: async ({ url }) => ({ opened: await deps.openExternal(checkExternalUrl(url)) }),
  };
  return { handlers, close: async () => runs.cancelAll() };
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
