// One HTTP request written byte for byte on a socket, so a test can send a request line that no
// HTTP client would build (a target that is not a URL, a broken % escape). Resolves with the status.
import { connect } from 'node:net';

export function sendRawRequest(url: string, requestLine: string, headers: Record<string, string> = {}): Promise<number> {
  const { hostname, port } = new URL(url);
  const head = [requestLine, `Host: ${hostname}:${port}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), 'Connection: close'];
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(`${head.join('\r\n')}\r\n\r\n`));
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(answer)?.[1];
      if (status) resolve(Number(status));
      else reject(new Error(`no HTTP answer to ${requestLine}: ${JSON.stringify(answer.slice(0, 80))}`));
    });
  });
}
