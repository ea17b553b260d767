// A small Markdown renderer for the reply preview: the subset people write in forum replies,
// rendered the way Discourse cooks it (a newline is a line break; [quote] becomes an aside with
// its source). Its output goes through the same sanitiser as posts before it reaches the DOM, so
// this only has to be faithful, not safe; it still escapes everything it does not produce itself.

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+#.-]*)\s*$/;
const QUOTE_OPEN = /^\s*\[quote(?:=(?:"([^"\]]*)"|([^\]]*)))?\]/i;
const QUOTE_TOKEN = /\[quote(?:=[^\]]*)?\]|\[\/quote\]/gi;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^ {0,3}([-*_])(?: *\1){2,} *$/;
const LIST_ITEM = /^ {0,3}([-*+]|\d{1,9}[.)])\s+(.*)$/;

export function renderMarkdown(raw: string): string {
  return renderBlocks(raw.replace(/\r\n?/g, '\n').split('\n')).join('\n');
}

function renderBlocks(lines: string[]): string[] {
  const html: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) html.push(`<p>${paragraph.map((line) => renderInline(line.trim())).join('<br>\n')}</p>`);
    paragraph = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') {
      flush();
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const marker = fence[1] as string;
      const body: string[] = [];
      for (i++; i < lines.length && !(lines[i] as string).trim().startsWith(marker); i++) body.push(lines[i] as string);
      const lang = fence[2] ? ` class="lang-${escapeHtml(fence[2])}"` : '';
      html.push(`<pre><code${lang}>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    const quote = QUOTE_OPEN.exec(line);
    if (quote) {
      flush();
      const closed = collectQuote(lines, i, line.slice(quote[0].length));
      html.push(renderQuote(quote[1] ?? quote[2] ?? '', renderBlocks(closed.inner)));
      if (closed.rest.trim() !== '') {
        lines[closed.endLine] = closed.rest;
        i = closed.endLine - 1;
      } else {
        i = closed.endLine;
      }
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const level = (heading[1] as string).length;
      html.push(`<h${level}>${renderInline(heading[2] as string)}</h${level}>`);
      continue;
    }
    if (RULE.test(line)) {
      flush();
      html.push('<hr>');
      continue;
    }
    if (/^ {0,3}>/.test(line)) {
      flush();
      const inner: string[] = [];
      for (; i < lines.length && /^ {0,3}>/.test(lines[i] as string); i++) inner.push((lines[i] as string).replace(/^ {0,3}> ?/, ''));
      i--;
      html.push(`<blockquote>${renderBlocks(inner).join('\n')}</blockquote>`);
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item && paragraph.length === 0) {
      const ordered = /\d/.test(item[1] as string);
      const items: string[] = [];
      for (; i < lines.length; i++) {
        const next = LIST_ITEM.exec(lines[i] as string);
        if (next && /\d/.test(next[1] as string) === ordered) items.push(next[2] as string);
        else if (items.length > 0 && /^\s{2,}\S/.test(lines[i] as string)) items[items.length - 1] += `\n${(lines[i] as string).trim()}`;
        else break;
      }
      i--;
      const tag = ordered ? 'ol' : 'ul';
      html.push(`<${tag}>${items.map((text) => `<li>${text.split('\n').map(renderInline).join('<br>')}</li>`).join('')}</${tag}>`);
      continue;
    }
    paragraph.push(line);
  }
  flush();
  return html;
}

/** Lines inside a [quote]…[/quote] that opens at `start`, nested quotes included. */
function collectQuote(lines: string[], start: number, afterOpen: string): { inner: string[]; endLine: number; rest: string } {
  const inner: string[] = [];
  let depth = 1;
  for (let i = start; i < lines.length; i++) {
    const text = i === start ? afterOpen : (lines[i] as string);
    QUOTE_TOKEN.lastIndex = 0;
    let token: RegExpExecArray | null;
    while ((token = QUOTE_TOKEN.exec(text))) {
      depth += token[0].startsWith('[/') ? -1 : 1;
      if (depth === 0) {
        inner.push(text.slice(0, token.index));
        return { inner, endLine: i, rest: text.slice(token.index + token[0].length) };
      }
    }
    inner.push(text);
  }
  // Unclosed: Discourse quotes to the end.
  return { inner, endLine: lines.length - 1, rest: '' };
}

/** Discourse's cooked quote: an aside naming its source (core: quote.js / bbcode quote). */
function renderQuote(source: string, inner: string[]): string {
  const [name = '', ...extras] = source.split(',').map((part) => part.trim());
  const field = (key: string) => extras.find((part) => part.startsWith(`${key}:`))?.slice(key.length + 1).trim();
  const post = field('post');
  const topic = field('topic');
  const username = field('username') ?? name;
  const attributes = [
    name ? ` data-username="${escapeHtml(username)}"` : '',
    post ? ` data-post="${escapeHtml(post)}"` : '',
    topic ? ` data-topic="${escapeHtml(topic)}"` : '',
  ].join('');
  const title = name ? `<div class="title">${escapeHtml(name)}:</div>` : '';
  return `<aside class="quote"${attributes}>${title}<blockquote>${inner.join('\n')}</blockquote></aside>`;
}

/** Code spans and links first (kept aside as placeholders), then emphasis on what is left. */
export function renderInline(text: string): string {
  const kept: string[] = [];
  const keep = (html: string) => `\u0000${kept.push(html) - 1}\u0000`;
  let out = text.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_, _ticks, code: string) => keep(`<code>${escapeHtml(code.trim())}</code>`));
  out = out.replace(/\[([^\]\n]+)\]\(\s*([^)\s]+)\s*\)/g, (whole, label: string, href: string) =>
    isSafeHref(href) ? keep(`<a href="${escapeHtml(href)}">${renderEmphasis(escapeHtml(label))}</a>`) : whole,
  );
  out = out.replace(/(^|[\s(])(https?:\/\/[^\s<>"]+[^\s<>".,:;'")\]!?])/g, (_, before: string, url: string) => `${before}${keep(`<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`)}`);
  out = renderEmphasis(escapeHtml(out));
  return out.replace(/\u0000(\d+)\u0000/g, (_, index: string) => kept[Number(index)] ?? '');
}

function renderEmphasis(escaped: string): string {
  return escaped
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w])__(?=\S)([\s\S]*?\S)__(?!\w)/g, '$1<strong>$2</strong>')
    .replace(/(^|[^*\w])\*(?=[^\s*])([^*]*?[^\s*])\*(?![*\w])/g, '$1<em>$2</em>')
    .replace(/(^|[^\w])_(?=[^\s_])([^_]*?[^\s_])_(?!\w)/g, '$1<em>$2</em>')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '<del>$1</del>');
}

const isSafeHref = (href: string) => /^(https?:|mailto:|\/|#)/i.test(href);

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
