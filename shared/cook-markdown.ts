// Turns a post's raw Markdown into the HTML Discourse "cooks" from it. Discourse cooks with
// markdown-it; so does this, with Discourse's default site settings (a single newline is a line
// break, links are found in plain text, typographic quotes and dashes) and the few Discourse
// rules the reader meets: [quote] asides, @mentions, fenced code classes and rel on outside links.
// The sample forum serves what this makes and the reply preview shows it, so a preview looks like
// the post will. Raw HTML is not passed through (Discourse allowlists some; here all of it stays
// text), and the renderer sanitises whatever it shows anyway.
import MarkdownIt, { type Env, type RendererRule, type StateBlock, type StateCore, type Token } from 'markdown-it';

export interface CookOptions {
  /**
   * Indexes of top-level blank-line-separated blocks to render verbatim as <pre><code>. The seed
   * thread's ASCII art is plain text in its raw form, yet only survives if its spacing is kept.
   */
  preformattedBlocks?: readonly number[];
}

interface CookEnv extends Env {
  /** Lines (0-based) that start a block to keep verbatim. */
  preformattedLines: ReadonlySet<number>;
  /** Per block context (level, indent, end): the line of each quote opener's [/quote], or null. */
  quoteCloses: Map<string, Map<number, number | null>>;
}

const md = new MarkdownIt({
  html: false,
  // traditional_markdown_linebreaks = false, Discourse's default.
  breaks: true,
  linkify: true,
  typographer: true,
  // markdown_typographer_quotation_marks, Discourse's default.
  quotes: '“”‘’',
});
md.block.ruler.before('table', 'preformatted_block', preformattedBlock);
md.block.ruler.after('fence', 'bbcode_quote', quoteBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
md.core.ruler.at('replacements', discourseReplacements);
md.core.ruler.push('mentions', mentions);
md.renderer.rules.fence = renderFence;
md.renderer.rules.link_open = renderLinkOpen;

export const escapeHtml: (text: string) => string = md.utils.escapeHtml;

export function cookMarkdown(raw: string, options: CookOptions = {}): string {
  const env: CookEnv = { preformattedLines: blockStartLines(raw, options.preformattedBlocks ?? []), quoteCloses: new Map() };
  // Discourse trims what it cooks.
  return md.render(raw, env).trim();
}

function blockStartLines(raw: string, blocks: readonly number[]): ReadonlySet<number> {
  const lines = new Set<number>();
  if (blocks.length === 0) return lines;
  const wanted = new Set(blocks);
  let block = -1;
  let blank = true;
  raw.split(/\r\n?|\n/).forEach((line, index) => {
    const isBlank = line.trim() === '';
    if (!isBlank && blank) {
      block += 1;
      if (wanted.has(block)) lines.add(index);
    }
    blank = isBlank;
  });
  return lines;
}

function preformattedBlock(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  const { preformattedLines } = state.env as CookEnv;
  if (state.level !== 0 || !preformattedLines.has(startLine)) return false;
  if (silent) return true;
  let next = startLine + 1;
  while (next < state.lineMax && !state.isEmpty(next)) next += 1;
  const token = state.push('code_block', 'code', 0);
  token.content = state.getLines(startLine, next, 0, false);
  token.map = [startLine, next];
  state.line = next;
  return true;
}

// ---- [quote="name, post:N, topic:T"] … [/quote], as Discourse's bbcode block rule reads it ----

const QUOTE_OPEN = /^\[quote(?![a-z])([^\]]*)\]/i;
const QUOTE_CLOSE = /^\[\/quote\]\s*$/i;
const INLINE_CLOSE = /\[\/quote\]\s*$/i;

/**
 * The opening tag starts a line and either ends it (the quote closes on a later line holding only
 * [/quote]) or the same line ends with [/quote]. An unclosed quote is not a quote: its tags stay text.
 */
function quoteBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const line = state.src.slice(start, state.eMarks[startLine]);
  const open = QUOTE_OPEN.exec(line);
  if (!open) return false;
  if (silent) return true;

  const rest = line.slice(open[0].length);
  const inlineClose = INLINE_CLOSE.exec(rest);
  let closeLine = startLine;
  if (!inlineClose) {
    if (rest.trim() !== '') return false;
    const found = closeLineOf(state, startLine, endLine);
    if (found === null) return false;
    closeLine = found;
  }

  const outerLineMax = state.lineMax;
  // Nothing inside may run on past the closing tag (a lazy paragraph continuation would).
  state.lineMax = closeLine;
  pushQuoteOpen(state, quoteSource(open[1] ?? ''));
  if (inlineClose) {
    state.push('paragraph_open', 'p', 1).map = [startLine, startLine + 1];
    const inline = state.push('inline', '', 0);
    inline.content = rest.slice(0, inlineClose.index).trim();
    inline.map = [startLine, startLine + 1];
    inline.children = [];
    state.push('paragraph_close', 'p', -1);
  } else {
    state.md.block.tokenize(state, startLine + 1, closeLine);
  }
  state.push('quote_blockquote_close', 'blockquote', -1);
  state.push('quote_close', 'aside', -1);
  state.lineMax = outerLineMax;
  state.line = closeLine + 1;
  return true;
}

/** The line of the [/quote] that closes the block quote opened on line `opener`, nested quotes counted. */
function closeLineOf(state: StateBlock, opener: number, endLine: number): number | null {
  const { quoteCloses } = state.env as CookEnv;
  const context = `${state.level} ${state.blkIndent} ${endLine}`;
  let closes = quoteCloses.get(context);
  if (!closes) quoteCloses.set(context, (closes = new Map()));
  if (!closes.has(opener)) matchQuoteTags(state, opener, endLine, closes);
  return closes.get(opener) ?? null;
}

/**
 * Pairs openers and closers from `opener` on, in one pass, until the content ends (a line indented
 * less than the block). Scanning ahead once per opener instead took quadratic time on a post of
 * many unclosed quotes (20,000 lines of "[quote]" took 43 s).
 */
function matchQuoteTags(state: StateBlock, opener: number, endLine: number, closes: Map<number, number | null>): void {
  const open = [opener];
  for (let line = opener + 1; line < endLine; line += 1) {
    const start = state.bMarks[line]! + state.tShift[line]!;
    const max = state.eMarks[line]!;
    if (start < max && state.sCount[line]! < state.blkIndent) break;
    if (state.src.charCodeAt(start) !== 0x5b /* [ */ || state.sCount[line]! - state.blkIndent >= 4) continue;
    const text = state.src.slice(start, max);
    if (QUOTE_CLOSE.test(text)) {
      const matched = open.pop();
      if (matched !== undefined) closes.set(matched, line);
    } else {
      const nested = QUOTE_OPEN.exec(text);
      if (nested && text.slice(nested[0].length).trim() === '') open.push(line);
    }
  }
  for (const unclosed of open) closes.set(unclosed, null);
}

interface QuoteSource {
  username: string;
  /** What the title shows: the first field, which is a display name when `username:` follows. */
  displayName: string;
  post: number | null;
  topic: number | null;
  full: boolean;
}

/** Reads `="name, post:N, topic:T[, full:true][, username:U]"` (the part after `[quote`). */
function quoteSource(attributes: string): QuoteSource | null {
  const value = /^\s*=(.+)$/.exec(attributes)?.[1]?.trim().replace(/^["'“”](.*)["'“”]$/, '$1');
  if (!value) return null;
  const [first = '', ...fields] = value.split(/,\s*/);
  const number = (key: string): number | null => {
    const field = fields.find((f) => f.startsWith(`${key}:`));
    const parsed = field === undefined ? NaN : Number.parseInt(field.slice(key.length + 1), 10);
    return parsed > 0 ? parsed : null;
  };
  const username = fields.find((f) => f.startsWith('username:'))?.slice('username:'.length);
  return {
    username: username ?? first,
    displayName: first,
    post: number('post'),
    topic: number('topic'),
    full: fields.some((f) => /^full:\s*true$/.test(f)),
  };
}

/** Discourse's cooked quote head: `aside.quote` with its source, a title naming the author, then the blockquote. */
function pushQuoteOpen(state: StateBlock, source: QuoteSource | null): void {
  const aside = state.push('quote_open', 'aside', 1);
  // "no-group": Discourse names the author's primary group here; the sample forum has none.
  aside.attrs = [['class', 'quote no-group']];
  if (source?.username) aside.attrPush(['data-username', source.username]);
  if (source?.post) aside.attrPush(['data-post', String(source.post)]);
  if (source?.topic) aside.attrPush(['data-topic', String(source.topic)]);
  if (source?.full) aside.attrPush(['data-full', 'true']);
  if (source?.username) {
    state.push('quote_title_open', 'div', 1).attrs = [['class', 'title']];
    state.push('quote_controls_open', 'div', 1).attrs = [['class', 'quote-controls']];
    state.push('quote_controls_close', 'div', -1);
    // Discourse puts the author's avatar before the name; the reader shows no remote avatars.
    state.push('text', '', 0).content = ` ${source.displayName}:`;
    state.push('quote_title_close', 'div', -1);
  }
  state.push('quote_blockquote_open', 'blockquote', 1);
}

// ---- inline text: typography and mentions ----

/**
 * Discourse's own typographic replacements, used instead of markdown-it's: no (c) or (r), three
 * or more dots make an ellipsis (two stay two), arrows from -> <- <->.
 */
function discourseReplacements(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    let inAutolink = false;
    for (const token of block.children) {
      if (token.type === 'link_open' && token.info === 'auto') inAutolink = true;
      else if (token.type === 'link_close' && token.info === 'auto') inAutolink = false;
      else if (token.type === 'text' && !inAutolink) token.content = typographic(token.content);
    }
  }
}

function typographic(text: string): string {
  if (!/\+-|\.\.\.|[?!]{4}|,,|--|->|<-|\((?:tm|pa)\)/i.test(text)) return text;
  return text
    .replace(/\((tm|pa)\)/gi, (_, abbr: string) => (abbr.toLowerCase() === 'tm' ? '™' : '¶'))
    .replace(/\+-/g, '±')
    .replace(/(^|\s)-{1,2}>(?=\s|$)/gm, '$1→')
    .replace(/(^|\s)<-{1,2}>(?=\s|$)/gm, '$1↔')
    .replace(/(^|\s)<-{1,2}(?=\s|$)/gm, '$1←')
    .replace(/\.{3,}/g, '…')
    .replace(/([?!])…/g, '$1..')
    .replace(/([?!]){4,}/g, '$1$1$1')
    .replace(/,{2,}/g, ',')
    .replace(/(^|[^-])---(?=[^-]|$)/gm, '$1\u2014')
    .replace(/(^|\s)--(?=\s|$)/gm, '$1\u2013')
    .replace(/(^|[^-\s])--(?=[^-\s]|$)/gm, '$1\u2013');
}

// Discourse's username characters; the lookbehind keeps e-mail addresses and paths out.
const MENTION = /(?<![\w@/])@([A-Za-z0-9_](?:[\w.-]*[A-Za-z0-9_])?)/g;

/** @name becomes a link to the user, as Discourse's cooked HTML has it (outside links and code). */
function mentions(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children || !block.content.includes('@')) continue;
    const children: Token[] = [];
    let linkDepth = 0;
    for (const token of block.children) {
      if (token.type === 'link_open') linkDepth += 1;
      if (token.type === 'link_close') linkDepth -= 1;
      if (token.type !== 'text' || linkDepth > 0 || !token.content.includes('@')) {
        children.push(token);
        continue;
      }
      let last = 0;
      for (const match of token.content.matchAll(MENTION)) {
        const name = match[1] as string;
        if (match.index > last) children.push(textToken(state, token.content.slice(last, match.index)));
        const open = new state.Token('link_open', 'a', 1);
        open.attrs = [['class', 'mention'], ['href', `/u/${name.toLowerCase()}`]];
        children.push(open, textToken(state, `@${name}`), new state.Token('link_close', 'a', -1));
        last = match.index + match[0].length;
      }
      children.push(last === 0 ? token : textToken(state, token.content.slice(last)));
    }
    block.children = children;
  }
}

function textToken(state: StateCore, content: string): Token {
  const token = new state.Token('text', '', 0);
  token.content = content;
  return token;
}

// ---- rendering ----

/** Discourse marks links that leave the forum (it adds this when it cooks, and it is what the API serves). */
function renderLinkOpen(...[tokens, idx, options, , renderer]: Parameters<RendererRule>): string {
  const token = tokens[idx] as Token;
  if (/^(https?:)?\/\//i.test(String(token.attrGet('href') ?? ''))) token.attrSet('rel', 'noopener nofollow ugc');
  return renderer.renderToken(tokens, idx, options);
}

// Discourse's code classes: default_code_lang is "auto"; text, pre and plain mean no highlighting.
const PLAIN_CODE = new Set(['text', 'pre', 'plain']);

function renderFence(...[tokens, idx]: Parameters<RendererRule>): string {
  const token = tokens[idx] as Token;
  const lang = token.info.trim().split(/\s+/)[0] ?? '';
  let code = 'class="lang-auto"';
  if (PLAIN_CODE.has(lang)) code = 'class="lang-plaintext"';
  else if (/^[\w+-]+$/.test(lang) && lang !== 'auto') code = `class="lang-${lang}"`;
  // A named language also asks for wrapping; Discourse records it on the <pre>.
  const pre = code === `class="lang-${lang}"` ? `<pre data-code-wrap="${lang}">` : '<pre>';
  return `${pre}<code ${code}>${escapeHtml(token.content)}</code></pre>\n`;
}
