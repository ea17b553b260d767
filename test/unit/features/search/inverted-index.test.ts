import { describe, expect, it } from 'vitest';
import { InvertedIndex, type DocFields } from '../../../../renderer/features/search/inverted-index';
import { SeededRandom } from '../../../../main/sample-forum/seeded-random';

// BM25 as the index documents it, computed the slow way from the posts themselves.
const K1 = 1.2;
const B = 0.75;

interface Doc {
  doc: number;
  terms: Map<string, number>;
  length: number;
}

const fields = (length: number): DocFields => ({ threadId: 'f.example/t/1', remoteId: 1, postNumber: 1, author: 'a', time: 0, length, hash: 0 });

/** A random index: words of very different frequency, edits (dead documents) and removals. */
function randomIndex(rng: SeededRandom) {
  const index = new InvertedIndex();
  const vocabulary = Array.from({ length: 40 }, (_, i) => `w${i}`);
  const current = new Map<string, Doc>();
  const documentFrequency = new Map<string, number>();
  for (let step = 0; step < 600; step += 1) {
    const postId = `f.example/p/${rng.int(1, 300)}`;
    if (rng.chance(0.05)) {
      index.removePost(postId);
      current.delete(postId);
      continue;
    }
    const terms = new Map<string, number>();
    // Low-numbered words are common, high-numbered ones rare (so both list walks are exercised).
    for (let i = rng.int(1, 12); i > 0; i -= 1) {
      const word = vocabulary[Math.floor(rng.next() ** 3 * vocabulary.length)] as string;
      terms.set(word, (terms.get(word) ?? 0) + rng.int(1, 3));
    }
    const length = [...terms.values()].reduce((sum, n) => sum + n, 0);
    const doc = index.addDoc(postId, fields(length));
    for (const [term, count] of terms) {
      index.addPosting(term, doc, count);
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
    current.set(postId, { doc, terms, length });
  }
  return { index, vocabulary, live: [...current.values()], documentFrequency };
}

describe('InvertedIndex.match', () => {
  it('finds exactly the live posts holding a term of every group and no excluded term, scored by BM25, in document order', () => {
    const rng = new SeededRandom(20261126);
    for (let round = 0; round < 20; round += 1) {
      const { index, vocabulary, live, documentFrequency } = randomIndex(rng);
      const n = live.length;
      const averageLength = live.reduce((sum, doc) => sum + doc.length, 0) / n;
      for (let q = 0; q < 40; q += 1) {
        // One to three groups; some groups are several terms (a prefix typed), some words unknown.
        const groups = Array.from({ length: rng.int(1, 3) }, () => Array.from({ length: rng.chance(0.3) ? rng.int(2, 6) : 1 }, () => rng.pick(vocabulary)));
        const excluded = rng.chance(0.3) ? [rng.pick(vocabulary)] : [];
        const accept = rng.chance(0.3) ? (doc: number) => doc % 3 !== 0 : null;

        const expected = new Map<number, number>();
        for (const doc of live) {
          if (!groups.every((group) => group.some((term) => doc.terms.has(term)))) continue;
          if (excluded.some((term) => doc.terms.has(term)) || (accept && !accept(doc.doc))) continue;
          let score = 0;
          for (const group of groups) {
            for (const term of new Set(group)) {
              const tf = doc.terms.get(term);
              if (tf === undefined) continue;
              const df = documentFrequency.get(term) as number;
              const weight = Math.log(1 + (n - df + 0.5) / (df + 0.5)) * (K1 + 1);
              score += (weight * tf) / (tf + K1 * (1 - B + (B * doc.length) / averageLength));
            }
          }
          expected.set(doc.doc, score);
        }

        const { docs, scores } = index.match(groups.map((group) => [...new Set(group)]), excluded, accept);
        const found = Array.from(docs);
        expect(found).toEqual([...expected.keys()].sort((a, b) => a - b));
        found.forEach((doc, i) => expect(scores[i]).toBeCloseTo(expected.get(doc) as number, 4));
      }
    }
  });

  it('finds nothing when a word is not in the index at all', () => {
    const { index } = randomIndex(new SeededRandom(1));
    expect(index.match([['w0'], ['nowhere']], [], null).docs).toHaveLength(0);
  });
});
