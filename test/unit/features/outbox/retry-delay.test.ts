import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../../../renderer/features/outbox/retry-delay';

describe('waiting between attempts', () => {
  it('grows from 5 s by threes to at most 10 minutes, jittered by a fifth', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 9].map((attempts) => retryDelayMs(attempts, middle))).toEqual([5_000, 15_000, 45_000, 135_000, 405_000, 600_000, 600_000]);
    expect(retryDelayMs(1, () => 0)).toBe(4_000);
    expect(retryDelayMs(1, () => 1)).toBe(6_000);
  });
});
