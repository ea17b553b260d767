// A quote as newsreaders write it: an attribution line, then each quoted line with "> " in front
// (a line that was itself a quote gets one more ">", RFC 3676 §4.5's quote depth).

export function newsQuote(quote: { text: string; username: string }): string {
  const lines = quote.text.replace(/\r\n?/g, '\n').trim().split('\n');
  const quoted = lines.map((line) => (line.startsWith('>') ? `>${line}` : line === '' ? '>' : `> ${line}`));
  return `${quote.username} wrote:\n${quoted.join('\n')}\n\n`;
}
