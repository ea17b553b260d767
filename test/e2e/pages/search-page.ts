import type { Locator, Page } from '@playwright/test';

/** The "Search posts" box in the toolbar and the Search view it fills. */
export class SearchPage {
  readonly box: Locator;
  readonly heading: Locator;
  readonly results: Locator;

  constructor(readonly page: Page) {
    this.box = page.getByRole('searchbox', { name: 'Search posts' });
    this.heading = page.getByRole('heading', { level: 1, name: 'Search' });
    this.results = page.getByRole('region', { name: 'Search results' });
  }

  /** A hit by its accessible name, e.g. "Post 2 by steve in Favourite scenes". */
  hit(name: string | RegExp): Locator {
    return this.results.getByRole('button', { name });
  }

  /** Words the reader marks in the post a search opened (drawn as CSS highlights, not elements). */
  markedInReader(): Promise<string[]> {
    return this.page.evaluate(() => [...(CSS.highlights.get('search-match') ?? [])].map((range) => range.toString()));
  }
}
