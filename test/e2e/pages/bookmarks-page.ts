import { readFile } from 'node:fs/promises';
import { selectPostText } from './select-post-text';
import { expect, type Locator, type Page } from '@playwright/test';

/** Bookmarks and highlights as a person uses them: in posts, and in the Bookmarks view. */
export class BookmarksPage {
  readonly heading: Locator;
  readonly list: Locator;
  readonly highlightButton: Locator;
  readonly importReport: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Bookmarks' });
    this.list = page.getByRole('list', { name: 'Bookmarks and highlights' });
    this.highlightButton = page.getByRole('button', { name: 'Highlight', exact: true });
    this.importReport = page.locator('.import-outcome');
  }

  /** The "Bookmark" toggle of a post. */
  toggle(post: Locator): Locator {
    return post.getByRole('button', { name: 'Bookmark', exact: true });
  }

  /** The floating note editor: "Bookmark" or "Highlight". */
  editor(kind: 'Bookmark' | 'Highlight'): Locator {
    return this.page.getByRole('dialog', { name: kind });
  }

  async saveNote(kind: 'Bookmark' | 'Highlight', note: string, tags = '') {
    const editor = this.editor(kind);
    await editor.getByRole('textbox', { name: 'Note' }).fill(note);
    if (tags) await editor.getByRole('textbox', { name: 'Tags' }).fill(tags);
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(editor).toBeHidden();
  }

  /** The passages highlighted in a post, one string per highlight (its marks joined). */
  async highlightsIn(post: Locator): Promise<string[]> {
    return post.locator('.post-body').first().evaluate((body) => {
      const byId = new Map<string, string>();
      for (const mark of body.querySelectorAll<HTMLElement>('mark.highlight')) {
        const id = mark.dataset['highlightId'] ?? '';
        byId.set(id, (byId.get(id) ?? '') + mark.textContent);
      }
      return [...byId.values()];
    });
  }

  /** Selects a post's text from the start of `from` to the end of `to`, as a drag would. */
  async selectText(post: Locator, from: string, to: string) {
    await selectPostText(post, from, to);
  }

  async highlight(post: Locator, from: string, to: string) {
    // A person selects what is on screen.
    await post.scrollIntoViewIfNeeded();
    await this.selectText(post, from, to);
    await this.highlightButton.click();
    await expect(this.editor('Highlight')).toBeVisible();
  }

  async open() {
    await this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Bookmarks' }).click();
    await expect(this.heading).toBeVisible();
  }

  items(): Locator {
    return this.list.getByRole('listitem').filter({ has: this.page.getByRole('button', { name: 'Open in thread' }) });
  }

  /** An entry by its name: "Bookmark: post 1 by majesty_guard", "Highlight: post 2 by baton_follower". */
  item(name: string): Locator {
    return this.list.getByRole('listitem', { name, exact: true });
  }

  /** Exports and returns the file's text. */
  async exportAs(format: 'As Markdown' | 'As JSON (Web Annotations)'): Promise<{ text: string; path: string; name: string }> {
    await this.page.getByRole('button', { name: 'Export bookmarks' }).click();
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name: format }).click()]);
    const path = await download.path();
    return { text: await readFile(path, 'utf8'), path, name: download.suggestedFilename() };
  }

  async importFile(file: string | { name: string; mimeType: string; buffer: Buffer }) {
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), this.page.getByRole('button', { name: 'Import bookmarks' }).click()]);
    await chooser.setFiles(file);
  }
}
