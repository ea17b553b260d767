import { describe, expect, it } from 'vitest';
import { normaliseRaw } from '../../../../main/sources/discourse/find-sent-reply';

describe('recognising a reply by its text', () => {
  it('ignores what Discourse changes when it saves raw: line endings, odd spaces, trailing whitespace', () => {
    expect(normaliseRaw('[quote="a, post:1, topic:2"]\r\nSee this baton?\r\n[/quote]\r\n\r\nYes.  \n')).toBe(normaliseRaw('[quote="a, post:1, topic:2"]\nSee this baton?\n[/quote]\n\nYes.'));
    expect(normaliseRaw('a\u00a0b')).toBe('a b');
  });

  it('still tells different words apart', () => {
    expect(normaliseRaw('Follow it!')).not.toBe(normaliseRaw('Follow it?'));
  });
});
