import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../../main/hosts/content-security-policy';
import { createAppProtocolHandler, resolveAppPath } from '../../../../main/hosts/electron/app-protocol';

let base: string;
let rendererDir: string;
let handler: ReturnType<typeof createAppProtocolHandler>;
const SECRET = 'TOP-SECRET-OUTSIDE-RENDERER';

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'app-protocol-'));
  rendererDir = path.join(base, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Forum Reader</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(path.join(rendererDir, 'assets', 'style.css'), 'body{}');
  writeFileSync(path.join(base, 'secret.txt'), SECRET);
  writeFileSync(path.join(base, 'renderer-evil.txt'), SECRET);
  handler = createAppProtocolHandler({ rootDir: rendererDir });
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handler({ url, method });

describe('app:// protocol handler', () => {
  it('serves the entry page with the strict CSP header', async () => {
    const response = await get('app://reader/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Forum Reader</title>');
  });

  it('uses exactly the agreed policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'",
    );
  });

  it('serves the root as index.html and assets with their types', async () => {
    expect(await (await get('app://reader/')).text()).toContain('Forum Reader');
    const js = await get('app://reader/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await get('app://reader/assets/style.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it.each([
    'app://reader/..%2fsecret.txt',
    'app://reader/..%2Fsecret.txt',
    'app://reader/assets/..%2f..%2fsecret.txt',
    'app://reader/assets%2f..%2f..%2fsecret.txt',
    'app://reader/%2e%2e%2fsecret.txt',
    'app://reader/..%5csecret.txt',
    'app://reader/assets%5c..%5c..%5csecret.txt',
    'app://reader/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://reader/..%2frenderer-evil.txt',
    'app://reader/index.html%00.js',
    'app://reader/%E0%A4%A', // malformed escape
  ])('refuses traversal %s with 403 and never reads outside the renderer', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain(SECRET);
  });

  it('keeps literal ../ (normalised by the URL parser) inside the root', async () => {
    const response = await get('app://reader/../../secret.txt');
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(SECRET);
  });

  it('refuses other hosts and schemes', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(403);
    expect((await get('file:///etc/passwd')).status).toBe(403);
    expect((await get('not a url')).status).toBe(403);
  });

  it('answers only GET and HEAD', async () => {
    expect((await get('app://reader/index.html', 'POST')).status).toBe(405);
    const head = await get('app://reader/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('404s missing assets but serves the entry page for client-side routes', async () => {
    expect((await get('app://reader/assets/missing.js')).status).toBe(404);
    const route = await get('app://reader/forums/42');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('Forum Reader');
  });

  it('resolveAppPath maps only into the root', () => {
    expect(resolveAppPath(rendererDir, 'app://reader/assets/app.js')?.file).toBe(path.join(rendererDir, 'assets', 'app.js'));
    expect(resolveAppPath(rendererDir, 'app://reader/')?.relative).toBe('index.html');
    expect(resolveAppPath(rendererDir, 'app://reader/..%2f..%2fsecret.txt')).toBeNull();
  });
});
