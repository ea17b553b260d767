// Bytes to text in the charset an article names, through TextDecoder (WHATWG Encoding labels:
// UTF-8, ISO-8859-x, Windows-125x, KOI8-R, Shift_JIS, GB18030, …). A charset it does not know is
// not a failure: the text is read as UTF-8 when it is valid UTF-8, else as Windows-1252 (the
// usual truth behind a wrong label), and the problem is reported beside the text.

export interface DecodedText {
  text: string;
  /** Set when the named charset could not be used. */
  problem: string | null;
}

export function decodeCharset(bytes: Uint8Array, charset: string | null): DecodedText {
  const label = (charset ?? 'us-ascii').trim().replace(/^"|"$/g, '').toLowerCase();
  // 8-bit bytes under a us-ascii label (or none) are nearly always UTF-8 from a client that did
  // not say so, and plain ASCII reads the same either way: nothing to report.
  if (ASCII_LABELS.has(label)) return { text: fallbackFor(bytes).text, problem: null };
  const decoder = decoderFor(label);
  if (decoder) return { text: decoder.decode(bytes), problem: null };
  const fallback = fallbackFor(bytes);
  return { text: fallback.text, problem: `The charset "${label.slice(0, 40)}" is unknown; the text was read as ${fallback.name}.` };
}

const ASCII_LABELS = new Set(['us-ascii', 'ascii', 'ansi_x3.4-1968']);

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

function fallbackFor(bytes: Uint8Array): { text: string; name: string } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), name: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), name: 'Windows-1252' };
  }
}
