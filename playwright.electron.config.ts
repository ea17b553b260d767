// Playwright config for the Electron end-to-end tests only (`npm run test:electron`). Needs the
// app built (`npm run build`) and an Electron binary; without one the tests are skipped with a
// single line (see test/electron/global-setup.ts).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/electron',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/electron/global-setup.ts',
  outputDir: 'test-results/electron',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report/electron' }]] : 'list',
  use: { trace: 'retain-on-failure' },
});
