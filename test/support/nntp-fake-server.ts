// An in-process news server on 127.0.0.1 (port 0) for the faults INN2 will not produce: lying
// counts, broken overview lines, huge articles, dropped connections, 400/502. Each test scripts it
// with a function from command to reply; it records every command and connection.
import { createServer, type Socket } from 'node:net';
import { createServer as createTlsServer, createSecureContext, TLSSocket } from 'node:tls';
import { TEST_TLS_CERT, TEST_TLS_KEY } from './nntp-test-tls';
import type { AddressInfo } from 'node:net';
import type { NntpAddress } from '../../main/sources/nntp/nntp-address';

/** Text to send (CRLF line endings added where missing is the test's job), or what to do instead. */
export type FakeReply = string | Buffer | { drop: true } | { silent: true } | { trickle: string; everyMs: number };

export interface FakeContext {
  /** 1 for the first connection, 2 for the second, … */
  connection: number;
}

export interface FakeNntpOptions {
  greeting?: (context: FakeContext) => FakeReply;
  reply: (command: string, context: FakeContext) => FakeReply;
  /** The unstuffed article after a 340 to POST; answers with 240 by default. */
  article?: (article: string, context: FakeContext) => FakeReply;
  /** implicit: TLS from the first byte (nntps://); starttls: plain, upgraded after "382" to STARTTLS. */
  tls?: 'implicit' | 'starttls';
}

export interface FakeNntpServer {
  address: NntpAddress;
  commands: string[];
  articles: string[];
  connections: number;
  mostAtOnce: number;
  close(): Promise<void>;
}

export async function startFakeNntpServer(options: FakeNntpOptions): Promise<FakeNntpServer> {
  const sockets = new Set<Socket>();
  let open = 0;
  const state: FakeNntpServer = { address: { host: '127.0.0.1', port: 0, tls: false }, commands: [], articles: [], connections: 0, mostAtOnce: 0, close };
  const secureContext = createSecureContext({ cert: TEST_TLS_CERT, key: TEST_TLS_KEY });
  const serve = (socket: Socket): void => {
    sockets.add(socket);
    socket.setNoDelay(true);
    state.connections += 1;
    open += 1;
    state.mostAtOnce = Math.max(state.mostAtOnce, open);
    socket.on('close', () => {
      sockets.delete(socket);
      open -= 1;
    });
    const context: FakeContext = { connection: state.connections };
    let stream: Socket = socket;
    let pending = '';
    let inArticle: string[] | null = null;
    // Replies go out in the order of the commands, as a real server's do: one that trickles holds
    // back the ones after it.
    let sending: Promise<void> = Promise.resolve();
    const write = (reply: FakeReply): Promise<void> | void => {
      if (typeof reply === 'object' && 'drop' in reply) stream.destroy();
      else if (typeof reply === 'object' && 'silent' in reply) return;
      else if (typeof reply === 'object' && 'trickle' in reply) {
        // A byte at a time, steadily: never silent long enough for an idle timeout.
        return new Promise<void>((done) => {
          let at = 0;
          const timer = setInterval(() => {
            if (stream.destroyed || at >= reply.trickle.length) {
              clearInterval(timer);
              return done();
            }
            stream.write(reply.trickle[at++]!);
          }, reply.everyMs);
        });
      } else if (!stream.destroyed) stream.write(reply);
    };
    const send = (reply: FakeReply): void => {
      sending = sending.then(() => write(reply));
    };
    const onData = (chunk: Buffer): void => {
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n'); end !== -1 && !stream.destroyed; end = pending.indexOf('\r\n')) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        if (inArticle) {
          if (line === '.') {
            const article = inArticle.join('\r\n');
            inArticle = null;
            state.articles.push(article);
            send(options.article?.(article, context) ?? '240 article received\r\n');
          } else {
            inArticle.push(line.startsWith('.') ? line.slice(1) : line);
          }
          continue;
        }
        state.commands.push(line);
        if (line === 'STARTTLS' && options.tls === 'starttls' && stream === socket) {
          stream.write('382 begin TLS\r\n');
          socket.removeListener('data', onData);
          pending = '';
          stream = new TLSSocket(socket, { isServer: true, secureContext });
          stream.on('data', onData);
          stream.on('error', () => undefined);
          return;
        }
        const reply = options.reply(line, context);
        if (line === 'POST' && typeof reply === 'string' && reply.startsWith('340')) inArticle = [];
        send(reply);
      }
    };
    socket.on('error', () => undefined);
    socket.on('data', onData);
    send(options.greeting?.(context) ?? '200 fake server ready\r\n');
  };
  const server = options.tls === 'implicit' ? createTlsServer({ cert: TEST_TLS_CERT, key: TEST_TLS_KEY }, serve) : createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.address = { host: '127.0.0.1', port: (server.address() as AddressInfo).port, tls: options.tls === 'implicit' };
  async function close(): Promise<void> {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return state;
}

/** The usual answers of a reader server, for the commands a test does not script itself. */
export function readerBasics(command: string): string | null {
  if (command === 'CAPABILITIES') return '101 Capability list:\r\nVERSION 2\r\nREADER\r\nOVER\r\nPOST\r\n.\r\n';
  if (command === 'MODE READER') return '200 reader ready\r\n';
  if (command === 'QUIT') return '205 bye\r\n';
  const group = /^GROUP (\S+)$/.exec(command);
  if (group) return `211 3 1 3 ${group[1]}\r\n`;
  return null;
}

/** A multi-line reply: status, lines dot-stuffed, terminator. */
export function block(status: string, lines: string[]): string {
  return `${status}\r\n${lines.map((line) => (line.startsWith('.') ? `.${line}` : line)).join('\r\n')}${lines.length ? '\r\n' : ''}.\r\n`;
}
