import { describe, expect, it } from 'vitest';
import { cookMarkdown } from '../../../shared/cook-markdown';
import { excerptOf } from '../../../main/sample-forum/excerpt';

describe('excerptOf', () => {
  it('leaves out quotes and cuts at a word', () => {
    const cooked = cookMarkdown('[quote="a, post:1, topic:2"]\nquoted words\n[/quote]\n\nown words here');
    expect(excerptOf(cooked)).toBe('own words here');
    expect(excerptOf(cookMarkdown('word '.repeat(100)), 20)).toBe('word word word word &hellip;');
  });
});
