import { describe, expect, it } from 'vitest';
import { makeSnippet, markWords } from '../../../../renderer/features/search/make-snippet';

const marked = (parts: { text: string; marked: boolean }[]) => parts.filter((p) => p.marked).map((p) => p.text);
const text = (parts: { text: string }[]) => parts.map((p) => p.text).join('');

describe('snippets', () => {
  it('marks words as written when their folded form matches', () => {
    const parts = markWords('Le Café de Lermontov’s: CAFÉ au lait', { exact: ['cafe', 'lermontov'], prefixes: [] });
    expect(marked(parts)).toEqual(['Café', 'Lermontov’s', 'CAFÉ']);
    expect(text(parts)).toBe('Le Café de Lermontov’s: CAFÉ au lait');
  });

  it('marks words that start with the prefix being typed, not words that merely contain it', () => {
    expect(marked(markWords('ballet ballerina football', { exact: [], prefixes: ['ball'] }))).toEqual(['ballet', 'ballerina']);
  });

  it('centres a long text on the first match, with ellipses where it was cut', () => {
    const long = `${'filler words here '.repeat(20)}See this baton? ${'and more after '.repeat(30)}`;
    const parts = makeSnippet(long, { exact: ['baton'], prefixes: [] });
    expect(parts[0]).toEqual({ text: '… ', marked: false });
    expect(parts.at(-1)).toEqual({ text: ' …', marked: false });
    expect(marked(parts)).toEqual(['baton']);
    expect(text(parts).length).toBeLessThan(240);
  });
});
