// Variable-length integers (7 bits a byte), the encoding that keeps stored postings small: most
// gaps between document numbers and most term counts fit in one byte.

export class ByteWriter {
  private bytes = new Uint8Array(1024);
  private length = 0;

  uint(value: number): void {
    if (this.length + 8 > this.bytes.length) this.grow(8);
    let v = value;
    // Up to 2^53; bit operations would cut values at 2^32 (a time in seconds, zigzagged, needs more).
    while (v >= 0x80) {
      this.bytes[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.bytes[this.length++] = v;
  }

  /** Signed values (time deltas) as zigzag, so small negatives stay small. */
  int(value: number): void {
    this.uint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  /** Four bytes, for values with no small ones to favour (hashes). */
  fixed32(value: number): void {
    if (this.length + 4 > this.bytes.length) this.grow(4);
    const v = value >>> 0;
    this.bytes[this.length++] = v & 0xff;
    this.bytes[this.length++] = (v >>> 8) & 0xff;
    this.bytes[this.length++] = (v >>> 16) & 0xff;
    this.bytes[this.length++] = v >>> 24;
  }

  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  private grow(extra: number) {
    const next = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }
}

export class ByteReader {
  offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  uint(): number {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = this.bytes[this.offset++] as number;
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  }

  fixed32(): number {
    const b = this.bytes;
    const o = this.offset;
    this.offset += 4;
    return ((b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16)) + (b[o + 3] as number) * 0x1000000;
  }

  int(): number {
    const z = this.uint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }
}
