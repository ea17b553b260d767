// The bundled sample forum: a Discourse look-alike on 127.0.0.1 that the reader syncs from like any
// other forum, so a first start has something to read and tests have a server they control.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseRequestTarget } from '../request-target';
import { handleApiRequest, isAssetPath, type ApiResponse, type RouteContext } from './discourse-routes';
import { cannedFaultResponse, createFaults, FaultDice, type Faults } from './faults';
import type { ForumStore } from './forum-store';
import { RepliesLog } from './replies-log';
import { loadOrCreateApiKey, SAMPLE_ACCOUNT, type ApiKey } from './sample-account';
import { IpRateLimiter, type RateLimits } from './rate-limits';
import { loadSeedForum } from './seed-thread';

export type { ApiKey } from './sample-account';
export type { Faults } from './faults';

export interface SampleForumOptions {
  /** Where replies and the account key are kept; null keeps everything in memory. */
  dataDir: string | null;
  /** 0 (the default) picks a free port. The host is always 127.0.0.1. */
  port?: number;
  /** A forum to serve instead of the bundled seed thread, e.g. from generateForum(). */
  forum?: ForumStore;
  faults?: Partial<Faults>;
  /** Discourse's per-IP request limits, enforced with 429 + Retry-After (benches and tests only). */
  rateLimits?: RateLimits;
  /** The longest request line answered; nginx's default buffers allow 8 KB (tests lower it). */
  maxRequestLineBytes?: number;
  /** Where the seed files are, if not next to this module (e.g. when bundled). */
  seedDir?: string;
  warn?: (message: string) => void;
}

export interface RequestLogEntry {
  method: string;
  /** The request target as sent: path and query string. */
  path: string;
  /** 0 when no response reached the client (dropped, or reply response lost). */
  status: number;
  fault?: 'drop' | 'rate-limit' | 'server-error' | 'truncate' | 'lose-reply-response' | 'ip-limit';
}

export interface SampleForum {
  url: string;
  store: ForumStore;
  /** Live settings: tests change them while the server runs. */
  faults: Faults;
  requestLog: RequestLogEntry[];
  apiKey: ApiKey;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1024 * 1024;
/** nginx's default large_client_header_buffers (4 8k): a longer request line gets 414. */
const NGINX_REQUEST_LINE_BYTES = 8 * 1024;

export async function startSampleForum(options: SampleForumOptions): Promise<SampleForum> {
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const store = options.forum ?? loadSeedForum(options.seedDir ? { seedDir: options.seedDir } : {});
  const apiKey = loadOrCreateApiKey(options.dataDir, warn);
  store.ensureUser({
    username: apiKey.username,
    name: apiKey.username === SAMPLE_ACCOUNT.username ? SAMPLE_ACCOUNT.name : apiKey.username,
  });

  if (options.dataDir !== null) {
    const { log, saved } = RepliesLog.open(options.dataDir, warn);
    for (const contribution of saved) {
      if (!store.replay(contribution)) warn(`sample forum: saved ${contribution.kind} ${contribution.id} does not fit this forum; skipped`);
    }
    store.onContribution = (contribution) => log.append(contribution);
  }

  const faults = createFaults(options.faults);
  const dice = new FaultDice(faults);
  const requestLog: RequestLogEntry[] = [];
  const limiter = options.rateLimits ? new IpRateLimiter(options.rateLimits) : null;
  const context: RouteContext = { store, apiKey, baseUrl: '', postMemo: new Map() };

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      warn(`sample forum: ${req.method} ${req.url} failed: ${String(error)}`);
      if (!res.headersSent) send(res, { status: 500, route: 'exceptions/internal', contentType: 'application/json; charset=utf-8', body: JSON.stringify({ status: 500, error: 'Internal Server Error' }) });
      else res.destroy();
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    const record = (status: number, fault?: RequestLogEntry['fault']): void => {
      requestLog.push(fault ? { method, path: target, status, fault } : { method, path: target, status });
    };
    if (Buffer.byteLength(`${method} ${target} HTTP/1.1`) > (options.maxRequestLineBytes ?? NGINX_REQUEST_LINE_BYTES)) {
      record(414);
      send(res, { status: 414, route: 'nginx/request_uri_too_large', contentType: 'text/html', body: '<html><head><title>414 Request-URI Too Large</title></head><body><center><h1>414 Request-URI Too Large</h1></center><hr><center>nginx</center></body></html>\n' });
      return;
    }
    const refusal = limiter?.admit(req.socket.remoteAddress ?? '', isAssetPath(target.split('?')[0] ?? '') ? 'asset' : 'app');
    if (refusal) {
      record(429, 'ip-limit');
      send(res, { status: 429, route: 'middleware/request_tracker', contentType: 'text/plain', body: refusal.body, headers: refusal.headers });
      return;
    }
    const body = await readBody(req);
    if (body === null) {
      record(413);
      send(res, { status: 413, route: 'exceptions/payload_too_large', contentType: 'text/plain', body: 'Payload Too Large' });
      return;
    }
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (req.socket.destroyed) return;

    const early = dice.early();
    if (early?.kind === 'drop') {
      record(0, 'drop');
      req.socket.destroy();
      return;
    }
    if (early) {
      const canned = cannedFaultResponse(early, faults.retryAfterSeconds);
      record(canned.status, early.kind);
      send(res, { status: canned.status, route: 'exceptions/fault', contentType: canned.headers['content-type'] ?? 'text/plain', body: canned.body, headers: canned.headers });
      return;
    }

    const url = parseRequestTarget(target, context.baseUrl);
    if (!url) {
      record(400);
      send(res, { status: 400, route: 'exceptions/bad_request', contentType: 'text/plain', body: 'Bad Request: the request target is not a URL.' });
      return;
    }
    const response = handleApiRequest(context, { method, url, headers: req.headers, body });
    const isReplyPost = method === 'POST' && response.route === 'posts/create' && response.status === 200;
    const late = dice.late(isReplyPost);
    if (late?.kind === 'lose-reply-response') {
      record(0, late.kind);
      req.socket.destroy();
      return;
    }
    record(response.status, late?.kind);
    send(res, response, late?.kind === 'truncate');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${HOST}:${port}`;
  context.baseUrl = url;

  let closing: Promise<void> | null = null;
  return {
    url,
    store,
    faults,
    requestLog,
    apiKey,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets would otherwise hold close() open for seconds.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: ApiResponse, truncate = false): void {
  if (res.destroyed) return;
  const body = typeof response.body === 'string' ? Buffer.from(response.body) : response.body;
  res.writeHead(response.status, {
    'content-type': response.contentType,
    'content-length': String(body.length),
    'cache-control': 'no-cache, no-store',
    ...response.headers,
    // Real Discourse names the controller action on every app response; the reader may use it
    // to recognise a Discourse server.
    'x-discourse-route': response.route,
    ...(response.username ? { 'x-discourse-username': response.username } : {}),
  });
  if (!truncate) {
    res.end(body);
    return;
  }
  // Headers promise the whole body; half arrives, then the connection dies.
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
}
