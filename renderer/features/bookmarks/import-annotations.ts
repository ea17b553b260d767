// "Import bookmarks": puts the annotations of a checked file into this profile in one transaction.
// Each finds its post by the ids the file carries or, failing that, by its address on a forum of
// this profile. One already here (same id, or the same post and passage) is skipped; one whose
// post or passage cannot be found is still kept, shown as orphaned, and named in the report.

import { threadIdFor } from '../../../shared/model';
import type { BookmarkRow, ForumRow, HighlightRow, PostRow, ReaderDb } from '../../db/reader-db';
import { anchorQuote } from './text-quote';
import type { ImportedAnnotation } from './web-annotation';
import { postHtmlOf } from '../../ui/plain-text-html';

export interface ImportReport {
  bookmarksAdded: number;
  highlightsAdded: number;
  duplicatesSkipped: number;
  /** Kept, but their post is not stored here or their passage is not in it. */
  unanchored: { kind: 'bookmark' | 'highlight'; what: string; why: string }[];
  /** Not imported: nothing in this profile tells which post they belong to. */
  unplaced: { kind: 'bookmark' | 'highlight'; what: string; why: string }[];
}

interface PostPlace {
  forumId: string;
  threadId: string;
  postId: string;
  post: PostRow | undefined;
}

/** `textOf` gives a post's text as the reader shows it (the import anchors highlights against it). */
export function importAnnotations(
  db: ReaderDb,
  annotations: readonly ImportedAnnotation[],
  textOf: (html: string) => string,
  now = new Date(),
): Promise<ImportReport> {
  return db.transaction('rw', [db.bookmarks, db.highlights, db.posts, db.forums], async () => {
    const report: ImportReport = { bookmarksAdded: 0, highlightsAdded: 0, duplicatesSkipped: 0, unanchored: [], unplaced: [] };
    const forums = await db.forums.toArray();
    for (const annotation of annotations) {
      const what = describe(annotation);
      const place = await placeOf(db, forums, annotation);
      if (!place) {
        report.unplaced.push({ kind: annotation.kind, what, why: `no forum in this profile has ${annotation.source}` });
        continue;
      }
      const base = {
        id: annotation.id ?? crypto.randomUUID(),
        postId: place.postId,
        threadId: place.threadId,
        forumId: place.forumId,
        note: annotation.note,
        tags: annotation.tags,
        createdAt: annotation.createdAt ?? now.toISOString(),
        ...optionalLabel(annotation.post?.postNumber ?? place.post?.postNumber, annotation.post?.username ?? place.post?.username),
      };
      if (annotation.kind === 'bookmark' || !annotation.quote) {
        const duplicate = (await db.bookmarks.get(base.id)) ?? (await db.bookmarks.where('postId').equals(place.postId).first());
        if (duplicate) {
          report.duplicatesSkipped += 1;
          continue;
        }
        const row: BookmarkRow = {
          ...base,
          postVersion: annotation.post?.postVersion ?? place.post?.version ?? 0,
          postHtml: annotation.post?.postHtml ?? (place.post ? postHtmlOf(place.post) : ''),
        };
        await db.bookmarks.add(row);
        report.bookmarksAdded += 1;
        if (!place.post) report.unanchored.push({ kind: 'bookmark', what, why: 'its post is not stored in this profile yet' });
        continue;
      }
      const quote = annotation.quote;
      const sameHere = await db.highlights.where('postId').equals(place.postId).toArray();
      const duplicate =
        (await db.highlights.get(base.id)) ??
        sameHere.find((row) => row.exact === quote.exact && row.prefix === quote.prefix && row.suffix === quote.suffix);
      if (duplicate) {
        report.duplicatesSkipped += 1;
        continue;
      }
      const row: HighlightRow = { ...base, exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix };
      await db.highlights.add(row);
      report.highlightsAdded += 1;
      if (!place.post) report.unanchored.push({ kind: 'highlight', what, why: 'its post is not stored in this profile yet' });
      else if (!anchorQuote(textOf(postHtmlOf(place.post)), quote)) report.unanchored.push({ kind: 'highlight', what, why: 'the passage is no longer in the post' });
    }
    return report;
  });
}

const optionalLabel = (postNumber: number | undefined, username: string | undefined) => ({
  ...(postNumber !== undefined && { postNumber }),
  ...(username !== undefined && { username }),
});

function describe(annotation: ImportedAnnotation): string {
  if (annotation.quote) return `“${truncate(annotation.quote.exact, 60)}”`;
  const label = annotation.post?.postNumber ? `post ${annotation.post.postNumber}` : annotation.source;
  return `bookmark of ${label}`;
}

const truncate = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * The post an annotation belongs to: by the ids it carries when its forum is in this profile
 * (ids are the same in every profile), else by its address: {forum}/t/{slug}/{topic id}/{post number}.
 */
async function placeOf(db: ReaderDb, forums: readonly ForumRow[], annotation: ImportedAnnotation): Promise<PostPlace | null> {
  const ids = annotation.post;
  if (ids && forums.some((forum) => forum.id === ids.forumId)) {
    return { forumId: ids.forumId, threadId: ids.threadId, postId: ids.postId, post: await db.posts.get(ids.postId) };
  }
  const byAddress = await placeByAddress(db, forums, annotation.source);
  if (byAddress) return byAddress;
  // A forum not in this profile: kept under its ids, it shows up once that forum is added.
  return ids ? { forumId: ids.forumId, threadId: ids.threadId, postId: ids.postId, post: await db.posts.get(ids.postId) } : null;
}

async function placeByAddress(db: ReaderDb, forums: readonly ForumRow[], source: string): Promise<PostPlace | null> {
  for (const forum of forums) {
    const base = forum.baseUrl.replace(/\/+$/, '');
    if (!source.startsWith(`${base}/t/`)) continue;
    const parts = source.slice(base.length + 3).split(/[?#]/)[0]!.split('/').filter(Boolean);
    // /t/{slug}/{id}/{number}, /t/{slug}/{id} (the first post) or /t/{id}/{number}.
    const numbers = parts.map((part) => (/^\d+$/.test(part) ? Number(part) : null));
    const [topicId, postNumber] =
      numbers[0] !== null && numbers[0] !== undefined ? [numbers[0], numbers[1] ?? 1] : [numbers[1] ?? null, numbers[2] ?? 1];
    if (topicId === null) continue;
    const threadId = threadIdFor(forum.id, topicId);
    const post = await db.posts.where('[threadId+postNumber]').equals([threadId, postNumber]).first();
    if (post) return { forumId: forum.id, threadId, postId: post.id, post };
  }
  return null;
}
