// Reading numbers and tags out of a picture's header: each returns null (or '') past the end
// instead of reading garbage, so a truncated file is a refusal and never an out-of-range read.

export type Size = { width: number; height: number };
/** A size, or why none could be read. */
export type SizeReading = Size | string;

export function ascii(bytes: Uint8Array, offset: number, length: number): string {
  if (offset + length > bytes.length) return '';
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

export function u16be(bytes: Uint8Array, offset: number): number | null {
  const [a, b] = [bytes[offset], bytes[offset + 1]];
  return a === undefined || b === undefined ? null : (a << 8) | b;
}

export function u32be(bytes: Uint8Array, offset: number): number | null {
  const high = u16be(bytes, offset);
  const low = u16be(bytes, offset + 2);
  return high === null || low === null ? null : high * 0x10000 + low;
}

export function u16le(bytes: Uint8Array, offset: number): number | null {
  const [a, b] = [bytes[offset], bytes[offset + 1]];
  return a === undefined || b === undefined ? null : a | (b << 8);
}

export function u24le(bytes: Uint8Array, offset: number): number | null {
  const low = u16le(bytes, offset);
  const high = bytes[offset + 2];
  return low === null || high === undefined ? null : low + high * 0x10000;
}

export function u32le(bytes: Uint8Array, offset: number): number | null {
  const low = u16le(bytes, offset);
  const high = u16le(bytes, offset + 2);
  return low === null || high === null ? null : low + high * 0x10000;
}
