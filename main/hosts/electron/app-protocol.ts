// Serves the built renderer (out/renderer/) on app://reader/… for `protocol.handle('app', …)`.
// Only files inside the renderer folder are ever read: encoded `../`, backslashes and NUL bytes
// are refused before the file system is touched, and the resolved path is checked again.
import { readFile as fsReadFile } from 'node:fs/promises';
import path from 'node:path';
import { securityHeaders } from '../content-security-policy';
import { APP_HOST, APP_SCHEME } from './app-origin';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

export const contentTypeFor = (file: string): string =>
  CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

export interface AppProtocolOptions {
  /** Absolute path of the built renderer (out/renderer). */
  rootDir: string;
  /** Injected by tests; defaults to fs.promises.readFile (which Electron patches for asar). */
  readFile?: (file: string) => Promise<Uint8Array>;
  /** Page served for extension-less paths (client-side routes). */
  entry?: string;
}

/** The part of a fetch Request the handler reads; Electron passes a full Request. */
export interface AppRequest {
  readonly url: string;
  readonly method?: string;
}

export type AppProtocolHandler = (request: AppRequest) => Promise<Response>;

const textResponse = (status: number, text: string): Response =>
  new Response(text, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });

/**
 * Maps a request URL to a path relative to the renderer root, or null when it must be refused.
 * Exported for tests.
 */
export function resolveAppPath(rootDir: string, rawUrl: string): { file: string; relative: string } | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..' || /^[a-zA-Z]:/.test(segment))) return null;
  const relative = segments.length === 0 || decoded.endsWith('/') ? [...segments, 'index.html'].join('/') : segments.join('/');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...relative.split('/'));
  if (!file.startsWith(root + path.sep)) return null;
  return { file, relative };
}

const isMissing = (error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
};

export function createAppProtocolHandler(options: AppProtocolOptions): AppProtocolHandler {
  const readFile = options.readFile ?? ((file: string) => fsReadFile(file));
  const entry = options.entry ?? 'index.html';

  const serve = async (file: string, method: string): Promise<Response> => {
    const body = await readFile(file);
    const headers = { ...securityHeaders(), 'Content-Type': contentTypeFor(file), 'Cache-Control': 'no-cache' };
    // Copy into a fresh ArrayBuffer-backed view: Response wants a BufferSource, not a Node Buffer.
    return new Response(method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };

  return async (request) => {
    const method = (request.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const target = resolveAppPath(options.rootDir, request.url);
    if (!target) return textResponse(403, 'Forbidden');
    try {
      return await serve(target.file, method);
    } catch (error) {
      if (!isMissing(error)) return textResponse(500, 'Could not read the file');
      // Client-side routes (no file extension) get the app's entry page; missing assets are 404s.
      if (path.extname(target.relative) === '') {
        try {
          return await serve(path.join(path.resolve(options.rootDir), entry), method);
        } catch {
          return textResponse(404, 'Not found');
        }
      }
      return textResponse(404, 'Not found');
    }
  };
}
