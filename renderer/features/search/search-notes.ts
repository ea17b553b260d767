// Bookmark notes, highlighted passages and drafts: the reader's own words. They number in the
// hundreds, not the hundred thousands, so they are searched by a scan of their folded words held
// in memory (re-read when one of the three tables changes) rather than through the post index.
import type { ReaderDb } from '../../db/reader-db';
import { foldedWords } from './fold-text';
import type { ParsedQuery } from './parse-query';
import type { HitKind, SearchFilters } from './search-types';

export interface NoteRecord {
  kind: Exclude<HitKind, 'post'>;
  key: string;
  forumId: string;
  threadId: string;
  postId: string | null;
  postNumber: number | null;
  text: string;
  date: string;
  words: Set<string>;
  /** The folded words joined by single spaces, padded, for phrase checks. */
  joined: string;
}

function record(base: Omit<NoteRecord, 'words' | 'joined'>): NoteRecord {
  const words = foldedWords(base.text);
  return { ...base, words: new Set(words), joined: ` ${words.join(' ')} ` };
}

export async function readNotes(db: ReaderDb): Promise<NoteRecord[]> {
  const [bookmarks, highlights, drafts] = await Promise.all([db.bookmarks.toArray(), db.highlights.toArray(), db.drafts.toArray()]);
  return [
    ...bookmarks
      .filter((b) => b.note.trim() || b.tags.length > 0)
      .map((b) => record({ kind: 'bookmark', key: `bookmark:${b.id}`, forumId: b.forumId, threadId: b.threadId, postId: b.postId, postNumber: null, text: [b.note, ...b.tags].filter(Boolean).join('\n'), date: b.createdAt })),
    ...highlights.map((h) =>
      record({ kind: 'highlight', key: `highlight:${h.id}`, forumId: h.forumId, threadId: h.threadId, postId: h.postId, postNumber: null, text: h.note ? `${h.exact}\n${h.note}` : h.exact, date: h.createdAt }),
    ),
    ...drafts.map((d) =>
      record({ kind: 'draft', key: `draft:${d.id}`, forumId: d.forumId, threadId: d.threadId, postId: null, postNumber: d.replyToPostNumber, text: d.text, date: d.updatedAt }),
    ),
  ];
}

export const containsPhrase = (joined: string, phrase: readonly string[]): boolean => joined.includes(` ${phrase.join(' ')} `);

export function noteMatches(note: NoteRecord, query: ParsedQuery): boolean {
  if (query.words.some((word) => !note.words.has(word))) return false;
  if (query.prefix !== null) {
    const prefix = query.prefix;
    let found = false;
    for (const word of note.words) if (word.startsWith(prefix)) found = true;
    if (!found) return false;
  }
  if (query.excludedWords.some((word) => note.words.has(word))) return false;
  if (query.phrases.some((phrase) => !containsPhrase(note.joined, phrase))) return false;
  return !query.excludedPhrases.some((phrase) => containsPhrase(note.joined, phrase));
}

/**
 * Filters that a note can meet. A note's author is the reader, so any author filter leaves notes
 * out; "bookmarked only" keeps bookmark notes.
 */
export function noteInFilters(
  note: NoteRecord,
  filters: SearchFilters,
  byAuthor: boolean,
  /** Whether a board lists the thread (its own, or one it was crossposted to). */
  threadInBoard: (threadId: string, boardId: string) => boolean,
  range: { from: number; to: number },
): boolean {
  if (byAuthor) return false;
  if (filters.bookmarkedOnly && note.kind !== 'bookmark') return false;
  if (filters.forumId && note.forumId !== filters.forumId) return false;
  if (filters.threadId && note.threadId !== filters.threadId) return false;
  if (filters.boardId && !threadInBoard(note.threadId, filters.boardId)) return false;
  const time = Date.parse(note.date) / 1000;
  return time >= range.from && time <= range.to;
}
