import { describe, expect, it } from 'vitest';
import { createKeySequencer, KEY_BINDINGS, SEQUENCE_TIMEOUT_MS } from '../../../../renderer/features/reader/keyboard-map';

describe('reader keys', () => {
  it('names every key the issue asks for, once', () => {
    const keys = KEY_BINDINGS.map((binding) => binding.keys.join(' '));
    expect(keys).toEqual(['j', 'k', 'n', 'p', 'Enter', 'b', 'r', '/', 'g g', 'G', '?']);
  });

  it('takes g then g as the first post, but not when the second g comes too late', () => {
    let now = 0;
    const press = createKeySequencer(() => now);
    expect(press('g')).toBeNull();
    expect(press('g')).toBe('first-post');
    expect(press('g')).toBeNull();
    now += SEQUENCE_TIMEOUT_MS + 1;
    expect(press('g')).toBeNull();
    expect(press('g')).toBe('first-post');
  });

  it('lets a single key through after an unfinished sequence', () => {
    const press = createKeySequencer(() => 0);
    expect(press('g')).toBeNull();
    expect(press('j')).toBe('next-post');
    expect(press('G')).toBe('last-post');
    expect(press('Enter')).toBeNull();
    expect(press('x')).toBeNull();
  });
});
