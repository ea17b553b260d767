// Discourse as a ForumEngine: probing, syncing, posting, looking for sent replies and accounts, over one
// PoliteHttp. Its failures are already AppErrors that say what happened.
import { AppError } from '../../../shared/api';
import type { ForumEngine } from '../forum-source';
import type { PoliteHttp } from '../polite-http';
import { userApiKeyRequest, verifyCredentials } from './discourse-accounts';
import { findDiscourseReply, postDiscourseReply, type ReplyTarget } from './discourse-replies';
import { createDiscourseSource, FIRST_IDS_PER_REQUEST, type IdsPerRequest } from './discourse-source';
import { probeDiscourseForum } from './probe';

export function createDiscourseEngine(http: PoliteHttp, idFor: (baseUrl: string) => string): ForumEngine {
  const describeError = (error: unknown) => (error instanceof AppError ? { code: error.code, message: error.message } : null);
  /** Post ids per request each forum accepted, learnt from its refusals, for this session. */
  const idsPerRequest = new Map<string, IdsPerRequest>();
  return {
    kind: 'discourse',
    probe: (address) => probeDiscourseForum(http, address, idFor),
    connect(forum) {
      const target: ReplyTarget = { http, forumId: forum.forumId, baseUrl: forum.baseUrl, budget: forum.politeness.budget };
      return {
        kind: 'discourse',
        ...forum,
        postReply: (request, account) => postDiscourseReply(target, request, account),
        findSentReply: (request, account, floor) => findDiscourseReply(target, request, account, floor),
        verifyAccount: (account) => verifyCredentials(http, account, forum.politeness.budget),
        keyRequest: userApiKeyRequest(forum.baseUrl),
        describeError,
      };
    },
    syncSource(forum, run) {
      let learnt = idsPerRequest.get(forum.forumId);
      if (!learnt) idsPerRequest.set(forum.forumId, (learnt = { value: FIRST_IDS_PER_REQUEST }));
      return { kind: 'threads', source: createDiscourseSource({ http, forumId: forum.forumId, baseUrl: forum.baseUrl, budget: forum.politeness.budget, ...run, idsPerRequest: learnt }) };
    },
    describeError,
  };
}
