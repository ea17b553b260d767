// The services on loopback HTTP, for a plain Chromium when no Electron binary can be had.
// Bound to 127.0.0.1 only. The reader's own files are public code and load for anyone with a Host
// we expect; every call and the event stream need the per-launch token in a header, and calls need
// our own Origin. The token is never a cookie: cookies ignore ports, so the browser would send one
// to every other server on 127.0.0.1. The printed link hands it over in the fragment, which no
// browser sends to any server; the page keeps it in storage scoped to its own origin.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WEB_TOKEN_HEADER, type EventName, type EventPayload, type Handlers } from '../../../shared/api';
import { dispatchCall, type Logger } from '../../dispatch';
import { decodePathname, parseRequestTarget } from '../../request-target';
import { securityHeaders as readerSecurityHeaders } from '../content-security-policy';

// The web page must not be framed by another site (Electron has no such risk).
const securityHeaders = () => ({ ...readerSecurityHeaders(), 'X-Frame-Options': 'DENY' });

const MAX_BODY_BYTES = 32 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface WebHostOptions {
  port: number;
  rendererDir: string;
  handlers: Handlers;
  log?: Logger;
  /** Fixed in tests; a fresh random one per launch otherwise. */
  token?: string;
}

export interface WebHost {
  url: string;
  /** The link to open: the token rides in the fragment (#token=…), which the browser never sends. */
  launchUrl: string;
  token: string;
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const log = options.log ?? console;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const streams = new Set<ServerResponse>();

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error('web host request failed', error);
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'The reader failed to answer this request.');
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const port = (server.address() as AddressInfo).port;
    const host = request.headers.host ?? '';
    // Rejecting other Host names defeats DNS rebinding: a page on another site cannot reach us by name.
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return refuse(response, 'Unknown host.');
    const url = parseRequestTarget(request.url, `http://${host}`);
    if (!url) return send(response, 400, 'text/plain; charset=utf-8', 'Bad request: the request target is not a URL.');

    if (url.pathname.startsWith('/api/')) {
      if (!hasToken(request, token)) return refuse(response, 'Open the reader with the link that npm start printed.');
      const requestOrigin = request.headers.origin;
      if (request.method === 'POST' && requestOrigin !== undefined && requestOrigin !== `http://${host}`) {
        return refuse(response, 'Calls are accepted only from the reader itself.');
      }
      if (url.pathname === '/api/events' && request.method === 'GET') return openEventStream(response);
      const name = /^\/api\/call\/([A-Za-z]+)$/.exec(url.pathname)?.[1];
      if (name && request.method === 'POST') {
        const body = await readJsonBody(request);
        const result = body.ok ? await dispatchCall(options.handlers, name, body.value, log) : body;
        // Bytes (a picture) travel as they are, not inside JSON; every other answer is a JSON Result.
        if (result.ok && result.value instanceof Uint8Array) return sendBytes(response, result.value);
        return send(response, 200, 'application/json', JSON.stringify(result));
      }
      return send(response, 404, 'text/plain; charset=utf-8', 'No such call.');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed.');
    serveRendererFile(url.pathname, response);
  }

  function openEventStream(response: ServerResponse) {
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    response.write(': connected\n\n');
    streams.add(response);
    response.on('close', () => streams.delete(response));
  }

  function serveRendererFile(pathname: string, response: ServerResponse) {
    const root = normalize(options.rendererDir);
    const decoded = decodePathname(pathname);
    if (decoded === null) return send(response, 400, 'text/plain; charset=utf-8', 'Bad request: the path has a broken % escape.');
    let file = normalize(join(root, decoded));
    if (file !== root && !file.startsWith(root + sep)) return send(response, 404, 'text/plain; charset=utf-8', 'Not found.');
    // Paths without a file extension are the app's own routes: they all load index.html.
    if (!extname(file) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    if (!existsSync(file)) return send(response, 500, 'text/plain; charset=utf-8', 'The renderer is not built: run npm run build.');
    response.writeHead(200, {
      ...securityHeaders(),
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    createReadStream(file).pipe(response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    launchUrl: `${origin}/#token=${token}`,
    token,
    emit(name, payload) {
      const frame = `data: ${JSON.stringify({ name, payload })}\n\n`;
      // A stream ended by close() stays in the set until its socket closes; a late event (a
      // cancelled sync reporting back) must not be written to it.
      for (const stream of streams) if (!stream.writableEnded && !stream.destroyed) stream.write(frame);
    },
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function hasToken(request: IncomingMessage, token: string): boolean {
  const header = request.headers[WEB_TOKEN_HEADER];
  return typeof header === 'string' && sameToken(header, token);
}

function sameToken(offered: string, token: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(response: ServerResponse, reason: string) {
  send(response, 403, 'text/plain; charset=utf-8', `Forbidden: ${reason}`);
}

function send(response: ServerResponse, status: number, type: string, body: string) {
  response.writeHead(status, { ...securityHeaders(), 'Content-Type': type, 'Cache-Control': 'no-store' });
  response.end(body);
}

function sendBytes(response: ServerResponse, bytes: Uint8Array) {
  response.writeHead(200, { ...securityHeaders(), 'Content-Type': 'application/octet-stream', 'Content-Length': bytes.length, 'Cache-Control': 'no-store' });
  response.end(bytes);
}

async function readJsonBody(request: IncomingMessage) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { ok: false as const, error: { code: 'invalid_request' as const, message: 'The request is too large.' } };
    chunks.push(chunk as Buffer);
  }
  try {
    return { ok: true as const, value: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as unknown };
  } catch {
    return { ok: false as const, error: { code: 'invalid_request' as const, message: 'The request body is not JSON.' } };
  }
}
