// Each test gets a fresh backend (sample forum + web host) and a fresh browser profile.
import { test as base, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { startReaderBackend, type ReaderBackend } from '../support/reader-backend';
import { ReaderPage } from './pages/reader-page';

const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export const test = base.extend<{ backend: ReaderBackend; reader: ReaderPage }>({
  backend: async ({}, use) => {
    const backend = await startReaderBackend({ rendererDir });
    await use(backend);
    await backend.close();
  },
  reader: async ({ page, backend }, use) => {
    await use(new ReaderPage(page, backend));
  },
});

export { expect };
