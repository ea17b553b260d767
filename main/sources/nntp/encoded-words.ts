// RFC 2047 encoded words in From and Subject: =?charset?Q?...?= and =?charset?B?...?=. Adjacent
// encoded words separated only by whitespace join without it (§6.2). A word that does not decode
// is left as written; an unknown charset is read as charset.ts falls back.
import { decodeCharset } from './charset';

const ENCODED_WORD = /=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=/g;

export function decodeEncodedWords(value: string): string {
  let result = '';
  let last = 0;
  let previousWasWord = false;
  for (const match of value.matchAll(ENCODED_WORD)) {
    const between = value.slice(last, match.index);
    const decoded = decodeWord(match[1]!, match[2]!, match[3]!);
    if (!(previousWasWord && decoded !== null && /^\s*$/.test(between))) result += between;
    result += decoded ?? match[0];
    previousWasWord = decoded !== null;
    last = match.index + match[0].length;
  }
  return result + value.slice(last);
}

function decodeWord(charset: string, encoding: string, text: string): string | null {
  let bytes: Buffer;
  if (encoding.toUpperCase() === 'B') {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) return null;
    bytes = Buffer.from(text, 'base64');
  } else {
    // §4.2: "_" is a space; "=XX" a byte.
    if (/=(?![0-9A-Fa-f]{2})/.test(text)) return null;
    bytes = Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  }
  // RFC 2231 §5: charset*language.
  return decodeCharset(bytes, charset.split('*')[0] ?? charset).text;
}
