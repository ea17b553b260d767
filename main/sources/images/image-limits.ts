// How much of a forum's pictures the reader takes in, each limit checked before anything decodes.
import { MAX_IMAGE_PIXELS } from '../../../shared/images/image-header';
import { BODY_LIMITS } from '../body-limits';

export const IMAGE_LIMITS = {
  /** Bytes of one picture (body-limits.ts), raw and decompressed. */
  maxBytes: BODY_LIMITS.image,
  /** Pixels of one picture or of any frame of it (shared/images/image-header.ts says why). */
  maxPixels: MAX_IMAGE_PIXELS,
  /** Characters of one post's cooked HTML scanned for pictures; Discourse posts are a few KB to a few hundred. */
  maxPostHtmlChars: 1_000_000,
  /** Pictures kept from one post; the rest show their alt text and why. */
  maxImagesPerPost: 100,
} as const;
