// A real backend for tests: the sample forum and the services on the web host, over real HTTP,
// in a temporary data directory. `api` is the renderer's own HTTP transport.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayload, ForumApi } from '../../shared/api';
import { createServices, type Services } from '../../main/services';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { startSampleForum, type SampleForum, type SampleForumOptions } from '../../main/sample-forum/server';
import { createHttpForumApi } from '../../renderer/bridge/http-forum-api';
import { validatingForumApi } from '../../renderer/bridge/forum-api';
import type { HttpOptions, RequestBudget } from '../../main/sources/polite-http';
import type { SyncTuning } from '../../main/sync/sync-runs';
import { createIpcLinkForTest } from '../unit/hosts/electron/ipc-transport';

export interface ReaderBackend {
  forum: SampleForum;
  services: Services;
  host: WebHost;
  /** The renderer's view of main over the web host's HTTP. */
  api: ForumApi;
  /** The same services over (stand-in) Electron IPC, as the preload exposes them. */
  ipcApi: ForumApi;
  dataDir: string;
  /** Main dies: the services and the web host stop; the forum and the data directory stay. */
  stopMain(): Promise<void>;
  /** Main is back on the same port, with the same token unless given another (a real restart draws a new one). */
  startMain(options?: { token?: string }): Promise<void>;
  close(): Promise<void>;
}

export async function startReaderBackend(
  options: {
    forum?: SampleForumOptions['forum'];
    /** How the sample forum answers as a server: Discourse's rate limits, nginx's request-line limit. */
    serving?: Pick<SampleForumOptions, 'rateLimits' | 'maxRequestLineBytes'>;
    http?: Partial<HttpOptions>;
    rendererDir?: string;
    sync?: SyncTuning & { sampleForumBudget?: RequestBudget };
  } = {},
): Promise<ReaderBackend> {
  const dataDir = mkdtempSync(join(tmpdir(), 'reader-test-'));
  const forum = await startSampleForum({ dataDir, port: 0, forum: options.forum, ...options.serving });
  let host: WebHost | null = null;
  const ipc = createIpcLinkForTest();
  const startServices = () =>
    createServices({
      version: '0.0.0-test',
      host: 'web',
      sampleForumUrl: forum.url,
      sampleForumApiKey: forum.apiKey,
      emit: <K extends EventName>(name: K, payload: EventPayload<K>) => {
        host?.emit(name, payload);
        ipc.emit(name, payload);
      },
      openExternal: async () => false,
      ...(options.sync && { sync: options.sync }),
      // Tests do not wait for real backoff: retries come quickly, still in order.
      http: { backoffBaseMs: 5, backoffMaxMs: 50, ...options.http },
      log: { error: () => {}, warn: () => {}, info: () => {} },
    });
  const rendererDir = options.rendererDir ?? join(dataDir, 'no-renderer');
  let services = startServices();
  let started = await startWebHost({ port: 0, rendererDir, handlers: services.handlers });
  host = started;
  const transport = createHttpForumApi({ baseUrl: started.url, token: started.token });
  const ipcApi = validatingForumApi(ipc.connect(services.handlers));
  return {
    forum,
    get services() {
      return services;
    },
    get host() {
      return started;
    },
    api: validatingForumApi(transport.api),
    ipcApi,
    dataDir,
    async stopMain() {
      host = null;
      await started.close();
      await services.close();
    },
    async startMain({ token = started.token } = {}) {
      services = startServices();
      started = await startWebHost({ port: Number(new URL(started.url).port), rendererDir, handlers: services.handlers, token });
      host = started;
    },
    async close() {
      transport.close();
      ipc.close();
      await services.close();
      await started.close();
      await forum.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
