// Turns a post's raw text into the "cooked" HTML Discourse would serve. The reader only ever sees
// cooked HTML, so this follows Discourse's output markup (quote asides, mention links, <br> for
// single newlines) for the subset of Markdown that sample and generated posts use.

export interface CookOptions {
  /**
   * Indexes of top-level blank-line-separated blocks to render verbatim as <pre><code>. The seed
   * thread's ASCII art is plain text in its raw form, yet only survives if its spacing is kept.
   */
  preformattedBlocks?: readonly number[];
}

export function cook(raw: string, options: CookOptions = {}): string {
  const lines = (raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw).split('\n');
  return cookBlocks(lines, new Set(options.preformattedBlocks ?? [])).join('\n');
}

const NEEDS_ESCAPE = /[&<>"]/;

export function escapeHtml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** Discourse's excerpt: the text of the cooked HTML without quotes, cut at a word near `max`. */
export function excerptOf(cooked: string, max = 200): string {
  const text = cooked
    .replace(/<aside[\s\S]*?<\/aside>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max);
  return `${text.slice(0, cut > max / 2 ? cut : max)} &hellip;`;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+#.-]*)\s*$/;
const QUOTE_OPEN = /^\s*\[quote(?:=(?:"([^"\]]*)"|([^\]]*)))?\]/i;
const QUOTE_CLOSE = /\[\/quote\]/i;

function cookBlocks(lines: string[], preformatted: ReadonlySet<number>): string[] {
  const html: string[] = [];
  let paragraph: string[] = [];
  let blockIndex = 0;
  const flush = (): void => {
    if (paragraph.length === 0) return;
    html.push(
      preformatted.has(blockIndex)
        ? `<pre><code>${escapeHtml(paragraph.join('\n'))}</code></pre>`
        : `<p>${paragraph.map(cookInline).join('<br>\n')}</p>`,
    );
    blockIndex += 1;
    paragraph = [];
  };

  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const marker = fence[1] as string;
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !isFenceClose(lines[i] as string, marker)) body.push(lines[i++] as string);
      const lang = fence[2] ? ` class="lang-${escapeHtml(fence[2])}"` : '';
      html.push(`<pre><code${lang}>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    const open = QUOTE_OPEN.exec(line);
    if (open) {
      flush();
      const quote = collectQuote(lines, i, open);
      html.push(renderQuote(open[1] ?? open[2] ?? '', quote.inner));
      if (quote.rest.trim() !== '') {
        lines[quote.endLine] = quote.rest;
        i = quote.endLine - 1;
      } else {
        i = quote.endLine;
      }
      continue;
    }
    if (line.trim() === '') flush();
    else paragraph.push(line);
  }
  flush();
  return html;
}

function isFenceClose(line: string, marker: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= marker.length && trimmed === (marker[0] as string).repeat(trimmed.length);
}

/** Finds the [/quote] matching the opener on line `start`, counting nested quotes. */
function collectQuote(
  lines: string[],
  start: number,
  open: RegExpExecArray,
): { inner: string[]; endLine: number; rest: string } {
  const inner: string[] = [];
  let depth = 1;
  let lineNo = start;
  let text = (lines[start] as string).slice(open.index + open[0].length);
  for (;;) {
    const tags = /\[quote(?:=[^\]]*)?\]|\[\/quote\]/gi;
    for (let match = tags.exec(text); match; match = tags.exec(text)) {
      depth += QUOTE_CLOSE.test(match[0]) ? -1 : 1;
      if (depth === 0) {
        inner.push(text.slice(0, match.index));
        return { inner, endLine: lineNo, rest: text.slice(match.index + match[0].length) };
      }
    }
    inner.push(text);
    lineNo += 1;
    // An unclosed quote takes the rest of the post (Discourse would print the tag as text instead).
    if (lineNo >= lines.length) return { inner, endLine: lines.length - 1, rest: '' };
    text = lines[lineNo] as string;
  }
}

function renderQuote(attributes: string, inner: string[]): string {
  const body = cookBlocks(inner, new Set()).join('\n');
  const [username = '', ...pairs] = attributes.split(',').map((part) => part.trim());
  if (username === '') return `<aside class="quote"><blockquote>${body}</blockquote></aside>`;
  const data = Object.fromEntries(
    pairs.map((pair) => pair.split(':').map((part) => part.trim())).filter((kv) => kv.length === 2),
  ) as Record<string, string>;
  const dataAttributes = ['post', 'topic']
    .filter((key) => data[key] !== undefined)
    .map((key) => ` data-${key}="${escapeHtml(data[key] as string)}"`)
    .join('');
  const name = escapeHtml(data['username'] ?? username);
  return (
    `<aside class="quote" data-username="${name}"${dataAttributes}>` +
    `<div class="title">${escapeHtml(username)}:</div><blockquote>${body}</blockquote></aside>`
  );
}

const INLINE =
  /!\[([^\]]*)\]\(([^()\s]+)\)|\[([^\]]+)\]\(([^()\s]+)\)|(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)'])|(?<![\w@/])@([A-Za-z0-9_](?:[\w.-]*[A-Za-z0-9_])?)/g;

// Cheap pre-check: most lines hold no markup at all, and generated forums cook 100k posts.
const MAY_HAVE_INLINE_MARKUP = /[[@]|https?:/;

function cookInline(line: string): string {
  if (!MAY_HAVE_INLINE_MARKUP.test(line)) return escapeHtml(line);
  let out = '';
  let last = 0;
  for (const match of line.matchAll(INLINE)) {
    out += escapeHtml(line.slice(last, match.index));
    last = match.index + match[0].length;
    const [, alt, src, text, href, bareUrl, mention] = match;
    if (src !== undefined) out += `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt ?? '')}">`;
    else if (href !== undefined) out += externalLink(href, escapeHtml(text ?? ''));
    else if (bareUrl !== undefined) out += externalLink(bareUrl, escapeHtml(bareUrl));
    else if (mention !== undefined) out += `<a class="mention" href="/u/${mention.toLowerCase()}">@${mention}</a>`;
  }
  return out + escapeHtml(line.slice(last));
}

function externalLink(href: string, html: string): string {
  const isSiteRelative = href.startsWith('/') && !href.startsWith('//');
  const rel = isSiteRelative ? '' : ' rel="noopener nofollow ugc"';
  return `<a href="${escapeHtml(href)}"${rel}>${html}</a>`;
}
