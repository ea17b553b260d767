// A handler table for host tests: valid answers, spies for assertions, overridable per test.
import { vi } from 'vitest';
import type { Handlers } from '../../../../shared/api';

export function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    getAppInfo: vi.fn(async () => ({ version: '1.2.3', host: 'electron' as const, sampleForumUrl: 'http://127.0.0.1:4321' })),
    probeForum: vi.fn(async ({ address }: { address: string }) => ({
      protocol: 'discourse' as const,
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
    takeSyncImage: vi.fn(async () => null),
    fetchThreadFirst: vi.fn(async () => ({ queued: false })),
    openExternal: vi.fn(async () => ({ opened: true })),
    sendReply: vi.fn(async () => ({ kind: 'refused' as const, cause: 'no_account' as const, reason: 'No account.', maybeSent: false })),
    getForumAccount: vi.fn(async () => null),
    setForumAccount: vi.fn(async ({ forumId, kind, username }) => ({ forumId, kind, username, savedAt: '2026-01-01T00:00:00.000Z', verified: true })),
    setNewsAccount: vi.fn(async ({ forumId, identity, username }) => ({ forumId, kind: 'news' as const, username: username || identity.email, identity, savedAt: '2026-01-01T00:00:00.000Z', verified: true })),
    removeForumAccount: vi.fn(async () => ({})),
    beginUserApiKey: vi.fn(async ({ baseUrl }) => ({ url: `${baseUrl}/user-api-key/new` })),
    completeUserApiKey: vi.fn(async ({ forumId, username }) => ({ forumId, kind: 'user-api-key' as const, username, savedAt: '2026-01-01T00:00:00.000Z', verified: true })),
    showNotification: vi.fn(async () => ({ shown: false })),
    takeOpenRequests: vi.fn(async () => []),
    ...overrides,
  };
}
