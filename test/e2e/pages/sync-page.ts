import { expect, type Locator, type Page } from '@playwright/test';

/** The sync controls in the toolbar, and the "Add forum" dialog. */
export class SyncPage {
  readonly syncNow: Locator;
  readonly cancelSync: Locator;
  readonly progress: Locator;
  readonly status: Locator;
  readonly workOffline: Locator;
  readonly addForumButton: Locator;
  readonly dialog: Locator;
  readonly address: Locator;

  constructor(readonly page: Page) {
    this.syncNow = page.getByRole('button', { name: 'Sync now' });
    this.cancelSync = page.getByRole('button', { name: 'Cancel sync' });
    this.progress = page.getByRole('progressbar', { name: 'Sync progress' });
    this.status = page.getByRole('status').filter({ hasText: /^(Offline|Online|Syncing…|Synced at \d\d:\d\d)$/ });
    this.workOffline = page.getByRole('button', { name: 'Work offline' });
    this.addForumButton = page.getByRole('navigation', { name: 'Forums' }).getByRole('button', { name: 'Add forum' });
    this.dialog = page.getByRole('dialog', { name: 'Add forum' });
    this.address = this.dialog.getByRole('textbox', { name: 'Forum address' });
  }

  /** Opens the dialog and checks an address; resolves once the forum's name or an error shows. */
  async checkAddress(address: string) {
    await this.addForumButton.click();
    await expect(this.dialog).toBeVisible();
    await this.address.fill(address);
    await this.dialog.getByRole('button', { name: 'Check' }).click();
  }

  category(name: string): Locator {
    return this.dialog.getByRole('checkbox', { name });
  }

  async add() {
    await this.dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }
}
