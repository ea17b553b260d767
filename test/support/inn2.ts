// The real INN2 news server (Debian's inn2) for the NNTP integration tests. Finds it, starts it
// when it is installed but stopped and we are root, makes uniquely named groups for one test
// file, posts articles dated now (INN refuses articles older than artcutoff, 10 days), and
// removes only the groups it made. Without INN2 the tests skip with one line saying how to install
// it; with CI=true a missing INN2 fails the run instead (.ci/run installs it).
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { NntpClient } from '../../main/sources/nntp/nntp-client';

const run = promisify(execFile);
const NEWS_BIN = '/usr/lib/news/bin';
export const INN2_ADDRESS = { host: '127.0.0.1', port: 119, tls: false } as const;
export const INSTALL_INN2 =
  "INN2 is not installed, so the NNTP integration tests are skipped; to run them, as root: apt-get install inn2-inews && echo 'domain: localdomain' >> /etc/news/inn.conf && apt-get install inn2 (as .ci/run does).";

export type Inn2 = { available: true } | { available: false; why: string };

let found: Promise<Inn2> | null = null;

/** Whether INN2 is there and answering on 127.0.0.1:119, starting it if it can. */
export function findInn2(): Promise<Inn2> {
  found ??= detect();
  return found;
}

async function detect(): Promise<Inn2> {
  if (await answers()) return { available: true };
  const installed = existsSync(`${NEWS_BIN}/rc.news`);
  if (installed && process.getuid?.() === 0) {
    // Detached with its output ignored: innd outlives the tests and must not hold their pipes.
    spawn('su', ['news', '-s', '/bin/sh', '-c', `${NEWS_BIN}/rc.news`], { detached: true, stdio: 'ignore' }).unref();
    for (let attempt = 0; attempt < 50; attempt++) {
      if (await answers()) return { available: true };
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return unavailable('INN2 is installed but did not start; see /var/log/news/news.err.');
  }
  return unavailable(installed ? 'INN2 is installed but not running; start it as root with `su news -s /bin/sh -c /usr/lib/news/bin/rc.news`.' : INSTALL_INN2);
}

function unavailable(why: string): Inn2 {
  if (process.env.CI === 'true') throw new Error(`CI=true and INN2 is not available: ${why}`);
  return { available: false, why };
}

function answers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(INN2_ADDRESS.port, INN2_ADDRESS.host);
    socket.setTimeout(2000);
    socket.once('data', (chunk: Buffer) => {
      socket.destroy();
      resolve(/^20[01]/.test(chunk.toString('latin1')));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function ctlinnd(...args: string[]): Promise<void> {
  const command = [`${NEWS_BIN}/ctlinnd`, '-t', '30', ...args].join(' ');
  await run('su', ['news', '-s', '/bin/sh', '-c', command]);
}

/** Test groups made by this process, removed by removeTestGroups. */
const made: string[] = [];

/** A new group named test.reader.<label>.<random>, so runs and files never share one. */
export async function createTestGroup(label: string): Promise<string> {
  const name = `test.reader.${label}.${randomBytes(4).toString('hex')}`;
  await ctlinnd('newgroup', name, 'y');
  made.push(name);
  return name;
}

/** A group of this exact name, made unless it is there (the bench keeps its group between runs). */
export async function ensureGroup(name: string): Promise<void> {
  const client = new NntpClient({ address: INN2_ADDRESS });
  try {
    await client.group(name);
    return;
  } catch {
    await ctlinnd('newgroup', name, 'y');
  } finally {
    client.close();
  }
}

export async function removeTestGroups(): Promise<void> {
  for (const name of made.splice(0)) await ctlinnd('rmgroup', name);
}

export interface TestArticle {
  subject: string;
  body: string;
  messageId?: string;
  references?: string[];
  /** Extra header lines, e.g. "Content-Type: text/plain; charset=ISO-8859-1". */
  headers?: string[];
  bodyBytes?: Buffer;
}

export function testArticle(group: string, article: TestArticle, index = 0): Buffer {
  const messageId = article.messageId ?? `<${randomBytes(8).toString('hex')}.${index}@test.reader.invalid>`;
  const head = [
    'From: Test Poster <poster@test.reader.invalid>',
    `Newsgroups: ${group}`,
    `Subject: ${article.subject}`,
    // Dated now, minus a second per index so the order is stable; INN's artcutoff is 10 days.
    `Date: ${new Date(Date.now() - index * 1000).toUTCString()}`,
    `Message-ID: ${messageId}`,
    ...(article.references?.length ? [`References: ${article.references.join(' ')}`] : []),
    ...(article.headers ?? []),
  ].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`), article.bodyBytes ?? Buffer.from(article.body.replace(/\r?\n/g, '\r\n'))]);
}

/** Posts each article through NNTP POST; throws unless every one was accepted. */
export async function postArticles(group: string, articles: TestArticle[]): Promise<void> {
  const client = new NntpClient({ address: INN2_ADDRESS });
  try {
    for (const [index, article] of articles.entries()) {
      const outcome = await client.post(testArticle(group, article, index));
      if (outcome.outcome !== 'posted') throw new Error(`INN2 did not take test article ${index}: ${JSON.stringify(outcome)}`);
    }
  } finally {
    client.close();
  }
}
