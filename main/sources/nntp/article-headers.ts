// An article's header block (RFC 5536 §3, RFC 5322 §2.2): "Name: value" lines, a line that
// starts with whitespace continuing the one before (folding, §2.2.3), an empty line before the
// body. Header bytes are read as UTF-8 where valid (RFC 6532 allows it), else as Latin-1.
import { decodeCharset } from './charset';

export interface ArticleParts {
  headers: Headers;
  body: Buffer;
}

export class Headers {
  constructor(private readonly fields: Map<string, string[]>) {}

  /** The first field of that name, unfolded, or null. */
  get(name: string): string | null {
    return this.fields.get(name.toLowerCase())?.[0] ?? null;
  }
}

export function splitArticle(article: Buffer): ArticleParts {
  const crlf = article.indexOf('\r\n\r\n');
  const lf = article.indexOf('\n\n');
  // A MIME part may have no headers at all: then its first line is already the empty one.
  const [end, gap] =
    article[0] === 0x0d && article[1] === 0x0a ? [0, 2]
    : article[0] === 0x0a ? [0, 1]
    : crlf !== -1 && (lf === -1 || crlf < lf) ? [crlf, 4]
    : lf !== -1 ? [lf, 2]
    : [article.length, 0];
  const fields = new Map<string, string[]>();
  let current: { name: string; value: string } | null = null;
  const save = (): void => {
    if (!current) return;
    const list = fields.get(current.name) ?? [];
    list.push(current.value.trim());
    fields.set(current.name, list);
  };
  for (const line of decodeCharset(article.subarray(0, end), null).text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && current) {
      // Unfolding removes the line break only, keeping the whitespace (RFC 5322 §2.2.3).
      current.value += line;
      continue;
    }
    save();
    const colon = line.indexOf(':');
    current = colon > 0 ? { name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1) } : null;
  }
  save();
  return { headers: new Headers(fields), body: article.subarray(Math.min(article.length, end + gap)) };
}
