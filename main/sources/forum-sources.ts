// Which engine and which address serve a forum, decided here and nowhere else: a news server by
// its address's scheme (nntp:, nntps:, news:), anything else is a Discourse site; the bundled
// sample forum listens at a new address each launch, keeps one id, and is asked without a budget.
import { AppError, DEFAULT_REQUESTS_PER_MINUTE, type AppErrorInfo, type ForumProbe, type SyncRequest } from '../../shared/api';
import { forumIdFor, SAMPLE_FORUM_ID } from '../../shared/model';
import type { Credentials } from '../accounts/account-store';
import { createDiscourseEngine } from './discourse/discourse-engine';
import type { EngineSync, ForumConnection, ForumEngine, Politeness } from './forum-source';
import { createNntpEngine, isNewsAddress, type NewsClientSettings } from './nntp/news-engine';
import { newsBaseUrl } from './nntp/news-ids';
import { parseNntpAddress } from './nntp/nntp-address';
import { assetBudgetPerMinute, budgetPerMinute, DEFAULT_BUDGET, type PoliteHttp, type RequestBudget, type RequestStats } from './polite-http';

export interface ForumSourcesDeps {
  http: PoliteHttp;
  /** Where the bundled sample forum listens in this launch (its port changes between launches). */
  sampleForumUrl: string;
  /**
   * The bundled forum is on this computer and gets no budget; the sync bench gives it the
   * default one, with the sample forum enforcing Discourse's limits, to measure a real forum's
   * wall time. The app never sets it.
   */
  sampleForumBudget?: RequestBudget;
  /** The saved account of a forum: news servers may want its login to be read at all. */
  credentialsFor?: (forumId: string) => Promise<Credentials | null>;
  /** Shorter waits for tests that talk to a fake news server. */
  news?: NewsClientSettings;
}

/** How a sync run of one forum goes, and how many of its threads it passes at once (thread-shaped syncs). */
export interface SyncSource {
  sync: EngineSync;
  threadConcurrency: number;
  /** Where the forum is in this launch: the pictures of its posts resolve against it. */
  forumUrl: string;
  /** The budget its pictures are fetched in, counted apart from the API's as Discourse counts them. */
  assetBudget: RequestBudget | null;
}

export interface ForumSources {
  probe(address: string): Promise<ForumProbe>;
  /** A forum at an address checked before (the one its account was saved with). */
  forum(forumId: string, baseUrl: string): ForumConnection;
  /** A forum at an address the renderer gave, which must be that forum's own address. */
  claimedForum(forumId: string, baseUrl: string): ForumConnection;
  /** The source a sync run reads, with the budget the person set for the forum (or the default). */
  syncSource(request: Pick<SyncRequest, 'forumId' | 'baseUrl' | 'requestsPerMinute'>, run: { signal: AbortSignal; stats: RequestStats }): SyncSource;
  describeError(error: unknown): AppErrorInfo | null;
}

export function createForumSources(deps: ForumSourcesDeps): ForumSources {
  const sampleUrl = withoutSlash(deps.sampleForumUrl);
  const idFor = (baseUrl: string) => (baseUrl === deps.sampleForumUrl ? SAMPLE_FORUM_ID : forumIdFor(baseUrl));
  const discourse: ForumEngine = createDiscourseEngine(deps.http, idFor);
  const news: ForumEngine = createNntpEngine({ credentialsFor: deps.credentialsFor ?? (async () => null), ...(deps.news && { client: deps.news }) });
  const engineFor = (address: string) => (isNewsAddress(address) ? news : discourse);
  const isSample = (forumId: string) => forumId === SAMPLE_FORUM_ID;
  const politeness = (forumId: string): Politeness => ({ budget: isSample(forumId) ? null : DEFAULT_BUDGET });
  const forum = (forumId: string, baseUrl: string) =>
    engineFor(baseUrl).connect({ forumId, baseUrl: isSample(forumId) ? sampleUrl : withoutSlash(baseUrl), politeness: politeness(forumId) });

  return {
    probe: (address) => engineFor(address).probe(address),
    forum,
    claimedForum(forumId, baseUrl) {
      if (isSample(forumId)) return forum(forumId, sampleUrl);
      if (isNewsAddress(baseUrl)) {
        let canonical: string;
        try {
          canonical = newsBaseUrl(parseNntpAddress(baseUrl));
        } catch (error) {
          throw new AppError('invalid_address', error instanceof Error ? error.message : String(error));
        }
        if (forumIdFor(canonical) !== forumId) throw new AppError('invalid_request', `${baseUrl} is not the address of forum ${forumId}.`);
        return forum(forumId, canonical);
      }
      let url: URL;
      try {
        url = new URL(baseUrl);
      } catch {
        throw new AppError('invalid_address', `"${baseUrl}" is not a web address.`);
      }
      if ((url.protocol !== 'https:' && url.protocol !== 'http:') || forumIdFor(url.href) !== forumId) {
        throw new AppError('invalid_request', `${baseUrl} is not the address of forum ${forumId}.`);
      }
      return forum(forumId, url.href);
    },
    syncSource(request, run) {
      const local = isSample(request.forumId);
      const budget = local ? (deps.sampleForumBudget ?? null) : request.requestsPerMinute ? budgetPerMinute(request.requestsPerMinute) : DEFAULT_BUDGET;
      const assetBudget = budget && assetBudgetPerMinute(request.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE);
      const forumUrl = local ? sampleUrl : withoutSlash(request.baseUrl);
      const sync = engineFor(forumUrl).syncSource({ forumId: request.forumId, baseUrl: forumUrl, politeness: { budget } }, run);
      // The bundled forum is on this computer: more threads at once keep the pipeline full.
      return { sync, threadConcurrency: local ? 8 : 4, forumUrl, assetBudget };
    },
    describeError: (error) => discourse.describeError(error) ?? news.describeError(error),
  };
}

const withoutSlash = (url: string) => url.replace(/\/+$/, '');
