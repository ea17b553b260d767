// Content-Type and Content-Disposition values (RFC 2045 §5.1, RFC 2183): a type/subtype and
// ;-separated parameters, quoted or not; RFC 2231 continuations and charsets are not decoded
// beyond taking the value as written.

export interface ContentType {
  /** Lower case, e.g. "text/plain"; text/plain when absent or unreadable (RFC 2045 §5.2). */
  mediaType: string;
  params: Map<string, string>;
}

export function parseContentType(value: string | null): ContentType {
  const { first, params } = parseParameters(value ?? '');
  const mediaType = /^[\w.+-]+\/[\w.+-]+$/.test(first) ? first.toLowerCase() : 'text/plain';
  return { mediaType, params };
}

export function parseParameters(value: string): { first: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  const semicolon = value.indexOf(';');
  const first = (semicolon === -1 ? value : value.slice(0, semicolon)).trim();
  const rest = semicolon === -1 ? '' : value.slice(semicolon + 1);
  for (const match of rest.matchAll(/([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g)) {
    const name = match[1]!.toLowerCase().replace(/\*$/, '');
    const raw = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '');
    // RFC 2231 §4: name*=charset'lang'percent-encoded.
    const extended = match[1]!.endsWith('*') ? /^[^']*'[^']*'(.*)$/.exec(raw) : null;
    if (!params.has(name)) params.set(name, extended ? safeDecodeUri(extended[1]!) : raw);
  }
  return { first, params };
}

function safeDecodeUri(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
