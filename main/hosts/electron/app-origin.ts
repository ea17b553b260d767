// The origin the reader's own pages are served from inside Electron. `app` is registered as a
// privileged standard, secure scheme, so pages under it get a real origin (storage, CSP 'self').
export const APP_SCHEME = 'app';
export const APP_HOST = 'reader';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const parse = (raw: unknown): URL | null => {
  if (typeof raw !== 'string') return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
};

/**
 * True for URLs of the reader's own pages. Compares scheme and host rather than `URL.origin`,
 * which Node reports as "null" for custom schemes.
 */
export function isAppUrl(raw: unknown): boolean {
  const url = parse(raw);
  return !!url && url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}

/** Only plain web links may leave the reader for the system browser. */
export function isWebUrl(raw: unknown): boolean {
  const url = parse(raw);
  return !!url && (url.protocol === 'https:' || url.protocol === 'http:');
}
