// Reads a byte stream a line at a time without holding more than one line and one chunk, so a
// library file of any size can be checked and imported.

/** A line longer than this is not a row of a library (a post is far smaller): the file is something else. */
export const MAX_LINE_CHARS = 32 * 1024 * 1024;

export class NotTextError extends Error {
  constructor(readonly lineNumber: number) {
    super(`line ${lineNumber} is not UTF-8 text`);
  }
}

export class LineTooLongError extends Error {
  constructor(readonly lineNumber: number) {
    super(`line ${lineNumber} is longer than ${MAX_LINE_CHARS} characters`);
  }
}

/** Awaits a promise that is not IndexedDB's; inside a transaction this must keep it alive (Dexie.waitFor). */
export type Waiter = <T>(promise: Promise<T>) => Promise<T>;
const plainWait: Waiter = (promise) => promise;

export class LineReader {
  /** The number of the line `next` returned last (1-based). */
  lineNumber = 0;
  bytesRead = 0;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private buffer = '';
  private start = 0;
  private done = false;

  constructor(
    stream: ReadableStream<Uint8Array>,
    private readonly wait: Waiter = plainWait,
    private readonly maxLineChars = MAX_LINE_CHARS,
  ) {
    this.reader = stream.getReader();
  }

  /** The next line without its line break, or null at the end of the stream. */
  async next(): Promise<string | null> {
    for (;;) {
      const end = this.buffer.indexOf('\n', this.start);
      if (end !== -1) {
        const line = this.buffer.slice(this.start, end);
        this.start = end + 1;
        this.lineNumber += 1;
        return line.endsWith('\r') ? line.slice(0, -1) : line;
      }
      if (this.buffer.length - this.start > this.maxLineChars) throw new LineTooLongError(this.lineNumber + 1);
      if (this.done) {
        if (this.start >= this.buffer.length) return null;
        const last = this.buffer.slice(this.start);
        this.start = this.buffer.length;
        this.lineNumber += 1;
        return last;
      }
      const { value, done } = await this.wait(this.reader.read());
      this.buffer = this.buffer.slice(this.start);
      this.start = 0;
      try {
        if (done) {
          this.done = true;
          this.buffer += this.decoder.decode();
        } else {
          this.bytesRead += value.byteLength;
          this.buffer += this.decoder.decode(value, { stream: true });
        }
      } catch {
        throw new NotTextError(this.lineNumber + 1);
      }
    }
  }

  async cancel(): Promise<void> {
    await this.wait(this.reader.cancel()).catch(() => {});
  }
}
