// One TCP (or TLS) connection to a news server: send command lines, read status lines and
// multi-line blocks under size limits and an idle timeout. It knows the wire format (RFC 3977
// §3.1) and nothing of what the commands mean; nntp-session.ts does. After any failure on the
// wire the connection is closed and unusable: whatever follows in the stream cannot be trusted
// to line up with the commands sent.
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions } from 'node:tls';
import type { NntpAddress } from './nntp-address';
import { NntpError, NntpTooLargeError } from './nntp-errors';
import { LineTooLongError, ResponseLines, unstuffDataLine } from './response-lines';

export interface NntpResponse {
  code: number;
  text: string;
}

export interface NntpConnectionOptions {
  /** Longest silence on the wire. */
  timeoutMs: number;
  /**
   * Longest one response may take, status line to final ".", however steadily it trickles: a
   * server sending a byte a second never trips `timeoutMs` and would hold a run for days.
   */
  responseMs?: number;
  lineBytes: number;
  /** Extra TLS options (a test's own CA); host name checking always stays on. */
  tls?: Pick<ConnectionOptions, 'ca'>;
}

export class NntpConnection {
  private lines: ResponseLines;
  private waiting: (() => void) | null = null;
  private failure: NntpError | null = null;
  private socket: Socket;
  /** When the response being read must be complete (epoch ms). */
  private deadline = Infinity;
  /** TLS from the first byte, or after STARTTLS. */
  secure: boolean;

  private constructor(
    socket: Socket,
    private readonly address: NntpAddress,
    private readonly options: NntpConnectionOptions,
  ) {
    this.lines = new ResponseLines(options.lineBytes);
    this.socket = socket;
    this.secure = address.tls;
    this.listen(socket);
  }

  static async open(address: NntpAddress, options: NntpConnectionOptions): Promise<{ connection: NntpConnection; greeting: NntpResponse }> {
    const socket = address.tls
      ? connectTls({ host: address.host, port: address.port, ...serverName(address.host), ...options.tls })
      : connectTcp({ host: address.host, port: address.port });
    // Commands are small writes answered at once: Nagle's wait for more data would stall every exchange.
    socket.setNoDelay(true);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new NntpError('timeout', `${address.host}:${address.port} did not answer within ${options.timeoutMs / 1000} s.`, true));
      }, options.timeoutMs);
      socket.once(address.tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        // Network errors carry the system call that failed; certificate and handshake errors do not.
        const tlsProblem = address.tls && error.syscall === undefined;
        reject(
          tlsProblem
            ? new NntpError('tls-failed', `The TLS connection to ${address.host}:${address.port} failed: ${error.message}.`, false)
            : new NntpError('unreachable', `Could not connect to ${address.host}:${address.port} (${error.code ?? error.message}).`, true),
        );
      });
    });
    const connection = new NntpConnection(socket, address, options);
    const greeting = await connection.readStatus();
    return { connection, greeting };
  }

  get where(): string {
    return `${this.address.host}:${this.address.port}`;
  }

  get isOpen(): boolean {
    return this.failure === null;
  }

  /** Sends one or more command lines in one write (pipelining, RFC 3977 §3.5). */
  send(commands: string[]): void {
    if (this.failure) throw this.failure;
    for (const command of commands) {
      // A CR or LF inside a command would start a second command the caller never meant.
      if (/[\r\n]/.test(command)) throw new Error(`An NNTP command may not contain a line break: ${JSON.stringify(command)}`);
    }
    this.socket.write(commands.map((command) => `${command}\r\n`).join(''));
  }

  write(data: Buffer): void {
    if (this.failure) throw this.failure;
    this.socket.write(data);
  }

  async command(command: string): Promise<NntpResponse> {
    this.send([command]);
    return this.readStatus();
  }

  async readStatus(): Promise<NntpResponse> {
    // Each response gets its own allowance, from its status line to its end (readBlock).
    this.deadline = Date.now() + (this.options.responseMs ?? DEFAULT_RESPONSE_MS);
    const line = (await this.readLine()).toString('utf8');
    const match = /^([1-5]\d\d)(?:\s(.*))?$/.exec(line);
    if (!match) throw this.fail(new NntpError('protocol', `${this.where} sent "${line.slice(0, 80)}" where a status line belongs.`, true));
    return { code: Number(match[1]), text: match[2] ?? '' };
  }

  /**
   * The multi-line block that follows a status line, unstuffed, lines joined with CRLF. Past
   * `limitBytes` the connection is closed (the rest of the block cannot be skipped safely: an
   * endless one never ends) and a NntpTooLargeError names `what`.
   */
  async readBlock(limitBytes: number, what: string): Promise<Buffer> {
    const parts: Buffer[] = [];
    let size = 0;
    for (;;) {
      const line = unstuffDataLine(await this.readLine());
      if (line === 'end') return Buffer.concat(parts);
      size += line.length + 2;
      if (size > limitBytes) throw this.fail(new NntpTooLargeError(what, limitBytes));
      parts.push(line, CRLF);
    }
  }

  /** Upgrades this connection to TLS in place (STARTTLS, RFC 4642 §2.2.2), after its 382. */
  async upgradeToTls(): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    const secure = connectTls({ socket: plain, host: this.address.host, ...serverName(this.address.host), ...this.options.tls });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', resolve);
      secure.once('error', (error) => reject(this.fail(new NntpError('tls-failed', `STARTTLS with ${this.where} failed: ${error.message}.`, false))));
    });
    // RFC 4642 §2.2.2: anything received before the handshake is discarded.
    this.lines = new ResponseLines(this.options.lineBytes);
    this.socket = secure;
    this.secure = true;
    this.listen(secure);
  }

  close(): void {
    if (!this.failure) {
      this.failure = new NntpError('unavailable', `The connection to ${this.where} was closed.`, true);
      if (!this.socket.destroyed) this.socket.end('QUIT\r\n');
    }
    this.socket.destroy();
  }

  private listen(socket: Socket): void {
    socket.on('data', (chunk: Buffer) => {
      this.lines.push(chunk);
      this.wake();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      this.fail(new NntpError('unavailable', `The connection to ${this.where} failed (${error.code ?? error.message}).`, true));
    });
    socket.on('close', () => {
      this.fail(new NntpError('unavailable', `${this.where} closed the connection.`, true));
    });
  }

  private async readLine(): Promise<Buffer> {
    for (;;) {
      let line: Buffer | null;
      try {
        line = this.lines.takeLine();
      } catch (error) {
        if (error instanceof LineTooLongError) throw this.fail(new NntpTooLargeError(`A line from ${this.where}`, this.options.lineBytes));
        throw error;
      }
      if (line) return line;
      if (this.failure) throw this.failure;
      await this.nextChunk();
    }
  }

  private nextChunk(): Promise<void> {
    const left = this.deadline - Date.now();
    if (left <= 0) return Promise.resolve(void this.fail(this.tooSlow()));
    return new Promise<void>((resolve) => {
      const idle = left > this.options.timeoutMs;
      const timer = setTimeout(() => {
        this.fail(idle ? new NntpError('timeout', `${this.where} sent nothing for ${this.options.timeoutMs / 1000} s.`, true) : this.tooSlow());
        resolve();
      }, Math.min(left, this.options.timeoutMs));
      this.waiting = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private tooSlow(): NntpError {
    return new NntpError('timeout', `${this.where} took more than ${(this.options.responseMs ?? DEFAULT_RESPONSE_MS) / 1000} s to send one answer; the connection was closed.`, true);
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }

  /** Records the first failure, closes the socket, wakes any reader; returns the error to throw. */
  private fail(error: NntpError): NntpError {
    if (!this.failure) this.failure = error;
    this.socket.destroy();
    this.wake();
    return this.failure;
  }
}

const CRLF = Buffer.from('\r\n');
/** Two minutes: a 4 MB article (the largest taken) at 35 KB/s. */
const DEFAULT_RESPONSE_MS = 120_000;

/** SNI names a host, never an address (RFC 6066 §3); the certificate is checked against `host` either way. */
function serverName(host: string): { servername?: string } {
  return isIP(host) ? {} : { servername: host };
}
