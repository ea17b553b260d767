// A plain-text post (a newsgroup article) read into the blocks it is shown as: runs of lines at
// one ">" quote depth, and the signature after the last "-- " line (RFC 3676 §4.3, the Usenet
// convention). Lines keep their spacing (ASCII art); only the quote marks are taken off, because
// depth is shown as nested quotes. Pure: the reader builds DOM from it and the search index its
// words.

export interface PlainBlock {
  /** How many ">" quote these lines (0 for the writer's own text). */
  depth: number;
  lines: string[];
}

export interface PlainText {
  blocks: PlainBlock[];
  /** The signature's lines, its "-- " line first; null when the post has none. */
  signature: string[] | null;
}

const SIGNATURE_SEPARATOR = '-- ';

/** "> > x" and ">> x" are both depth 2; one space after the marks belongs to them. */
const QUOTE_MARKS = /^(?:> ?)+/;

const isBlank = (line: string) => line.trim() === '';

/** The post's lines, and where its signature's "-- " line is (-1: none). */
function splitSignature(text: string): { lines: string[]; separator: number } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && isBlank(lines[lines.length - 1]!)) lines.pop();
  const separator = lines.lastIndexOf(SIGNATURE_SEPARATOR);
  const hasSignature = separator !== -1 && lines.slice(separator + 1).some((line) => !isBlank(line));
  return { lines, separator: hasSignature ? separator : -1 };
}

/** The post as written, quote marks and all, without its signature: what a reply quotes. */
export function plainTextWithoutSignature(text: string): string {
  const { lines, separator } = splitSignature(text);
  return (separator === -1 ? lines : lines.slice(0, separator)).join('\n');
}

export function parsePlainText(text: string): PlainText {
  const { lines, separator } = splitSignature(text);
  const hasSignature = separator !== -1;
  const own = hasSignature ? lines.slice(0, separator) : lines;

  const blocks: PlainBlock[] = [];
  for (const line of own) {
    const marks = QUOTE_MARKS.exec(line)?.[0] ?? '';
    const depth = marks.split('>').length - 1;
    const rest = line.slice(marks.length);
    const open = blocks[blocks.length - 1];
    if (open && open.depth === depth) open.lines.push(rest);
    else blocks.push({ depth, lines: [rest] });
  }
  // Blank lines around a quote only set it apart, which the quote's own frame does on screen.
  const kept = blocks
    .map((block) => ({ depth: block.depth, lines: trimBlankLines(block.lines) }))
    .filter((block) => block.lines.length > 0);
  return { blocks: kept, signature: hasSignature ? lines.slice(separator) : null };
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(lines[start]!)) start += 1;
  while (end > start && isBlank(lines[end - 1]!)) end -= 1;
  return lines.slice(start, end);
}

/**
 * What a person wrote in a plain post, for the search index: their own lines and signature,
 * without the lines they quote (as Discourse quotes are left out), so a search finds the post
 * that said something rather than every reply quoting it.
 */
export function ownTextOfPlain(text: string): string {
  const parsed = parsePlainText(text);
  const own = parsed.blocks.filter((block) => block.depth === 0).flatMap((block) => block.lines);
  return [...own, ...(parsed.signature ?? [])].join('\n');
}
