import { describe, expect, it } from 'vitest';
import { foldText, foldedWords } from '../../../../renderer/features/search/fold-text';
import { postTextOf } from '../../../../renderer/features/search/post-text';
import { SeededRandom } from '../../../../main/sample-forum/seeded-random';

describe('foldText', () => {
  it('lower-cases and strips accents', () => {
    expect(foldText('Café CRÈME Ñandú Øresund Straße Œuvre')).toBe('cafe creme nandu oresund strasse oeuvre');
  });

  it('folds compatibility forms (ligatures, full-width letters)', () => {
    expect(foldText('ﬁlm ＲＥＤ')).toBe('film red');
  });

  it('leaves plain ASCII as lower case only', () => {
    expect(foldText('See this Baton?')).toBe('see this baton?');
  });
});

describe('foldedWords', () => {
  it('splits on anything but letters and digits', () => {
    expect(foldedWords('Julian: See this baton?\nVicky: Yes')).toEqual(['julian', 'see', 'this', 'baton', 'vicky', 'yes']);
  });

  it('drops a possessive and joins other apostrophes, straight or curly', () => {
    expect(foldedWords("Lermontov's villa, director’s cut, don't")).toEqual(['lermontov', 'villa', 'director', 'cut', 'dont']);
  });

  it('splits text of ASCII and punctuation as Unicode folding would, without normalising it', () => {
    // The definition: fold (compatibility decomposition, marks off, lower case), then split.
    const byDefinition = (text: string) =>
      text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/['’]s\b/g, '').replace(/['’]/g, '').match(/[\p{L}\p{N}]+/gu) ?? [];
    const alphabet = ["a", "B", "s", "S", "7", "_", " ", "'", "’", "‘", "“", "”", "…", "—", "–", "\u00a0", "\u2009", "\u2026", ".", "-", "\n", "‼", "″"];
    const random = new SeededRandom(5);
    for (let i = 0; i < 2000; i += 1) {
      const text = Array.from({ length: random.int(0, 30) }, () => random.pick(alphabet)).join('');
      expect(foldedWords(text), JSON.stringify(text)).toEqual(byDefinition(text));
    }
    expect(foldedWords('It’s “the” scene… don’t—miss')).toEqual(['it', 'the', 'scene', 'dont', 'miss']);
  });

  it('keeps letters of other scripts', () => {
    expect(foldedWords('Красные башмачки 赤い靴')).toEqual(['красные', 'башмачки', '赤い靴']);
  });
});

describe('postTextOf', () => {
  const spaced = (text: string) => text.replace(/\s+/g, ' ').trim();

  it('keeps the words of the post and leaves out quotes of other posts', () => {
    const html =
      '<aside class="quote" data-post="2"><div class="title">steve:</div><blockquote><p>See this baton?</p></blockquote></aside>\n<p>Yes &amp; <em>follow</em> it!</p><p>Next</p>';
    expect(spaced(postTextOf(html))).toBe('Yes & follow it! Next');
  });

  it('decodes entities and separates block elements', () => {
    expect(spaced(postTextOf('<p>a&lt;b&#39;s&nbsp;c</p><p>d&#x2014;e</p>'))).toBe("a<b's c d—e");
  });
});
