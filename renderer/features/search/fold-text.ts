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
const HAS_APOSTROPHE = /['’]/;
const WORD = /[\p{L}\p{N}]+/gu;
const ASCII_WORD = /[a-z0-9]+/g;
/**
 * ASCII with the no-break space and the General Punctuation block (curly quotes, dashes,
 * ellipses): none of these is a letter, digit or mark, or folds into one, so such text (most
 * posts; the curly apostrophe alone sends a quarter of them out of plain ASCII) is split without
 * Unicode normalisation.
 */
const PLAIN = /^[\x00-\x7f\u00a0\u2000-\u206f]*$/;

/** The folded words of a text, in order, including one-letter ones (phrases need them). */
export function foldedWords(text: string): string[] {
  const plain = PLAIN.test(text);
  const folded = plain ? text.toLowerCase() : foldText(text);
  const joined = HAS_APOSTROPHE.test(folded) ? folded.replace(POSSESSIVE, '').replace(APOSTROPHE, '') : folded;
  return joined.match(plain ? ASCII_WORD : WORD) ?? [];
}

/** Whether a folded word is kept in the index: single letters match nearly every post. */
export const isIndexedTerm = (word: string): boolean => word.length >= 2 && word.length <= MAX_TERM_LENGTH;
