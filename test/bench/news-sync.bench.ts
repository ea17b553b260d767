// A newsgroup's sync through the NNTP engine, against a real INN2 on 127.0.0.1:119: a group of
// 10,000 articles (made once, named bench.reader.news10k, and kept for later runs), synced whole
// (firstSyncArticles 10,000) through the reader's services, each batch checked against the
// contract's schema and committed to memory as it arrives, then synced again with nothing new.
// Measured: articles per second, and NNTP commands per 1,000 articles (the client's count).
import * as v from 'valibot';
import type { EventPayload } from '../../shared/api';
import { SyncBatchSchema } from '../../shared/model';
import { createServices } from '../../main/services';
import { NntpClient } from '../../main/sources/nntp/nntp-client';
import { ensureGroup, findInn2, INN2_ADDRESS, postArticles } from '../support/inn2';
import { NewsSyncStore } from '../support/news-sync-store';

const GROUP = 'bench.reader.news10k';
const ARTICLES = 10_000;

export interface NewsSyncFigures {
  articles: number;
  firstSeconds: number;
  articlesPerSecond: number;
  commandsPer1000: number;
  noChangeSeconds: number;
  noChangeCommands: number;
}

async function fillGroup(log: (line: string) => void): Promise<void> {
  await ensureGroup(GROUP);
  const client = new NntpClient({ address: INN2_ADDRESS });
  let have: number;
  try {
    have = (await client.group(GROUP)).count;
  } finally {
    client.close();
  }
  if (have >= ARTICLES) return;
  log(`posting ${ARTICLES - have} articles to ${GROUP} (once; the group is kept for later runs)…`);
  const articles = Array.from({ length: ARTICLES - have }, (_, i) => {
    const n = have + i + 1;
    // Threads of ten: a root and nine replies to it, as a busy group reads.
    const root = n - ((n - 1) % 10);
    return {
      subject: n === root ? `Bench thread ${root}` : `Re: Bench thread ${root}`,
      body: `Article ${n} of the bench group.\n\n> A quoted line from an earlier article,\n> and another one.\n\nTwo paragraphs of text, about the length of an ordinary Usenet reply: enough words to be\nmore than a one-liner and less than an essay.\n\n-- \nBench poster\n`,
      messageId: `<bench-${n}@test.reader.invalid>`,
      ...(n !== root && { references: [`<bench-${root}@test.reader.invalid>`] }),
    };
  });
  for (let start = 0; start < articles.length; start += 500) await postArticles(GROUP, articles.slice(start, start + 500));
}

export async function benchNewsSync(log: (line: string) => void = console.log): Promise<NewsSyncFigures | null> {
  const inn2 = await findInn2();
  if (!inn2.available) {
    log(`NNTP: skipped. ${inn2.why}`);
    return null;
  }
  await fillGroup(log);
  const store = new NewsSyncStore(INN2_ADDRESS);
  let listener: ((name: string, payload: unknown) => void) | null = null;
  const services = createServices({
    version: 'bench',
    host: 'web',
    sampleForumUrl: 'http://127.0.0.1:9',
    openExternal: async () => false,
    emit: (name, payload) => listener?.(name, payload),
  });
  const sync = async () => {
    const started = performance.now();
    const done = new Promise<EventPayload<'syncDone'>>((resolve) => {
      listener = (name, payload) => {
        if (name === 'syncBatch') {
          // What the transport does at the boundary, then the commit.
          const batch = v.parse(SyncBatchSchema, payload);
          store.commit(batch);
          void services.handlers.ackSyncBatch({ runId: batch.runId, seq: batch.seq });
        } else if (name === 'syncDone') resolve(payload as EventPayload<'syncDone'>);
      };
    });
    await services.handlers.startSync(store.request([GROUP], { firstSyncArticles: ARTICLES }));
    const summary = await done;
    if (summary.status !== 'completed') throw new Error(`sync ${summary.status}: ${summary.error?.message}`);
    return { seconds: (performance.now() - started) / 1000, summary };
  };
  try {
    const first = await sync();
    const again = await sync();
    const figures: NewsSyncFigures = {
      articles: first.summary.postsFetched,
      firstSeconds: first.seconds,
      articlesPerSecond: first.summary.postsFetched / first.seconds,
      commandsPer1000: (first.summary.requests / first.summary.postsFetched) * 1000,
      noChangeSeconds: again.seconds,
      noChangeCommands: again.summary.requests,
    };
    log(
      `NNTP: ${figures.articles.toLocaleString('en')} articles of ${GROUP} (INN2, 127.0.0.1) in ${figures.firstSeconds.toFixed(1)} s = ${Math.round(figures.articlesPerSecond).toLocaleString('en')} articles/s, ` +
        `${figures.commandsPer1000.toFixed(0)} commands per 1,000 articles; no-change re-sync ${(figures.noChangeSeconds * 1000).toFixed(0)} ms, ${figures.noChangeCommands} commands; ${store.storedTwice.length} stored twice`,
    );
    return figures;
  } finally {
    await services.close();
  }
}

export async function run(): Promise<void> {
  await benchNewsSync();
}
