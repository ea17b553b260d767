// The most the reader reads of one answer from a forum, raw and decompressed. A forum is not
// trusted: a gzip body of under 1 MB can inflate to gigabytes, and an endless body never ends.
// Each limit is several times what a real Discourse sends there (meta.discourse.org's site.json
// is about 0.3 MB; a topic page carries 20 posts and up to 10,000 post ids).

import { MAX_IMAGE_BYTES } from '../../shared/api';

const MB = 1024 * 1024;

export const BODY_LIMITS = {
  /** /site/basic-info.json, /about.json: a title and a description. */
  siteInfo: 1 * MB,
  /** /site.json: every category, group and setting the site exposes to visitors. */
  site: 8 * MB,
  /** /latest.json, /c/{slug}/{id}.json: 30 topics per page. */
  topicList: 4 * MB,
  /** /t/{id}.json and /t/{id}/posts.json by post number: 20 cooked posts each. */
  topicPage: 8 * MB,
  /** /t/{id}/posts.json?post_ids[]=…: up to 200 cooked posts (FIRST_IDS_PER_REQUEST). */
  postsByIds: 32 * MB,
  /** Anything else, such as the answer to a posted reply. */
  other: 2 * MB,
  /** One picture of a post: Discourse shows thumbnails of a few hundred KB; this lets in most originals too. */
  image: MAX_IMAGE_BYTES,
} as const;

/** A body went past its limit; the request was aborted there and nothing of it is used. */
export class BodyTooLargeError extends Error {
  constructor(
    readonly url: string,
    readonly limitBytes: number,
  ) {
    super(`The answer to ${new URL(url).pathname} is larger than ${formatLimit(limitBytes)}.`);
    this.name = 'BodyTooLargeError';
  }
}

export function formatLimit(bytes: number): string {
  return bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}
