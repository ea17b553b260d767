// A handler table for host tests: valid answers, spies for assertions, overridable per test.
import { vi } from 'vitest';
import type { Handlers } from '../../../../shared/api';

export function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    getAppInfo: vi.fn(async () => ({ version: '1.2.3', host: 'electron' as const, sampleForumUrl: 'http://127.0.0.1:4321' })),
    probeForum: vi.fn(async ({ address }: { address: string }) => ({
      forumId: 'f1',
      baseUrl: address,
      title: 'Sample',
      description: '',
      loginRequired: false,
      insecure: false,
      boards: [],
    })),
    startSync: vi.fn(async () => ({ runId: 'run-1' })),
    ackSyncBatch: vi.fn(async () => ({})),
    cancelSync: vi.fn(async () => ({})),
    openExternal: vi.fn(async () => ({ opened: true })),
    ...overrides,
  };
}
