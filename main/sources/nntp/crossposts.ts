// A crosspost is one article in several groups (RFC 5536 §3.1.4 Newsgroups; RFC 5536 §3.2.14
// Xref gives its number in each group on this server). The reader stores it once, keyed by
// Message-ID, and shows it in each group it was seen in.

export interface GroupNumber {
  group: string;
  number: number;
}

/** "server group:number group:number" to the numbers; malformed entries are left out. */
export function parseXref(value: string | null): GroupNumber[] {
  if (!value) return [];
  return value
    .trim()
    .split(/\s+/)
    .slice(1)
    .flatMap((entry) => {
      const match = /^([^:\s]+):(\d{1,15})$/.exec(entry);
      return match ? [{ group: match[1]!, number: Number(match[2]) }] : [];
    });
}

export interface SeenArticle {
  messageId: string;
  group: string;
  number: number;
  xref: string | null;
}

/** One entry per Message-ID with every group and number it is known under, first seen first. */
export function collectCrossposts(seen: SeenArticle[]): Map<string, GroupNumber[]> {
  const byId = new Map<string, GroupNumber[]>();
  for (const article of seen) {
    const places = byId.get(article.messageId) ?? [];
    for (const place of [{ group: article.group, number: article.number }, ...parseXref(article.xref)]) {
      if (!places.some((known) => known.group === place.group)) places.push(place);
    }
    byId.set(article.messageId, places);
  }
  return byId;
}
