// Checks that an address a person typed is a Discourse site, and reads its name and categories.
import { AppError, MAX_PROBED_BOARDS, type ForumProbe } from '../../../shared/api';
import { BODY_LIMITS } from '../body-limits';
import { isLoopbackHost, type PoliteHttp } from '../polite-http';
import { createDiscourseSource, fetchDiscourseAnswer } from './discourse-source';
import { AboutSchema, BasicInfoSchema } from './discourse-schemas';

// A person adding a forum waits for the answer: no budget, and one retry rather than a sync's
// patient backoff, so a wrong address is reported in seconds.
const PROBE = { budget: null, retries: 1 } as const;

/** `idFor` names the forum at an address (the bundled forum keeps one id whatever its port). */
export async function probeDiscourseForum(http: PoliteHttp, address: string, idFor: (baseUrl: string) => string): Promise<ForumProbe> {
  const typed = normaliseForumAddress(address);
  const site = await readSiteIdentity(http, typed);
  const baseUrl = contentBase(typed, site.servedFrom, site.askedPath);
  if (site.loginRequired) {
    throw new AppError('login_required', `${site.title} (${new URL(baseUrl).host}) is a private forum: it wants a login before it shows anything.`);
  }
  const forumId = idFor(baseUrl);
  const listed = await createDiscourseSource({ http, baseUrl, forumId, ...PROBE }).listBoards();
  // The contract carries at most MAX_PROBED_BOARDS; a site claiming more says how many.
  const boards = listed.slice(0, MAX_PROBED_BOARDS);
  return {
    protocol: 'discourse',
    forumId,
    baseUrl,
    ...(baseUrl !== typed && { redirectedFrom: typed }),
    title: site.title,
    description: site.description,
    loginRequired: false,
    insecure: isInsecure(baseUrl),
    boards,
    ...(listed.length > boards.length && { totalBoards: listed.length }),
  };
}

/**
 * Where the forum's pages really come from. A site that redirects to another origin (a forum that
 * moved, or http to https) is kept from there: every later request, and any account the person
 * adds, goes straight to the origin that serves the content, never through the redirect. The
 * dialog says so before the forum is added, since it is not the address the person typed.
 */
function contentBase(typed: string, servedFrom: string, askedPath: string): string {
  const served = new URL(servedFrom);
  if (served.origin === new URL(typed).origin) return typed;
  if (!served.pathname.endsWith(askedPath)) {
    throw new AppError(
      'not_discourse',
      `${new URL(typed).host} redirects to ${served.origin}, which does not serve a forum at the same addresses. If that is the forum you meant, add it by its own address.`,
    );
  }
  return `${served.origin}${served.pathname.slice(0, -askedPath.length)}`;
}

async function readSiteIdentity(http: PoliteHttp, baseUrl: string) {
  const host = new URL(baseUrl).host;
  try {
    const askedPath = '/site/basic-info.json';
    const info = await fetchDiscourseAnswer({ http, ...PROBE }, `${baseUrl}${askedPath}`, BasicInfoSchema, 'site info', BODY_LIMITS.siteInfo);
    return { title: info.value.title, description: info.value.description ?? '', loginRequired: info.value.login_required ?? false, servedFrom: info.url, askedPath };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'login_required') {
      throw new AppError('login_required', `${host} is a private forum: it wants a login before it shows anything.`);
    }
    if (error.code !== 'not_found' && error.code !== 'bad_response') throw error;
  }
  // Older Discourse versions have no basic-info; /about.json has the title too.
  try {
    const askedPath = '/about.json';
    const about = await fetchDiscourseAnswer({ http, ...PROBE }, `${baseUrl}${askedPath}`, AboutSchema, 'about', BODY_LIMITS.siteInfo);
    return { title: about.value.about.title, description: about.value.about.description ?? '', loginRequired: false, servedFrom: about.url, askedPath };
  } catch (error) {
    if (error instanceof AppError && (error.code === 'not_found' || error.code === 'bad_response')) {
      throw new AppError('not_discourse', `${host} answers, but it is not a Discourse forum (it has no /site/basic-info.json or /about.json).`);
    }
    throw error;
  }
}

/** Accepts what people paste: a bare host, a full URL, a link to a topic or category page. */
export function normaliseForumAddress(address: string): string {
  const trimmed = address.trim();
  if (trimmed === '') throw new AppError('invalid_address', 'Type the address of a forum, for example https://meta.discourse.org.');
  // "mailto:…", "javascript:…": a scheme that is not followed by a port number is not a host.
  const scheme = /^([a-z][a-z0-9+.-]*):(?!\d)/i.exec(trimmed);
  if (scheme && !/^https?$/i.test(scheme[1] ?? '')) {
    throw new AppError('invalid_address', `"${trimmed}" is not a web address (it starts with ${scheme[1]?.toLowerCase()}:).`);
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new AppError('invalid_address', `"${trimmed}" is not a web address.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('invalid_address', `"${trimmed}" is not a web address (it starts with ${url.protocol}).`);
  }
  if (url.username || url.password) throw new AppError('invalid_address', 'Leave the user name and password out of the address.');
  // A pasted page address keeps only the site part (and a subfolder install's prefix).
  const path = url.pathname.replace(/\/(t|c|u|latest|categories|top|new|about|site)(\/.*|\.json)?$/, '').replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

export function isInsecure(baseUrl: string): boolean {
  const url = new URL(baseUrl);
  return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
}
