// Case and accent folding, and the one tokenizer that both the index and the query parser use:
// a word folds the same way on both sides, so "Café", "CAFE" and "cafe" are one term.

// Letters that Unicode does not decompose into a base letter plus a mark.
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const SPECIAL_PATTERN = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join('')}]`, 'g');
const COMBINING_MARKS = /\p{M}+/gu;
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Lower case without accents: "Lermontov’s Café" -> "lermontov’s cafe". */
export function foldText(text: string): string {
  // Most forum text is ASCII; skipping normalisation there keeps indexing fast.
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(SPECIAL_PATTERN, (letter) => SPECIAL_LETTERS[letter] ?? letter);
}

/** Longer runs are ids, hashes or base64, not words anyone types. */
export const MAX_TERM_LENGTH = 40;

// A possessive "’s" belongs to the word before it (Lermontov's -> lermontov); other apostrophes
// join the word (don't -> dont), as people type both with and without them.
const POSSESSIVE = /['’]s\b/g;
const APOSTROPHE = /['’]/g;
const WORD = /[\p{L}\p{N}]+/gu;
const ASCII_WORD = /[a-z0-9]+/g;
const ASCII_APOSTROPHE = /'/g;

/** The folded words of a text, in order, including one-letter ones (phrases need them). */
export function foldedWords(text: string): string[] {
  // ASCII text (most posts) takes cheaper patterns; the result is the same.
  if (ASCII_ONLY.test(text)) {
    const lower = text.toLowerCase();
    const joined = lower.includes("'") ? lower.replace(POSSESSIVE, '').replace(ASCII_APOSTROPHE, '') : lower;
    return joined.match(ASCII_WORD) ?? [];
  }
  return foldText(text).replace(POSSESSIVE, '').replace(APOSTROPHE, '').match(WORD) ?? [];
}

/** Whether a folded word is kept in the index: single letters match nearly every post. */
export const isIndexedTerm = (word: string): boolean => word.length >= 2 && word.length <= MAX_TERM_LENGTH;
