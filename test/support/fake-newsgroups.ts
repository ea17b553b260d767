// Groups of articles served by the fake news server (nntp-fake-server.ts): GROUP, OVER/XOVER,
// ARTICLE/HEAD/BODY by number or Message-ID, STAT and POST, from a table a test fills and edits
// between runs. Faults are scripted on top with `override`.
import { block, readerBasics, type FakeContext, type FakeNntpOptions, type FakeReply } from './nntp-fake-server';

export interface FakeArticle {
  number: number;
  messageId: string;
  subject: string;
  from?: string;
  date?: string;
  references?: string[];
  /** Extra header lines ("Content-Type: …"). */
  headers?: string[];
  body?: string;
  /** The whole article, when a test wants bytes no header builder would write. */
  raw?: string;
  /** What OVER says of it, when it should differ from the article (a lying or broken server). */
  overview?: string;
}

export type FakeGroups = Map<string, FakeArticle[]>;

export function articleText(article: FakeArticle, group: string): string {
  if (article.raw !== undefined) return article.raw;
  return [
    `From: ${article.from ?? 'Ann Poster <ann@example.org>'}`,
    `Newsgroups: ${group}`,
    `Subject: ${article.subject}`,
    `Date: ${article.date ?? 'Sat, 05 Dec 2026 10:00:00 +0000'}`,
    `Message-ID: ${article.messageId}`,
    ...(article.references?.length ? [`References: ${article.references.join(' ')}`] : []),
    ...(article.headers ?? []),
    '',
    article.body ?? `Body of ${article.messageId}`,
  ].join('\r\n');
}

function overviewLine(article: FakeArticle): string {
  if (article.overview !== undefined) return article.overview;
  return [article.number, article.subject, article.from ?? 'Ann Poster <ann@example.org>', article.date ?? 'Sat, 05 Dec 2026 10:00:00 +0000', article.messageId, (article.references ?? []).join(' '), '100', '3'].join('\t');
}

export interface FakeNewsOptions {
  /** Answers a command before the table does; null lets the table answer. */
  override?: (command: string, context: FakeContext) => FakeReply | null;
  /** GROUP's answer, when the server should lie about it. */
  groupLine?: (group: string, articles: FakeArticle[]) => string;
}

export function fakeNewsServer(groups: FakeGroups, options: FakeNewsOptions = {}): FakeNntpOptions {
  const selected = new Map<number, string>();
  const byId = (messageId: string) => {
    for (const [group, articles] of groups) {
      const found = articles.find((article) => article.messageId === messageId);
      if (found) return { group, article: found };
    }
    return null;
  };
  return {
    reply(command, context) {
      const scripted = options.override?.(command, context);
      if (scripted) return scripted;
      const group = /^GROUP (\S+)$/.exec(command);
      if (group) {
        const articles = groups.get(group[1]!);
        if (!articles) return '411 no such group\r\n';
        selected.set(context.connection, group[1]!);
        if (options.groupLine) return options.groupLine(group[1]!, articles);
        const numbers = articles.map((article) => article.number);
        return articles.length === 0 ? `211 0 1 0 ${group[1]}\r\n` : `211 ${articles.length} ${Math.min(...numbers)} ${Math.max(...numbers)} ${group[1]}\r\n`;
      }
      const over = /^X?OVER (\d+)-(\d+)$/.exec(command);
      if (over) {
        const articles = (groups.get(selected.get(context.connection) ?? '') ?? []).filter((article) => article.number >= Number(over[1]) && article.number <= Number(over[2]));
        return articles.length === 0 ? '423 no articles in that range\r\n' : block('224 overview follows', articles.map(overviewLine));
      }
      const fetch = /^(ARTICLE|HEAD|BODY|STAT) (\S+)$/.exec(command);
      if (fetch) {
        const [, verb, id] = fetch as unknown as [string, string, string];
        const hit = id.startsWith('<')
          ? byId(id)
          : (() => {
              const name = selected.get(context.connection) ?? '';
              const article = (groups.get(name) ?? []).find((candidate) => candidate.number === Number(id));
              return article ? { group: name, article } : null;
            })();
        if (!hit) return id.startsWith('<') ? '430 no such article\r\n' : '423 no such article number\r\n';
        if (verb === 'STAT') return `223 ${hit.article.number} ${hit.article.messageId}\r\n`;
        const text = articleText(hit.article, hit.group);
        const split = text.indexOf('\r\n\r\n');
        const part = verb === 'HEAD' ? text.slice(0, split) : verb === 'BODY' ? text.slice(split + 4) : text;
        const code = verb === 'ARTICLE' ? 220 : verb === 'HEAD' ? 221 : 222;
        return block(`${code} ${hit.article.number} ${hit.article.messageId}`, part.split('\r\n'));
      }
      if (command === 'POST') return '340 send it\r\n';
      return readerBasics(command) ?? '500 what?\r\n';
    },
  };
}

/** `count` articles numbered from `first`, each a thread of its own unless `references` says otherwise. */
export function manyArticles(count: number, first = 1, label = 'a'): FakeArticle[] {
  return Array.from({ length: count }, (_, i) => ({ number: first + i, messageId: `<${label}${first + i}@example.org>`, subject: `Article ${first + i}` }));
}
