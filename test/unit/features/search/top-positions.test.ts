import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../main/sample-forum/seeded-random';
import { topPositions } from '../../../../renderer/features/search/search-engine';

describe('topPositions', () => {
  it('gives the positions of the highest keys, best first, the earlier position first among equal keys', () => {
    const random = new SeededRandom(11);
    for (let round = 0; round < 200; round += 1) {
      // Few distinct values, so ties are common.
      const keys = Float32Array.from({ length: random.int(0, 300) }, () => random.int(0, 20) / 4);
      const k = random.int(1, 40);
      const expected = Array.from(keys.keys())
        .sort((a, b) => (keys[b] as number) - (keys[a] as number) || a - b)
        .slice(0, k);
      expect(topPositions(keys, k)).toEqual(expected);
    }
  });
});
