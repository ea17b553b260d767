// Fixture rows as JSON: byte arrays (the search index's) are kept as {"$bytes": "<base64>"}.
export type FixtureRows = Record<string, unknown[]>;

const toBase64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

const encode = (value: unknown): unknown => {
  if (value instanceof Uint8Array) return { $bytes: toBase64(value) };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, encode(inner)]));
  return value;
};

const decode = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    const bytes = (value as { $bytes?: unknown }).$bytes;
    if (typeof bytes === 'string' && Object.keys(value).length === 1) return fromBase64(bytes);
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, decode(inner)]));
  }
  return value;
};

export const encodeRows = (rows: FixtureRows): FixtureRows => encode(rows) as FixtureRows;
export const decodeRows = (rows: FixtureRows): FixtureRows => decode(rows) as FixtureRows;
