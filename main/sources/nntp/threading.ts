// Threads from References (RFC 5536 §3.4.4: the ids of the ancestors, oldest first), in the way
// of jwz's threading algorithm: each article's References make a chain of parent links, also
// through articles the server has expired, so a reply whose parent is gone still reaches its
// root. Without References, In-Reply-To; without both, a "Re:" subject joins the thread of the
// same subject. Links that would close a loop are not made.

export interface ThreadableArticle {
  messageId: string;
  subject: string;
  references: string[];
  inReplyTo: string | null;
}

/** What the reader already stores: the thread of a Message-ID, and of a subject's first article. */
export interface KnownThreads {
  threadOf(messageId: string): string | null;
  threadOfSubject(baseSubject: string): string | null;
}

export interface ThreadPlacement {
  messageId: string;
  /** The Message-ID of the thread's root, which may be an article the server no longer has. */
  threadId: string;
  /** The nearest ancestor the reader has (in this batch or stored), or null at a thread's top. */
  parentId: string | null;
  joinedBy: 'references' | 'in-reply-to' | 'subject' | 'none';
}

const NOTHING_KNOWN: KnownThreads = { threadOf: () => null, threadOfSubject: () => null };

export function threadArticles(articles: ThreadableArticle[], known: KnownThreads = NOTHING_KNOWN): ThreadPlacement[] {
  const present = new Set(articles.map((article) => article.messageId));
  const parent = new Map<string, string>();
  const link = (child: string, to: string): void => {
    if (child === to || parent.has(child) || leadsTo(parent, to, child)) return;
    parent.set(child, to);
  };
  const ancestry = new Map<string, { chain: string[]; joinedBy: ThreadPlacement['joinedBy'] }>();
  for (const article of articles) {
    const references = unique(article.references.filter((id) => id !== article.messageId));
    const chain = references.length > 0 ? references : article.inReplyTo && article.inReplyTo !== article.messageId ? [article.inReplyTo] : [];
    ancestry.set(article.messageId, { chain, joinedBy: references.length > 0 ? 'references' : chain.length > 0 ? 'in-reply-to' : 'none' });
  }
  // An article's own parent first, then the links between its ancestors, so what an article says
  // of itself wins over what a later article says of it.
  for (const article of articles) {
    const { chain } = ancestry.get(article.messageId)!;
    if (chain.length > 0) link(article.messageId, chain[chain.length - 1]!);
  }
  for (const article of articles) {
    const { chain } = ancestry.get(article.messageId)!;
    for (let i = chain.length - 1; i > 0; i--) link(chain[i]!, chain[i - 1]!);
  }

  const rootOf = (id: string): string => {
    let node = id;
    for (;;) {
      const stored = known.threadOf(node);
      if (stored) return stored;
      const up = parent.get(node);
      if (!up) return node;
      node = up;
    }
  };
  const subjectThreads = new Map<string, string>();
  return articles.map((article) => {
    const { chain, joinedBy } = ancestry.get(article.messageId)!;
    if (chain.length > 0) {
      const nearest = [...chain].reverse().find((id) => present.has(id) || known.threadOf(id) !== null) ?? null;
      return { messageId: article.messageId, threadId: rootOf(article.messageId), parentId: nearest, joinedBy };
    }
    const base = baseSubject(article.subject);
    const sameSubject = isReply(article.subject) ? (subjectThreads.get(base) ?? known.threadOfSubject(base)) : null;
    if (!subjectThreads.has(base)) subjectThreads.set(base, article.messageId);
    if (sameSubject) return { messageId: article.messageId, threadId: sameSubject, parentId: sameSubject, joinedBy: 'subject' };
    return { messageId: article.messageId, threadId: article.messageId, parentId: null, joinedBy: 'none' };
  });
}

/** The subject without "Re:", "RE:", "Re[2]:", "Aw:", "Sv:" prefixes, spacing collapsed, lower case. */
export function baseSubject(subject: string): string {
  return subject
    .replace(/^(\s*(re|aw|sv|antw)(\[\d+\])?\s*:\s*)+/i, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function isReply(subject: string): boolean {
  return /^\s*(re|aw|sv|antw)(\[\d+\])?\s*:/i.test(subject);
}

/** Whether following parent links from `from` reaches `target` (a link to it would close a loop). */
function leadsTo(parent: Map<string, string>, from: string, target: string): boolean {
  const seen = new Set<string>();
  for (let node: string | undefined = from; node !== undefined && !seen.has(node); node = parent.get(node)) {
    if (node === target) return true;
    seen.add(node);
  }
  return false;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
