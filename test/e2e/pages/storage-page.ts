import { expect, type Locator, type Page } from '@playwright/test';

/** The Storage view: space per forum, the browser's quota, Remove forum, and the library backup. */
export class StoragePage {
  readonly view: Locator;
  readonly forumsTable: Locator;
  readonly exportButton: Locator;
  readonly importButton: Locator;
  readonly removeDialog: Locator;
  readonly includePictures: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByRole('main');
    this.forumsTable = this.view.getByRole('table');
    this.exportButton = this.view.getByRole('button', { name: 'Export library' });
    this.importButton = this.view.getByRole('button', { name: 'Import library' });
    this.removeDialog = page.getByRole('dialog', { name: 'Remove forum' });
    this.includePictures = this.view.getByRole('checkbox', { name: /^Include pictures/ });
  }

  async open() {
    await this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Storage' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Storage' })).toBeVisible();
  }

  /** A forum's picture limit, set in Settings beside "Keep images offline" (the Storage view points there). */
  async pictureLimit(forumName: string): Promise<Locator> {
    await this.view.getByRole('button', { name: 'Open Settings' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    return this.view.getByRole('spinbutton', { name: `Picture limit for ${forumName} (MB)` });
  }

  forumRow(name: string): Locator {
    return this.forumsTable.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name }) });
  }

  /** Exports through a download (the test page has no save-file picker) and returns its path. */
  async exportLibrary(saveAs: string): Promise<string> {
    const download = this.page.waitForEvent('download');
    await this.exportButton.click();
    const file = await download;
    await file.saveAs(saveAs);
    await expect(this.view.getByText(/^Exported .* to forum-reader-library-\d{4}-\d\d-\d\d\.ndjson\.$/)).toBeVisible();
    return saveAs;
  }

  async importLibrary(path: string) {
    const chooser = this.page.waitForEvent('filechooser');
    await this.importButton.click();
    await (await chooser).setFiles(path);
  }
}

/** Run before the page loads: the export falls back to a download, which Playwright can catch. */
export const withoutSaveFilePicker = () => {
  delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
};
