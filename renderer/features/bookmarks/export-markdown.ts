// "Export bookmarks" as Markdown: a page a person can read or paste anywhere, grouped by thread;
// each entry has the quote (the passage, or the post as it was bookmarked), the note, the tags,
// the author and a link to the post on its forum.

import { postLabelOf, postStateOf, postUrlOf, type AnnotationItem } from './annotation-queries';
import { anchorQuote } from './text-quote';
import { postHtmlOf } from '../../ui/plain-text-html';

/** `textOf` gives a post's text as the reader shows it. */
export function bookmarksAsMarkdown(items: readonly AnnotationItem[], textOf: (html: string) => string, at = new Date()): string {
  const bookmarks = items.filter((item) => item.kind === 'bookmark').length;
  const lines = [
    '# Bookmarks',
    '',
    `Exported from Forum Reader on ${at.toISOString().slice(0, 10)}: ${count(bookmarks, 'bookmark')} and ${count(items.length - bookmarks, 'highlight')}.`,
  ];
  for (const group of byThread(items)) {
    const first = group[0]!;
    lines.push('', `## ${escapeInline(first.thread?.title ?? 'A thread no longer stored')}`);
    const where = [first.board?.name, first.forum?.name].filter(Boolean).join(' · ');
    if (where) lines.push('', escapeInline(where));
    for (const item of group) lines.push('', ...entryOf(item, textOf));
  }
  return `${lines.join('\n')}\n`;
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Threads in the order their newest entry comes; within a thread, entries in post order. */
function byThread(items: readonly AnnotationItem[]): AnnotationItem[][] {
  const groups = new Map<string, AnnotationItem[]>();
  for (const item of items) {
    const group = groups.get(item.row.threadId) ?? [];
    group.push(item);
    groups.set(item.row.threadId, group);
  }
  return [...groups.values()].map((group) =>
    group.sort((a, b) => (postLabelOf(a).postNumber ?? 0) - (postLabelOf(b).postNumber ?? 0) || a.row.createdAt.localeCompare(b.row.createdAt)),
  );
}

function entryOf(item: AnnotationItem, textOf: (html: string) => string): string[] {
  const { postNumber, username } = postLabelOf(item);
  const post = postNumber !== undefined ? `Post ${postNumber}` : 'A post';
  const author = username ? ` by ${escapeInline(username)}` : '';
  const lines = [`### ${item.kind === 'bookmark' ? 'Bookmark' : 'Highlight'}: ${post}${author}`, ''];
  let quote: string;
  let remark: string | null = null;
  if (item.kind === 'bookmark') {
    quote = textOf(item.row.postHtml);
  } else {
    quote = item.row.exact;
  }
  const state = postStateOf(item);
  if (state === 'edited') remark = 'Edited on the forum since it was bookmarked; quoted as bookmarked.';
  else if (state === 'deleted') remark = 'Deleted on the forum; quoted as kept here.';
  else if (state === 'not-stored') remark = 'Its post is not stored in this profile; quoted as kept here.';
  else if (item.kind === 'highlight' && item.post && !anchorQuote(textOf(postHtmlOf(item.post)), item.row)) {
    remark = 'Orphaned: this passage is no longer found in the post.';
  }
  lines.push(...blockquote(quote));
  if (remark) lines.push('', `*${remark}*`);
  const details: string[] = [];
  if (item.row.note) details.push(`**Note:** ${item.row.note.replace(/\n+/g, ' ')}`);
  if (item.row.tags.length > 0) details.push(`**Tags:** ${item.row.tags.map(escapeInline).join(', ')}`);
  const url = postUrlOf(item);
  if (url) details.push(`[${post} on ${escapeInline(item.forum?.name ?? 'the forum')}](<${url}>)`);
  if (details.length > 0) lines.push('', details.join('  \n'));
  return lines;
}

/** Each line of the text as its own paragraph of a quote, so line breaks survive any renderer. */
function blockquote(text: string): string[] {
  const paragraphs = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return paragraphs.flatMap((line, i) => (i === 0 ? [`> ${escapeLine(line)}`] : ['>', `> ${escapeLine(line)}`]));
}

/** Text shown as written: characters Markdown would read as markup are escaped. */
const escapeInline = (text: string) => text.replace(/[\\`*_[\]<>#|~]/g, '\\$&');

/** Also a line that would open a list, a heading rule or a numbered item. */
const escapeLine = (line: string) =>
  escapeInline(line)
    .replace(/^[-+=]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
