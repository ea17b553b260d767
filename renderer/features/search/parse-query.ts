// The query syntax people know from web search: words are ANDed, "quoted phrases" keep their
// order, -word and -"phrase" exclude, author:name narrows to one author, and the last word
// matches as a prefix while it is still being typed.
import { foldText, foldedWords, isIndexedTerm } from './fold-text';

export interface ParsedQuery {
  /** Folded terms every result contains (plain words and the words of phrases). */
  words: string[];
  /** The last word as typed so far: it matches every term that starts with it. */
  prefix: string | null;
  /** Folded word sequences that must appear in this order. */
  phrases: string[][];
  excludedWords: string[];
  excludedPhrases: string[][];
  /** Folded author names from author:name. */
  authors: string[];
}

/** Shorter prefixes expand to most of the dictionary; such a word is ignored until it grows. */
export const MIN_PREFIX_LENGTH = 2;

// -"phrase", "phrase", author:"name", author:name, -word, word. An unclosed quote runs to the end.
const PART = /(-?)"([^"]*)"?|(author):(?:"([^"]*)"?|(\S*))|(-?)(\S+)/gi;

export function parseQuery(input: string): ParsedQuery {
  const query: ParsedQuery = { words: [], prefix: null, phrases: [], excludedWords: [], excludedPhrases: [], authors: [] };
  const parts = [...input.matchAll(PART)];
  const stillTyping = input.length > 0 && !/\s$/.test(input);
  parts.forEach((part, i) => {
    const isLast = i === parts.length - 1;
    if (part[2] !== undefined) {
      const words = foldedWords(part[2]);
      if (words.length === 0) return;
      if (part[1]) query.excludedPhrases.push(words);
      else query.phrases.push(words);
      return;
    }
    if (part[3] !== undefined) {
      // Folded whole, not split into words: usernames keep their underscores and dots.
      const name = foldText(part[4] ?? part[5] ?? '').trim();
      if (name) query.authors.push(name);
      return;
    }
    const excluded = part[6] === '-';
    const text = part[7] ?? '';
    const words = foldedWords(text);
    if (words.length === 0) return;
    if (excluded) {
      // "-blu-ray" excludes the phrase, not each of its parts.
      if (words.length === 1) query.excludedWords.push(words[0] as string);
      else query.excludedPhrases.push(words);
      return;
    }
    if (words.length > 1) {
      query.phrases.push(words);
      return;
    }
    const word = words[0] as string;
    if (isLast && stillTyping) {
      if (word.length >= MIN_PREFIX_LENGTH) query.prefix = word;
      return;
    }
    query.words.push(word);
  });
  for (const phrase of query.phrases) query.words.push(...phrase);
  query.words = [...new Set(query.words.filter(isIndexedTerm))];
  query.excludedWords = [...new Set(query.excludedWords.filter(isIndexedTerm))];
  return query;
}

/** Whether the query asks for anything a post's words can satisfy. */
export const hasTextCriteria = (query: ParsedQuery): boolean =>
  query.words.length > 0 || query.prefix !== null || query.phrases.length > 0;

/** Every folded word a result may be marked for. */
export const markableWords = (query: ParsedQuery): string[] => [...query.words, ...query.phrases.flat(), ...(query.prefix ? [query.prefix] : [])];
