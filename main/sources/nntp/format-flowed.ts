// format=flowed (RFC 3676): a line ending in a space is soft-broken and joins the next one at
// the same quote depth (§4.2); DelSp=yes says that space was added and goes (§4.2); a leading
// space was stuffed in and goes (§4.4); the signature separator "-- " is never flowed (§4.3).

export interface QuotedLine {
  /** How many ">" quote it (0 for the writer's own text). */
  quote: number;
  text: string;
}

export const SIGNATURE_SEPARATOR = '-- ';

/** Logical lines of a flowed text. */
export function unflow(text: string, delSp: boolean): QuotedLine[] {
  const out: QuotedLine[] = [];
  let open: QuotedLine | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const quote = /^>*/.exec(raw)![0].length;
    let line = raw.slice(quote);
    if (line.startsWith(' ')) line = line.slice(1);
    const flowed = line.endsWith(' ') && line !== SIGNATURE_SEPARATOR;
    const piece = flowed && delSp ? line.slice(0, -1) : line;
    if (open && open.quote === quote) open.text += piece;
    else {
      // §4.5: a flowed line followed by one at another depth ends its paragraph there.
      open = { quote, text: piece };
      out.push(open);
    }
    if (!flowed) open = null;
  }
  return out;
}

/** Lines of fixed text with their quote depth: "> > x" and ">> x" are both depth 2. */
export function quoteLevels(text: string): QuotedLine[] {
  return text.split(/\r?\n/).map((line) => {
    const marks = /^(?:> ?)+/.exec(line);
    if (!marks) return { quote: 0, text: line };
    const quote = marks[0].split('>').length - 1;
    return { quote, text: line.slice(marks[0].length) };
  });
}

const WIDTH = 76;

/**
 * A person's plain text as format=flowed without DelSp (RFC 3676 §4.1): long lines soft-broken
 * after a space, trailing spaces of hard breaks removed, lines that start with a space, ">" or
 * "From " space-stuffed. A line that starts with ">" keeps its quote marks on every piece.
 */
export function flow(text: string): string {
  const out: string[] = [];
  for (const raw of text.replace(/\r\n/g, '\n').split('\n')) {
    if (raw === SIGNATURE_SEPARATOR || raw === '--') {
      out.push(SIGNATURE_SEPARATOR);
      continue;
    }
    const marks = /^>+ ?/.exec(raw)?.[0] ?? '';
    const quote = marks.trimEnd();
    const body = raw.slice(marks.length).replace(/[ \t]+$/, '');
    const prefix = quote ? `${quote} ` : '';
    const pieces = wrap(body, WIDTH - prefix.length);
    pieces.forEach((piece, index) => {
      const soft = index < pieces.length - 1;
      const stuffed = !quote && /^( |>|From )/.test(piece) ? ` ${piece}` : piece;
      out.push(`${prefix}${stuffed}${soft && !piece.endsWith(' ') ? ' ' : ''}`);
    });
  }
  return out.join('\r\n');
}

/** Pieces of `line`, each ending with the space it was broken after; a word longer than `width` stays whole. */
function wrap(line: string, width: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width);
    if (cut <= 0) break;
    pieces.push(rest.slice(0, cut + 1));
    rest = rest.slice(cut + 1);
  }
  pieces.push(rest);
  return pieces;
}
