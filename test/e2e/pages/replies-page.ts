import { expect, type Locator, type Page } from '@playwright/test';
import { selectPostText } from './select-post-text';

/** Writing and sending replies as a person does: the composer, the Drafts and Outbox views. */
export class RepliesPage {
  readonly composer: Locator;
  readonly replyText: Locator;
  readonly views: Locator;

  constructor(readonly page: Page) {
    this.composer = page.getByRole('region', { name: /^Reply to / });
    this.replyText = this.composer.getByRole('textbox', { name: 'Reply text' });
    this.views = page.getByRole('navigation', { name: 'Views' });
  }

  /** Selects a post's text from the start of `from` to the end of `to`, as a drag would. */
  async selectText(post: Locator, from: string, to: string) {
    await post.scrollIntoViewIfNeeded();
    await selectPostText(post, from, to);
  }

  async replyTo(post: Locator) {
    await post.getByRole('button', { name: 'Reply', exact: true }).click();
    await expect(this.replyText).toBeVisible();
  }

  /** Waits until what was typed is in the database, as the composer says. */
  async expectSaved() {
    await expect(this.composer.getByText(/^Saved \d\d:\d\d/)).toBeVisible();
  }

  button(name: 'Send' | 'Send later' | 'Discard draft'): Locator {
    return this.composer.getByRole('button', { name, exact: true });
  }

  async openView(name: 'Drafts' | 'Outbox' | 'Reader') {
    await this.views.getByRole('button', { name, exact: true }).click();
    if (name !== 'Reader') await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }

  /** An outbox item by its thread's title. */
  outboxItem(threadTitle: string): Locator {
    return this.page.getByRole('article', { name: `Reply to ${threadTitle}` });
  }

  draft(threadTitle: string): Locator {
    return this.page.getByRole('article', { name: `Draft reply to ${threadTitle}` });
  }
}
