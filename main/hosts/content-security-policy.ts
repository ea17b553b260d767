// The one Content-Security-Policy both hosts send with the reader's pages (the Electron host on its
// app:// protocol, the web host over HTTP). Forum posts are sanitised HTML shown inside the reader:
// this policy is the second wall, so a post that slipped through can neither run script, load
// remote content, nor submit or frame anything.
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  // blob: for kept pictures, shown from IndexedDB (features/reader/kept-pictures.ts). https: only
  // for "Load remote images" (off by default) on a forum that does not keep its pictures: the
  // sanitiser keeps a remote image only then, and while online. Plain http: images stay blocked.
  'img-src': ["'self'", 'data:', 'blob:', 'https:'],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-src': ["'none'"],
  'frame-ancestors': ["'none'"],
} as const satisfies Record<string, readonly string[]>;

export const CONTENT_SECURITY_POLICY: string = Object.entries(CSP_DIRECTIVES)
  .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
  .join('; ');

/** Headers to send with every response that serves the reader's own files. */
export const securityHeaders = (): Record<string, string> => ({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
});
