// nntp://host[:port] (119), nntps://host[:port] (563, TLS from the first byte) and news://host
// (RFC 5538 §2; a news: URL names no transport, so it is read as plain NNTP on 119).

export interface NntpAddress {
  host: string;
  port: number;
  tls: boolean;
}

export class NntpAddressError extends Error {
  constructor(readonly address: string, why: string) {
    super(`"${address}" is not a news server address: ${why}. Write it as nntp://host, nntps://host or news://host.`);
    this.name = 'NntpAddressError';
  }
}

const DEFAULT_PORTS = { 'nntp:': 119, 'news:': 119, 'nntps:': 563 } as const;

export function parseNntpAddress(address: string): NntpAddress {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    throw new NntpAddressError(address, 'it is not a URL');
  }
  const scheme = url.protocol as keyof typeof DEFAULT_PORTS;
  if (!(scheme in DEFAULT_PORTS)) throw new NntpAddressError(address, `the scheme ${url.protocol} is not nntp:, nntps: or news:`);
  // news:comp.lang.c (no //) names a group, not a server.
  if (!url.hostname) throw new NntpAddressError(address, 'it names no server');
  if (url.username || url.password) throw new NntpAddressError(address, 'a user name or password belongs in its own fields, not in the address');
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[scheme];
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return { host, port, tls: scheme === 'nntps:' };
}
