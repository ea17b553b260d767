// Bookmarks and highlights as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), the
// shape "Export bookmarks" writes and "Import bookmarks" reads. A bookmark is an Annotation with
// motivation "bookmarking" whose target is the post's address; a highlight has motivation
// "highlighting" and a TextQuoteSelector. The note is a TextualBody with purpose "commenting",
// each tag one with purpose "tagging". Many annotations travel as an AnnotationCollection.
//
// The model has no words for our own ids or for the copy of a bookmarked post's text, so each
// annotation also carries a `forumReader` object; other tools ignore it, and without it an import
// still finds the post from the target's address.

import * as v from 'valibot';
import type { AnnotationItem } from './annotation-queries';
import { postLabelOf, postUrlOf } from './annotation-queries';
import { parseTags } from './tags';
import type { TextQuote } from './text-quote';

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

const nonEmpty = (what: string) => v.pipe(v.string(), v.nonEmpty(`${what} is empty`));

const TextualBodySchema = v.object({
  type: v.literal('TextualBody'),
  value: v.string(),
  purpose: v.optional(v.string()),
  format: v.optional(v.string()),
});

const TextQuoteSelectorSchema = v.object({
  type: v.literal('TextQuoteSelector'),
  exact: nonEmpty('the quoted text'),
  prefix: v.optional(v.string(), ''),
  suffix: v.optional(v.string(), ''),
});

const TargetSchema = v.object({
  source: nonEmpty('the target address'),
  type: v.optional(v.string()),
  selector: v.optional(TextQuoteSelectorSchema),
});

const ReaderPostSchema = v.object({
  forumId: nonEmpty('forumId'),
  threadId: nonEmpty('threadId'),
  postId: nonEmpty('postId'),
  postNumber: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  username: v.optional(v.string()),
  postVersion: v.optional(v.pipe(v.number(), v.integer())),
  postHtml: v.optional(v.string()),
});

const isDate = (text: string) => !Number.isNaN(Date.parse(text));

export const AnnotationSchema = v.object({
  '@context': v.optional(v.union([v.string(), v.array(v.unknown())])),
  id: v.optional(v.string()),
  type: v.literal('Annotation', 'type must be "Annotation"'),
  motivation: v.optional(v.string()),
  created: v.optional(v.pipe(v.string(), v.check(isDate, 'created is not a date'))),
  bodyValue: v.optional(v.string()),
  body: v.optional(v.union([TextualBodySchema, v.array(TextualBodySchema)], 'body must be a TextualBody or a list of them')),
  target: v.union([nonEmpty('target'), TargetSchema], 'target must be an address or an object with a source'),
  forumReader: v.optional(ReaderPostSchema),
});
export type WebAnnotation = v.InferOutput<typeof AnnotationSchema>;

export interface AnnotationCollection {
  '@context': typeof ANNOTATION_CONTEXT;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: { type: 'AnnotationPage'; startIndex: 0; items: WebAnnotation[] };
}

/** One annotation of a file, as the import uses it. */
export interface ImportedAnnotation {
  kind: 'bookmark' | 'highlight';
  /** Our id when the file came from this program (urn:uuid:…), else null. */
  id: string | null;
  createdAt: string | null;
  note: string;
  tags: string[];
  source: string;
  quote: TextQuote | null;
  post: v.InferOutput<typeof ReaderPostSchema> | null;
}

export function annotationOf(item: AnnotationItem): WebAnnotation {
  const { row } = item;
  const { postNumber, username } = postLabelOf(item);
  const body = [
    ...(row.note ? [{ type: 'TextualBody' as const, value: row.note, purpose: 'commenting', format: 'text/plain' }] : []),
    ...row.tags.map((tag) => ({ type: 'TextualBody' as const, value: tag, purpose: 'tagging' })),
  ];
  const source = postUrlOf(item) ?? `urn:forum-reader:post:${row.postId}`;
  const annotation: WebAnnotation = {
    '@context': ANNOTATION_CONTEXT,
    id: `urn:uuid:${row.id}`,
    type: 'Annotation',
    motivation: item.kind === 'bookmark' ? 'bookmarking' : 'highlighting',
    created: row.createdAt,
    ...(body.length > 0 && { body }),
    target:
      item.kind === 'highlight'
        ? { source, selector: { type: 'TextQuoteSelector', exact: item.row.exact, prefix: item.row.prefix, suffix: item.row.suffix } }
        : { source },
    forumReader: {
      forumId: row.forumId,
      threadId: row.threadId,
      postId: row.postId,
      ...(postNumber !== undefined && { postNumber }),
      ...(username !== undefined && { username }),
      ...(item.kind === 'bookmark' && { postVersion: item.row.postVersion, postHtml: item.row.postHtml }),
    },
  };
  return annotation;
}

export function annotationCollectionOf(items: readonly AnnotationItem[]): AnnotationCollection {
  return {
    '@context': ANNOTATION_CONTEXT,
    type: 'AnnotationCollection',
    label: 'Forum Reader bookmarks',
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items: items.map(annotationOf) },
  };
}

export type ParsedFile = { ok: true; annotations: ImportedAnnotation[] } | { ok: false; message: string };

const NOT_A_BOOKMARKS_FILE =
  'expected a Web Annotation collection (as "Export bookmarks" writes it), a list of annotations, or one annotation';

/**
 * Reads an exported file. Every annotation is checked before any is used: one that does not fit
 * rejects the whole file with a message naming it and its field, so a bad file changes nothing.
 */
export function parseAnnotationFile(text: string): ParsedFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `The file is not JSON (${error instanceof Error ? error.message : String(error)}).` };
  }
  const listed = annotationsListedIn(json);
  if (!listed) return { ok: false, message: `The file is not a bookmarks file: ${NOT_A_BOOKMARKS_FILE}.` };
  const problems: string[] = [];
  const annotations: ImportedAnnotation[] = [];
  listed.items.forEach((item, i) => {
    const parsed = v.safeParse(AnnotationSchema, item);
    if (parsed.success) annotations.push(importedFrom(parsed.output));
    else problems.push(`annotation ${i + 1} (${listed.path}[${i}]): ${describeIssue(parsed.issues[0])}`);
  });
  if (problems.length > 0) {
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
    return { ok: false, message: `The file has annotations that cannot be read: ${problems.slice(0, 3).join('; ')}${more}.` };
  }
  return { ok: true, annotations };
}

function annotationsListedIn(json: unknown): { items: unknown[]; path: string } | null {
  if (Array.isArray(json)) return { items: json, path: '' };
  if (typeof json !== 'object' || json === null) return null;
  const record = json as Record<string, unknown>;
  if (record['type'] === 'Annotation') return { items: [json], path: '' };
  if (record['type'] !== 'AnnotationCollection') return null;
  const first = record['first'] as Record<string, unknown> | undefined;
  const items = first?.['items'];
  if (Array.isArray(items)) return { items, path: 'first.items' };
  if (Array.isArray(record['items'])) return { items: record['items'], path: 'items' };
  return null;
}

type Issue = v.BaseIssue<unknown>;

/**
 * The field path and message of the most specific issue: "target.selector.exact: the quoted
 * text is empty". A union's issues hold one issue per option, with paths relative to the union.
 */
function describeIssue(issue: Issue | undefined): string {
  if (!issue) return 'not an annotation';
  const { path, message } = mostSpecific(issue);
  return path ? `${path}: ${message}` : message;
}

function mostSpecific(issue: Issue): { path: string; message: string } {
  const here = v.getDotPath(issue) ?? '';
  const options = issue.issues ?? [];
  if (options.length === 0) return { path: here, message: issue.message };
  const deepest = options.reduce((best, option) => ((option.path?.length ?? 0) > (best.path?.length ?? 0) ? option : best));
  const inner = mostSpecific(deepest);
  return { path: [here, inner.path].filter(Boolean).join('.'), message: inner.message };
}

function importedFrom(annotation: WebAnnotation): ImportedAnnotation {
  const bodies = annotation.body === undefined ? [] : Array.isArray(annotation.body) ? annotation.body : [annotation.body];
  const notes = [annotation.bodyValue ?? '', ...bodies.filter((body) => body.purpose !== 'tagging').map((body) => body.value)];
  // Tags as the reader keeps them (no commas, one of each); this program's own come back unchanged.
  const tags = parseTags(bodies.filter((body) => body.purpose === 'tagging').map((body) => body.value.replace(/,/g, ' ')).join(','));
  const target = typeof annotation.target === 'string' ? { source: annotation.target, selector: undefined } : annotation.target;
  const selector = target.selector;
  const id = /^urn:uuid:([0-9a-f-]{8,})$/i.exec(annotation.id ?? '')?.[1] ?? null;
  return {
    // A passage needs its quote: an annotation of the post without one is a bookmark of it.
    kind: selector ? 'highlight' : 'bookmark',
    id,
    createdAt: annotation.created ? new Date(annotation.created).toISOString() : null,
    note: notes.filter((note) => note.trim() !== '').join('\n\n'),
    tags,
    source: target.source,
    quote: selector ? { exact: selector.exact, prefix: selector.prefix, suffix: selector.suffix } : null,
    post: annotation.forumReader ?? null,
  };
}
