import { expect, type Locator, type Page } from '@playwright/test';
import type { ReaderPage } from './reader-page';

export const SAMPLE_BOARD = 'The Red Shoes (1948)';
export const SAMPLE_THREAD = 'What are your favourite scenes?';
/** The sample thread's topic id (main/sample-forum/seed/sample-thread.json). */
export const SAMPLE_TOPIC_ID = 1377;
export const SAMPLE_CATEGORY_ID = 21;

/** The open thread as a person reads it: its toolbar, its posts, the keys that move through it. */
export class ThreadView {
  readonly page: Page;
  readonly region: Locator;
  readonly scroller: Locator;

  constructor(readonly reader: ReaderPage) {
    this.page = reader.page;
    this.region = reader.thread;
    this.scroller = this.region.locator('.thread-scroller');
  }

  heading(): Locator {
    return this.region.getByRole('heading', { level: 1 });
  }

  button(name: string | RegExp): Locator {
    return this.region.getByRole('button', { name, exact: typeof name === 'string' });
  }

  post(number: number, username: string): Locator {
    return this.reader.post(number, username);
  }

  /** The thread's entry in the Threads pane. */
  listEntry(title: string): Locator {
    return this.reader.threads.getByRole('button', { name: new RegExp(escape(title)) });
  }

  async goToPost(number: number) {
    await this.region.getByRole('spinbutton', { name: 'Post number' }).fill(String(number));
    await this.button('Go').click();
  }

  /** Waits until the post's top is at the top of the reading pane (below the gap between posts). */
  async expectAtTop(post: Locator) {
    const offset = async () => {
      const [box, pane] = await Promise.all([post.boundingBox(), this.scroller.boundingBox()]);
      return box && pane ? Math.round(box.y - pane.y) : null;
    };
    await expect.poll(offset).toBeLessThanOrEqual(24);
    await expect.poll(offset).toBeGreaterThanOrEqual(0);
  }

  /** Waits until the post is fully inside the reading pane. */
  async expectInView(post: Locator) {
    await expect(post).toBeInViewport({ ratio: 0.3 });
  }

  /** Presses keys with nothing focused in a field, as a reader who just clicked the page would. */
  async press(...keys: string[]) {
    for (const key of keys) await this.page.keyboard.press(key);
  }
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
