// Quote markup as Discourse's composer builds it (core: quote.js buildQuote):
// [quote="USERNAME, post:N, topic:T"]\n…\n[/quote]\n\n. The username goes first; the
// `username:` extra is only needed when a display name is used there instead.

export function discourseQuote(quote: { text: string; username: string; postNumber: number; topicId: number }): string {
  const text = quote.text.replace(/\r\n?/g, '\n').trim();
  // Selected text holds quote tags only where a post shows them literally; left in, they would end ours early.
  const body = text.replace(/\[\/?quote[^\]]*\]/gi, '').trim();
  return `[quote="${quote.username}, post:${quote.postNumber}, topic:${quote.topicId}"]\n${body}\n[/quote]\n\n`;
}
