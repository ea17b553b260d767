// Which engine and which address serve a forum, decided here and nowhere else: the bundled sample
// forum listens at a new address each launch, keeps one id, and is asked without a budget.
import { AppError, type AppErrorInfo, type ForumProbe } from '../../shared/api';
import { forumIdFor, SAMPLE_FORUM_ID } from '../../shared/model';
import { createDiscourseEngine } from './discourse/discourse-engine';
import type { ForumConnection, ForumEngine, Politeness } from './forum-source';
import { DEFAULT_BUDGET, type PoliteHttp } from './polite-http';

export interface ForumSourcesDeps {
  http: PoliteHttp;
  /** Where the bundled sample forum listens in this launch (its port changes between launches). */
  sampleForumUrl: string;
}

export interface ForumSources {
  probe(address: string): Promise<ForumProbe>;
  /** A forum at an address checked before (the one its account was saved with). */
  forum(forumId: string, baseUrl: string): ForumConnection;
  /** A forum at an address the renderer gave, which must be that forum's own address. */
  claimedForum(forumId: string, baseUrl: string): ForumConnection;
  describeError(error: unknown): AppErrorInfo | null;
}

export function createForumSources(deps: ForumSourcesDeps): ForumSources {
  const sampleUrl = withoutSlash(deps.sampleForumUrl);
  const idFor = (baseUrl: string) => (baseUrl === deps.sampleForumUrl ? SAMPLE_FORUM_ID : forumIdFor(baseUrl));
  const discourse: ForumEngine = createDiscourseEngine(deps.http, idFor);
  const isSample = (forumId: string) => forumId === SAMPLE_FORUM_ID;
  const politeness = (forumId: string): Politeness => ({ budget: isSample(forumId) ? null : DEFAULT_BUDGET });
  const forum = (forumId: string, baseUrl: string) =>
    discourse.connect({ forumId, baseUrl: isSample(forumId) ? sampleUrl : withoutSlash(baseUrl), politeness: politeness(forumId) });

  return {
    probe: (address) => discourse.probe(address),
    forum,
    claimedForum(forumId, baseUrl) {
      if (isSample(forumId)) return forum(forumId, sampleUrl);
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
    describeError: (error) => discourse.describeError(error),
  };
}

const withoutSlash = (url: string) => url.replace(/\/+$/, '');
