// Splits what a server sends into CRLF lines, each under a size limit, and reads multi-line
// data blocks (RFC 3977 §3.1.1): a block ends at a line holding only ".", and a line that
// starts with "." was sent with another "." in front, which is taken off here. Lines stay bytes:
// an article's charset is only known once its headers are read.

const CR = 0x0d;
const LF = 0x0a;
const DOT = 0x2e;

export class LineTooLongError extends Error {}

export class ResponseLines {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly maxLineBytes: number) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
  }

  /** The next line without its line ending, or null until one has fully arrived. */
  takeLine(): Buffer | null {
    const end = this.buffer.indexOf(LF);
    if (end === -1) {
      if (this.buffer.length > this.maxLineBytes) throw new LineTooLongError(`a line longer than ${this.maxLineBytes} bytes`);
      return null;
    }
    if (end > this.maxLineBytes + 1) throw new LineTooLongError(`a line longer than ${this.maxLineBytes} bytes`);
    const line = this.buffer.subarray(0, end > 0 && this.buffer[end - 1] === CR ? end - 1 : end);
    this.buffer = this.buffer.subarray(end + 1);
    return line;
  }
}

/** The data line as sent, or `end` for the block's terminating ".". */
export function unstuffDataLine(line: Buffer): Buffer | 'end' {
  if (line.length > 0 && line[0] === DOT) {
    if (line.length === 1) return 'end';
    return line.subarray(1);
  }
  return line;
}

/** An article or command data ready to send: CRLF endings, leading dots doubled, "." at the end. */
export function stuffDataBlock(text: Buffer): Buffer {
  const lines: Buffer[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf(LF, start);
    if (end === -1) end = text.length;
    const line = text.subarray(start, end > start && text[end - 1] === CR ? end - 1 : end);
    if (line[0] === DOT) lines.push(Buffer.from('.'));
    lines.push(line, Buffer.from('\r\n'));
    start = end + 1;
  }
  lines.push(Buffer.from('.\r\n'));
  return Buffer.concat(lines);
}
