// The sample forum's uploads: files kept by SHA-1 as Discourse keeps them, the addresses Discourse
// gives them, and the step that turns `![alt|WxH](upload://…)` in a post into the HTML Discourse
// cooks for it, so the reader meets the same markup and paths as on a real forum.
//
// Paths (local store, FileStore::LocalStore; "1X" is the depth of a site with few uploads):
//   original   /uploads/default/original/1X/{sha1}.{ext}
//   thumbnail  /uploads/default/optimized/1X/{sha1}_2_{w}x{h}.{ext}   (OptimizedImage::VERSION 2)
//   download   /uploads/default/{sha1}                               (Discourse.store.download_url)
//   short      upload://{base62 of sha1}.{ext} in raw; /uploads/short-url/{base62}.{ext} redirects
// Discourse writes cooked addresses without a scheme (//host/uploads/…, UrlHelper.cook_url); the
// sample forum does not know its port when it cooks, so it writes them root-relative, which
// resolves to the same place.
import { createHash } from 'node:crypto';

export type UploadExtension = 'jpeg' | 'png' | 'gif';

export interface UploadThumbnail {
  width: number;
  height: number;
  bytes: Buffer;
}

export interface AddUploadInput {
  bytes: Buffer;
  originalFilename: string;
  width: number;
  height: number;
  /** An animated GIF: Discourse shows it as it is, with no lightbox and no thumbnails. */
  animated?: boolean;
  /** Thumbnails by size; the first is the one the post shows, the others its srcset. */
  thumbnails?: UploadThumbnail[];
  /** Upload#dominant_color, six hex digits. */
  dominantColor?: string;
  createdAt?: string;
}

export interface ForumUpload extends Required<Omit<AddUploadInput, 'dominantColor' | 'createdAt'>> {
  sha1: string;
  base62: string;
  extension: UploadExtension;
  dominantColor?: string;
  createdAt: string;
}

export interface UploadFile {
  bytes: Buffer;
  contentType: string;
  lastModified: string;
  /** Asked for by its download address: sent as an attachment under its original name. */
  attachmentName?: string;
}

const UPLOAD_PATH = '/uploads/default';
const OPTIMIZED_VERSION = 2;
/** SiteSetting.max_image_width / max_image_height: larger pictures are shown as a thumbnail. */
const MAX_IMAGE = { width: 690, height: 500 };
/** CookedProcessorMixin::MIN_LIGHTBOX_WIDTH / _HEIGHT. */
const MIN_LIGHTBOX = 100;
const CONTENT_TYPES: Record<UploadExtension, string> = { jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif' };
/** Base62's digits as Upload.base62_sha1 uses them (upload_spec.rb's short_url example checks the order). */
const BASE62 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

export class ForumUploads {
  private readonly bySha1 = new Map<string, ForumUpload>();
  private readonly byBase62 = new Map<string, ForumUpload>();

  add(input: AddUploadInput): ForumUpload {
    const extension = sniffExtension(input.bytes);
    if (!extension) throw new Error(`upload ${input.originalFilename} is not a PNG, JPEG or GIF file`);
    const sha1 = createHash('sha1').update(input.bytes).digest('hex');
    const existing = this.bySha1.get(sha1);
    if (existing) return existing;
    const upload: ForumUpload = {
      bytes: input.bytes,
      originalFilename: input.originalFilename,
      width: input.width,
      height: input.height,
      animated: input.animated ?? false,
      thumbnails: input.thumbnails ?? [],
      ...(input.dominantColor !== undefined && { dominantColor: input.dominantColor }),
      createdAt: input.createdAt ?? new Date(0).toISOString(),
      sha1,
      base62: base62OfSha1(sha1),
      extension,
    };
    this.bySha1.set(sha1, upload);
    this.byBase62.set(upload.base62, upload);
    return upload;
  }

  get size(): number {
    return this.bySha1.size;
  }

  all(): IterableIterator<ForumUpload> {
    return this.bySha1.values();
  }

  /** What a post's raw says to show this upload, as Discourse's composer writes it. */
  markdownFor(upload: ForumUpload, alt: string): string {
    const shown = fitted(upload.width, upload.height);
    return `![${alt}|${shown.width}x${shown.height}](${shortUrl(upload)})`;
  }

  /** The file behind an upload path, or null when the path names no upload of this forum. */
  file(pathname: string): UploadFile | null {
    const original = /^\/uploads\/default\/original\/1X\/([0-9a-f]{40})\.([a-z]+)$/.exec(pathname);
    if (original) {
      const upload = this.bySha1.get(original[1] as string);
      return upload && upload.extension === original[2] ? fileOf(upload, upload.bytes) : null;
    }
    const optimized = /^\/uploads\/default\/optimized\/1X\/([0-9a-f]{40})_2_(\d+)x(\d+)\.([a-z]+)$/.exec(pathname);
    if (optimized) {
      const upload = this.bySha1.get(optimized[1] as string);
      if (!upload || upload.extension !== optimized[4]) return null;
      const thumbnail = upload.thumbnails.find((t) => t.width === Number(optimized[2]) && t.height === Number(optimized[3]));
      return thumbnail ? fileOf(upload, thumbnail.bytes) : null;
    }
    const download = /^\/uploads\/default\/([0-9a-f]{40})$/.exec(pathname);
    if (download) {
      const upload = this.bySha1.get(download[1] as string);
      return upload ? { ...fileOf(upload, upload.bytes), attachmentName: upload.originalFilename } : null;
    }
    return null;
  }

  /** The original's path for /uploads/short-url/{base62}.{ext}, or null. */
  shortUrlTarget(pathname: string): string | null {
    const match = /^\/uploads\/short-url\/([0-9A-Za-z]+)\.([a-z]+)$/.exec(pathname);
    const upload = match ? this.byBase62.get(match[1] as string) : undefined;
    return upload && upload.extension === match?.[2] ? originalPath(upload) : null;
  }

  /**
   * Cooked HTML with each `<img src="upload://…">` markdown-it made replaced by what Discourse
   * serves: PrettyText resolves the short address and reads `alt|WxH`, then CookedPostProcessor
   * (convert_to_link!, add_lightbox!, optimize_image!) wraps it in a lightbox with a thumbnail.
   * An address naming no upload is left as it is, as Discourse leaves it.
   */
  resolveInCooked(cooked: string): string {
    return cooked.replace(/<img src="upload:\/\/([0-9A-Za-z]+)\.([a-z]+)" alt="([^"]*)"(?: title="([^"]*)")?>/g, (whole, base62: string, extension: string, altAndSize: string, title: string | undefined) => {
      const upload = this.byBase62.get(base62);
      if (!upload || upload.extension !== extension) return whole;
      const { alt, width, height } = readAltAndSize(altAndSize, upload);
      return cookedImage(upload, alt, title, width, height);
    });
  }
}

export function shortUrl(upload: ForumUpload): string {
  return `upload://${upload.base62}.${upload.extension}`;
}

export function originalPath(upload: ForumUpload): string {
  return `${UPLOAD_PATH}/original/1X/${upload.sha1}.${upload.extension}`;
}

export function optimizedPath(upload: ForumUpload, thumbnail: { width: number; height: number }): string {
  return `${UPLOAD_PATH}/optimized/1X/${upload.sha1}_${OPTIMIZED_VERSION}_${thumbnail.width}x${thumbnail.height}.${upload.extension}`;
}

/** Upload.base62_sha1: the SHA-1 as one big number, in base 62. */
export function base62OfSha1(sha1: string): string {
  let value = BigInt(`0x${sha1}`);
  let digits = '';
  while (value > 0n) {
    digits = BASE62[Number(value % 62n)] + digits;
    value /= 62n;
  }
  return digits || '0';
}

/** ActiveSupport's number_to_human_size, which Upload#human_filesize uses: three significant digits. */
export function humanFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'Byte' : 'Bytes'}`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number(value.toPrecision(3))} ${units[unit]}`;
}

function sniffExtension(bytes: Buffer): UploadExtension | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const head = bytes.subarray(0, 6).toString('latin1');
  if (head === 'GIF87a' || head === 'GIF89a') return 'gif';
  return null;
}

function fileOf(upload: ForumUpload, bytes: Buffer): UploadFile {
  return { bytes, contentType: CONTENT_TYPES[upload.extension], lastModified: new Date(upload.createdAt).toUTCString() };
}

/** ImageSizer.resize: fitted into the largest size a post shows, never enlarged. */
function fitted(width: number, height: number): { width: number; height: number } {
  const ratio = Math.min(MAX_IMAGE.width / width, MAX_IMAGE.height / height, 1);
  return { width: Math.floor(width * ratio), height: Math.floor(height * ratio) };
}

/** Discourse's image markdown: "alt|690x388" (optionally ", 50%") sets the size; the rest is the alt. */
function readAltAndSize(text: string, upload: ForumUpload): { alt: string; width: number; height: number } {
  const bar = text.lastIndexOf('|');
  const size = bar >= 0 ? /^([1-9][0-9]*)x([1-9][0-9]*)(?:\s*,\s*[1-9][0-9]{0,2}%)?$/.exec(text.slice(bar + 1)) : null;
  const shown = fitted(size ? Number(size[1]) : upload.width, size ? Number(size[2]) : upload.height);
  return { alt: size ? text.slice(0, bar) : text, ...shown };
}

function cookedImage(upload: ForumUpload, alt: string, title: string | undefined, width: number, height: number): string {
  const original = originalPath(upload);
  const attributes = (src: string, extra = ''): string =>
    `src="${src}" alt="${alt}"${title === undefined ? '' : ` title="${title}"`} data-base62-sha1="${upload.base62}" width="${width}" height="${height}"${extra}`;
  if (upload.animated) return `<img ${attributes(original, ' class="animated"')}>`;
  if (upload.width < MIN_LIGHTBOX || upload.height < MIN_LIGHTBOX) return `<img ${attributes(original)}>`;

  // optimize_image!: the thumbnail the post shows, and srcset at 1.5x and 2x (the original where
  // it is narrower than the ratio asks).
  const makesThumbnail = upload.width > MAX_IMAGE.width || upload.height > MAX_IMAGE.height;
  const shown = makesThumbnail ? upload.thumbnails.find((t) => t.width === width && t.height === height) : undefined;
  let image: string;
  if (shown && shown.bytes.length < upload.bytes.length) {
    const srcset = [optimizedPath(upload, shown)];
    for (const ratio of [1.5, 2]) {
      const wanted = { width: Math.floor(width * ratio), height: Math.floor(height * ratio) };
      const thumbnail = upload.thumbnails.find((t) => t.width === wanted.width && t.height === wanted.height);
      if (wanted.width > upload.width) srcset.push(`${original} ${ratio}x`);
      else if (thumbnail) srcset.push(`${optimizedPath(upload, thumbnail)} ${ratio}x`);
    }
    const color = upload.dominantColor ? ` data-dominant-color="${upload.dominantColor}"` : '';
    image = `<img ${attributes(optimizedPath(upload, shown), ` srcset="${srcset.join(', ')}"${color}`)}>`;
  } else {
    image = `<img ${attributes(original)}>`;
  }
  const caption = title ?? (alt || upload.originalFilename);
  const icon = (name: string): string => `<svg class="fa d-icon d-icon-${name} svg-icon" aria-hidden="true"><use href="#${name}"></use></svg>`;
  return (
    `<div class="lightbox-wrapper"><a class="lightbox" href="${original}" data-download-href="${UPLOAD_PATH}/${upload.sha1}" title="${caption}">` +
    image +
    `<div class="meta">${icon('far-image')}<span class="filename">${caption}</span>` +
    `<span class="informations">${upload.width}×${upload.height} ${humanFileSize(upload.bytes.length)}</span>${icon('discourse-expand')}</div>` +
    `</a></div>`
  );
}
