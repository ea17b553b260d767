// OVER/XOVER lines (RFC 3977 §8.3.2, RFC 2980 §2.8): tab-separated article number, Subject,
// From, Date, Message-ID, References, :bytes, :lines, then optional extra fields. Servers are not
// trusted: a line missing fields or with a bad number is an error on that line only.
import { isMessageId } from './news-ids';

export interface OverviewEntry {
  number: number;
  subject: string;
  from: string;
  date: string;
  messageId: string;
  references: string;
  bytes: number | null;
  lines: number | null;
  /** "Xref: ..." as some servers add it after the eight fields (LIST OVERVIEW.FMT "Xref:full"). */
  xref: string | null;
}

export interface OverviewLineError {
  line: string;
  why: string;
}

export interface Overview {
  entries: OverviewEntry[];
  errors: OverviewLineError[];
}

export function parseOverview(block: string): Overview {
  const entries: OverviewEntry[] = [];
  const errors: OverviewLineError[] = [];
  for (const line of block.split('\r\n')) {
    if (line === '') continue;
    const parsed = parseOverviewLine(line);
    if (typeof parsed === 'string') errors.push({ line: line.slice(0, 200), why: parsed });
    else entries.push(parsed);
  }
  return { entries, errors };
}

/** The entry, or why the line was not one. */
export function parseOverviewLine(line: string): OverviewEntry | string {
  const fields = line.split('\t');
  if (fields.length < 6) return `${fields.length} fields where an overview line has at least 6`;
  const [numberField, subject, from, date, messageId, references, bytes, lines, ...extra] = fields as [string, string, string, string, string, string, ...string[]];
  if (!/^\d{1,15}$/.test(numberField) || Number(numberField) < 1) return `"${numberField.slice(0, 20)}" is not an article number`;
  if (!isMessageId(messageId.trim())) return `"${messageId.slice(0, 60)}" is not a Message-ID`;
  const xref = extra.find((field) => /^xref:/i.test(field));
  return {
    number: Number(numberField),
    subject,
    from,
    date,
    messageId: messageId.trim(),
    references,
    bytes: count(bytes),
    lines: count(lines),
    xref: xref ? xref.slice(5).trim() : null,
  };
}

function count(field: string | undefined): number | null {
  return field !== undefined && /^\d{1,15}$/.test(field) ? Number(field) : null;
}
