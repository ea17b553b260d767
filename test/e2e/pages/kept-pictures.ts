import { expect, type Locator, type Page } from '@playwright/test';
import type { ThreadView } from './thread-view';

/** The pictures of the sample thread (main/sample-forum/seed/uploads.json): the post, its author, each picture's alt text. */
export const SAMPLE_PICTURES = [
  { post: 1, alts: ['The ballet of the Red Shoes: a dancer alone in the spotlight'] },
  { post: 3, alts: ["The practice hall on Julian's first day"] },
  { post: 7, alts: ['The red shoes, waiting', 'The shoes dancing on their own'] },
  { post: 10, alts: ['The mirror Lermontov breaks'] },
  { post: 14, alts: ['The little theatre on a rainy day'] },
] as const;

/** Every request the page makes that is not to the reader's own origin (nor a blob: or data: it made itself). */
export function watchRequestsLeaving(page: Page, ownOrigin: string): string[] {
  const leaving: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${ownOrigin}/`) && !url.startsWith('blob:') && !url.startsWith('data:')) leaving.push(url);
  });
  return leaving;
}

/** A post's pictures as a person sees them. */
export class PostPictures {
  constructor(
    readonly view: ThreadView,
    readonly post: Locator,
  ) {}

  picture(alt: string): Locator {
    return this.post.getByRole('img', { name: alt, exact: true });
  }

  /** Brings the post into view and waits until the picture is decoded from a blob: URL. */
  async expectShown(alt: string) {
    const picture = this.picture(alt);
    await picture.scrollIntoViewIfNeeded();
    await expect(picture).toBeVisible();
    await expect.poll(() => picture.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0 && image.currentSrc.startsWith('blob:'))).toBe(true);
  }
}
