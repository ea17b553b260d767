import { afterEach, describe, expect, it, vi } from 'vitest';
import { useReader } from '../../../renderer/state/reader-store';
import { postsOnScreen, useThreadOnScreen } from '../../../renderer/state/thread-on-screen';

describe('waiting for an opened thread to show its posts', () => {
  afterEach(() => {
    vi.useRealTimers();
    useReader.setState({ selectedThreadId: null });
    useThreadOnScreen.getState().showing(null, 0);
  });

  it('waits no longer than it was given when the pane never shows them', async () => {
    vi.useFakeTimers();
    useReader.setState({ selectedThreadId: 'f/t/1' });
    let settled = false;
    const waiting = postsOnScreen('f/t/1', 1_000).then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(settled).toBe(true);
  });

  it('does not wait for a thread already showing posts, nor for one that is not open', async () => {
    vi.useFakeTimers();
    useReader.setState({ selectedThreadId: 'f/t/1' });
    useThreadOnScreen.getState().showing('f/t/1', 3);
    let settled = 0;
    void postsOnScreen('f/t/1', 1_000).then(() => settled++);
    void postsOnScreen('f/t/2', 1_000).then(() => settled++);
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(2);
  });
});
