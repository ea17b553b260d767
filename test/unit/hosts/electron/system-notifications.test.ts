import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSystemNotifier, SHOW_CONFIRM_MS } from '../../../../main/hosts/electron/system-notifications';
import { createElectronStandIn, FakeNotification } from './electron-stand-in';

const request = { threadId: 'sample/t/1', title: 'Forum Reader', body: '2 new replies' };

afterEach(() => vi.useRealTimers());

describe('createSystemNotifier', () => {
  it('answers shown only once the system says it showed the notification', async () => {
    createElectronStandIn();
    const notify = createSystemNotifier(FakeNotification, () => {}, { warn: vi.fn(), error: vi.fn() });
    await expect(notify(request)).resolves.toBe(true);
    expect(FakeNotification.shown).toHaveLength(1);
  });

  it('answers shown: false when the system never answers (Linux with no notification daemon)', async () => {
    createElectronStandIn();
    vi.useFakeTimers();
    FakeNotification.outcome = 'silent';
    const warn = vi.fn();
    const answer = createSystemNotifier(FakeNotification, () => {}, { warn, error: vi.fn() })(request);
    await vi.advanceTimersByTimeAsync(SHOW_CONFIRM_MS);
    await expect(answer).resolves.toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('did not confirm'));
  });
});
