import { describe, expect, it } from 'vitest';
import { ownTextOfPlain, parsePlainText, plainTextWithoutSignature } from '../../../shared/plain-text';

describe('a plain post read into blocks', () => {
  it('keeps lines and their spacing as written, ASCII art included', () => {
    const art = ['   /\\_/\\', '  ( o.o )', '   > ^ <  ', '\tindented by a tab'];
    // "   > ^ <" starts with spaces: it is art, not a quote.
    expect(parsePlainText(art.join('\n'))).toEqual({ blocks: [{ depth: 0, lines: art }], signature: null });
  });

  it('gives each run of ">" lines its depth; "> >" and ">>" are the same depth', () => {
    const text = ['Alice wrote:', '> first', '> > deeper', '>> also deeper', '>back to one', '', 'My answer.'].join('\r\n');
    expect(parsePlainText(text).blocks).toEqual([
      { depth: 0, lines: ['Alice wrote:'] },
      { depth: 1, lines: ['first'] },
      { depth: 2, lines: ['deeper', 'also deeper'] },
      { depth: 1, lines: ['back to one'] },
      { depth: 0, lines: ['My answer.'] },
    ]);
  });

  it('takes the lines after the last "-- " line as the signature, its separator first', () => {
    const text = 'Body\n-- \nnot yet\nmore body\n-- \nJane Doe\n  jane@example.org\n\n';
    expect(parsePlainText(text)).toEqual({
      blocks: [{ depth: 0, lines: ['Body', '-- ', 'not yet', 'more body'] }],
      signature: ['-- ', 'Jane Doe', '  jane@example.org'],
    });
  });

  it('does not take "--" without its space, a quoted "-- " or a bare separator at the end for a signature', () => {
    expect(parsePlainText('Body\n--\nJane').signature).toBeNull();
    expect(parsePlainText('Body\n> -- \n> Bob').signature).toBeNull();
    expect(parsePlainText('Body\n-- \n\n').signature).toBeNull();
  });

  it('keeps a line that starts with "." as it is', () => {
    expect(parsePlainText('.\n..two dots\n.hidden').blocks).toEqual([{ depth: 0, lines: ['.', '..two dots', '.hidden'] }]);
  });

  it('searches what the writer wrote: their lines and signature, not the lines they quote', () => {
    expect(ownTextOfPlain('Bob wrote:\n> quoted words\nmy words\n-- \nBob')).toBe('Bob wrote:\nmy words\n-- \nBob');
  });

  it('is quoted as written without its signature', () => {
    expect(plainTextWithoutSignature('Bob wrote:\r\n> quoted\n\nmine\n-- \nJane\n')).toBe('Bob wrote:\n> quoted\n\nmine');
    expect(plainTextWithoutSignature('no signature\n-- \n')).toBe('no signature\n-- ');
  });
});
