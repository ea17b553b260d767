// How much of a forum's pictures the reader takes in, each limit checked before anything decodes.
import { BODY_LIMITS } from '../body-limits';

export const IMAGE_LIMITS = {
  /** Bytes of one picture (body-limits.ts), raw and decompressed. */
  maxBytes: BODY_LIMITS.image,
  /**
   * Pixels of one picture or of any frame of it. Decoded, a pixel takes 4 bytes: 50 megapixels is
   * 200 MB in the renderer, more than a phone camera's 48 MP photo and far from a 100000×100000
   * bomb's 40 GB.
   */
  maxPixels: 50_000_000,
  /** Characters of one post's cooked HTML scanned for pictures; Discourse posts are a few KB to a few hundred. */
  maxPostHtmlChars: 1_000_000,
  /** Pictures kept from one post; the rest show their alt text and why. */
  maxImagesPerPost: 100,
} as const;
