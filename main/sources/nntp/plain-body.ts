// The body model an article is shown from: its lines as written (spacing kept, so ASCII art
// survives), each with its ">" quote depth, and the signature after the last "-- " line
// (RFC 3676 §4.3, the Usenet convention) apart so it can fold like a Discourse signature.
import { SIGNATURE_SEPARATOR, type QuotedLine } from './format-flowed';

export interface PlainBody {
  lines: QuotedLine[];
  /** The lines after the signature separator, or null when there is none. */
  signature: string[] | null;
}

export function toPlainBody(lines: QuotedLine[]): PlainBody {
  const trimmed = [...lines];
  while (trimmed.length > 0 && trimmed[trimmed.length - 1]!.text === '' && trimmed[trimmed.length - 1]!.quote === 0) trimmed.pop();
  let separator = -1;
  for (let i = trimmed.length - 1; i >= 0; i--) {
    if (trimmed[i]!.quote === 0 && trimmed[i]!.text === SIGNATURE_SEPARATOR) {
      separator = i;
      break;
    }
  }
  if (separator === -1) return { lines: trimmed, signature: null };
  return { lines: trimmed.slice(0, separator), signature: trimmed.slice(separator + 1).map((line) => line.text) };
}
