import { expect, type Locator, type Page } from '@playwright/test';
import type { ReaderBackend } from '../../support/reader-backend';

/** The reader as a person sees it: three panes, a toolbar, posts. */
export class ReaderPage {
  readonly forums: Locator;
  readonly threads: Locator;
  readonly thread: Locator;
  readonly status: Locator;

  constructor(
    readonly page: Page,
    readonly backend: ReaderBackend,
  ) {
    this.forums = page.getByRole('navigation', { name: 'Forums' });
    this.threads = page.getByRole('region', { name: 'Threads' });
    this.thread = page.getByRole('region', { name: 'Thread', exact: true });
    this.status = page.getByRole('status');
  }

  async open() {
    await this.page.goto(this.backend.host.launchUrl);
    await expect(this.forums).toBeVisible();
  }

  posts(): Locator {
    return this.thread.getByRole('article');
  }

  post(number: number, username: string): Locator {
    return this.thread.getByRole('article', { name: `Post ${number} by ${username}` });
  }

  /** Every view's button, the search box and the sync controls are whole on screen (none scrolled out of the toolbar). */
  async expectToolbarWhole() {
    const views = this.page.getByRole('navigation', { name: 'Views' });
    const nav = (await views.boundingBox())!;
    const right = Math.min(nav.x + nav.width, this.page.viewportSize()!.width);
    for (const button of await views.getByRole('button').all()) {
      const box = (await button.boundingBox())!;
      expect(box.x, await button.innerText()).toBeGreaterThanOrEqual(nav.x);
      expect(box.x + box.width, await button.innerText()).toBeLessThanOrEqual(right + 0.5);
    }
    await expect(this.page.getByRole('searchbox', { name: 'Search posts' })).toBeInViewport({ ratio: 1 });
    await expect(this.page.getByRole('button', { name: 'Work offline' })).toBeInViewport({ ratio: 1 });
  }

  async openThread(board: string, title: string) {
    await this.forums.getByRole('button', { name: board }).click();
    await this.threads.getByRole('button', { name: new RegExp(title.replace(/[?()]/g, '\\$&')) }).click();
    await expect(this.thread.getByRole('heading', { level: 1, name: title })).toBeVisible();
  }
}
