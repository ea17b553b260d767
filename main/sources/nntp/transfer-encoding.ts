// Content-Transfer-Encoding (RFC 2045 §6): quoted-printable (§6.7) and base64 (§6.8); 7bit,
// 8bit and binary are the bytes as they are. Both decoders are lenient the way mail readers are:
// a malformed "=" escape is kept as written, characters outside the base64 alphabet are skipped.

export function decodeTransfer(body: Buffer, encoding: string | null): Buffer {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    case 'base64':
      return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
    default:
      return body;
  }
}

export function decodeQuotedPrintable(body: Buffer): Buffer {
  const text = body.toString('latin1');
  const out: number[] = [];
  // §6.7 rule 3: trailing whitespace on a line was added in transit and is removed.
  const lines = text.split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    const line = rawLine.replace(/[ \t]+$/, '');
    let soft = false;
    for (let i = 0; i < line.length; i++) {
      const char = line.charCodeAt(i);
      if (char === 0x3d /* = */) {
        if (i === line.length - 1) {
          soft = true; // §6.7 rule 5: "=" at the end of a line is a soft line break
          break;
        }
        const hex = line.slice(i + 1, i + 3);
        if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
          out.push(parseInt(hex, 16));
          i += 2;
          continue;
        }
      }
      out.push(char & 0xff);
    }
    if (!soft && index < lines.length - 1) out.push(0x0d, 0x0a);
  });
  return Buffer.from(out);
}

/** Quoted-printable for UTF-8 text (RFC 2045 §6.7), lines kept, none over 76 characters. */
export function encodeQuotedPrintable(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const bytes = Buffer.from(line, 'utf8');
      let encoded = '';
      bytes.forEach((byte, i) => {
        const last = i === bytes.length - 1;
        const plain = (byte >= 33 && byte <= 126 && byte !== 0x3d) || ((byte === 0x20 || byte === 0x09) && !last);
        encoded += plain ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      });
      // A leading "." is encoded too, so no transport ever sees a dot line in it.
      if (encoded.startsWith('.')) encoded = `=2E${encoded.slice(1)}`;
      const wrapped: string[] = [];
      while (encoded.length > 76) {
        let cut = 75;
        // Never split an =XX escape.
        if (encoded[cut - 1] === '=') cut -= 1;
        else if (encoded[cut - 2] === '=') cut -= 2;
        wrapped.push(`${encoded.slice(0, cut)}=`);
        encoded = encoded.slice(cut);
      }
      wrapped.push(encoded);
      return wrapped.join('\r\n');
    })
    .join('\r\n');
}
