// What a picture is, read from its first bytes, never from the Content-Type a server claims, and
// how large it is, read from its header without decoding a pixel. Only the formats Chromium shows
// are kept. SVG is refused, not rasterised: it is a document (scripts, external references, CSS)
// whose rendering would need a browser engine in main, the very thing the reader keeps away from
// forum content; Discourse's own cooked posts show uploads as PNG/JPEG/GIF/WebP/AVIF.
// Every reader below moves forward by at least one byte a step and checks each offset against the
// length first, so truncated or random bytes end in a refusal, never a throw or an endless loop.
import { readAvifSize } from './avif-header';
import { ascii, u16be, u16le, u24le, u32be, u32le, type SizeReading } from './header-bytes';

/**
 * Pixels of one picture or of any frame of it. Decoded, a pixel takes 4 bytes: 50 megapixels is
 * 200 MB in the renderer, more than a phone camera's 48 MP photo and far from a 100000×100000
 * bomb's 40 GB. Here, in shared/, because both sides read headers: main what it fetches, the page
 * what a library file brings.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

export type ImageType = 'png' | 'jpeg' | 'gif' | 'webp' | 'avif';

export const IMAGE_MIME: Record<ImageType, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
};

export interface ImageHeader {
  type: ImageType;
  /** As stored; an EXIF or irot rotation may show it turned, which changes neither the area nor the cap. */
  width: number;
  height: number;
}

export type RefusalCode = 'bad_address' | 'not_image' | 'svg' | 'malformed' | 'too_many_pixels' | 'too_large' | 'http_status' | 'server_error' | 'rate_limited' | 'unreachable' | 'no_such_host' | 'timeout' | 'cancelled';

/** Why a picture was not kept, in words for the person reading the post. */
export interface ImageRefusal {
  code: RefusalCode;
  message: string;
}

export type HeaderReading = { ok: true; header: ImageHeader } | { ok: false; refusal: ImageRefusal };


/** The type and size of `bytes`, or why it is not a picture the reader keeps. */
export function readImageHeader(bytes: Uint8Array, maxPixels: number = MAX_IMAGE_PIXELS): HeaderReading {
  const type = sniffImageType(bytes);
  if (typeof type !== 'string') return { ok: false, refusal: type };
  const size = SIZE_READERS[type](bytes);
  if (typeof size === 'string') return refuse('malformed', `a damaged ${type.toUpperCase()} file (${size})`);
  if (size.width < 1 || size.height < 1) return refuse('malformed', `a damaged ${type.toUpperCase()} file (it says it is ${size.width}×${size.height} pixels)`);
  if (size.width * size.height > maxPixels) return refuse('too_many_pixels', `${size.width}×${size.height} pixels is more than the reader keeps (${formatPixels(maxPixels)})`);
  return { ok: true, header: { type, ...size } };
}

function formatPixels(pixels: number): string {
  return `${Math.round(pixels / 1_000_000)} megapixels`;
}

function refuse(code: RefusalCode, message: string): HeaderReading & { ok: false } {
  return { ok: false, refusal: { code, message } };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function sniffImageType(bytes: Uint8Array): ImageType | ImageRefusal {
  if (startsWith(bytes, 0, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (ascii(bytes, 4, 4) === 'ftyp') {
    if (isAvifBrand(bytes)) return 'avif';
    return { code: 'not_image', message: `not a picture the reader keeps (an ISO media file of brand "${printable(ascii(bytes, 8, 4))}", such as HEIC or video)` };
  }
  // Markup: an XML declaration or comments may come before the root element, so look for it.
  const text = leadingText(bytes);
  if (text.startsWith('<')) {
    if (/<svg[\s>]/i.test(text)) return { code: 'svg', message: 'an SVG drawing, which the reader does not keep (only PNG, JPEG, GIF, WebP and AVIF pictures)' };
    return { code: 'not_image', message: 'not an image (the server sent a web page or other markup)' };
  }
  return { code: 'not_image', message: 'not an image (neither PNG, JPEG, GIF, WebP nor AVIF)' };
}

/** The ftyp box's major brand or any compatible brand says AVIF (still `avif` or sequence `avis`). */
function isAvifBrand(bytes: Uint8Array): boolean {
  const boxSize = u32be(bytes, 0);
  if (boxSize === null || boxSize < 16) return false;
  const end = Math.min(boxSize, bytes.length, 256);
  for (let offset = 8; offset + 4 <= end; offset += offset === 8 ? 8 : 4) {
    const brand = ascii(bytes, offset, 4);
    if (brand === 'avif' || brand === 'avis') return true;
  }
  return false;
}

const SIZE_READERS: Record<ImageType, (bytes: Uint8Array) => SizeReading> = {
  png: readPngSize,
  jpeg: readJpegSize,
  gif: readGifSize,
  webp: readWebpSize,
  avif: readAvifSize,
};

/** The IHDR chunk must come first (PNG spec 5.6): width and height, 4 bytes each, big-endian. */
function readPngSize(bytes: Uint8Array): SizeReading {
  if (ascii(bytes, 12, 4) !== 'IHDR') return 'no IHDR chunk after the signature';
  const width = u32be(bytes, 16);
  const height = u32be(bytes, 20);
  if (width === null || height === null) return 'cut off in its header';
  return { width, height };
}

/**
 * Walks the marker segments up to the first SOFn frame header (ITU T.81 B.2): each segment is
 * 0xFF, a marker byte, and a 2-byte length that counts itself. The scan stops at the first start
 * of scan: a frame header comes before any entropy-coded data.
 */
function readJpegSize(bytes: Uint8Array): SizeReading {
  let offset = 2;
  for (;;) {
    if (offset >= bytes.length) return 'cut off before its frame header';
    if (bytes[offset] !== 0xff) return `no marker at byte ${offset}`;
    // Any number of 0xFF fill bytes may precede a marker.
    while (bytes[offset] === 0xff) offset += 1;
    const marker = bytes[offset];
    if (marker === undefined) return 'cut off before its frame header';
    offset += 1;
    // TEM, RST0-7 and SOI stand alone, without a length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue;
    if (marker === 0xd9 || marker === 0xda) return 'no frame header before the picture data';
    const length = u16be(bytes, offset);
    if (length === null) return 'cut off in a segment header';
    if (length < 2) return `a segment of length ${length}`;
    const isFrameHeader = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrameHeader) {
      const height = u16be(bytes, offset + 3);
      const width = u16be(bytes, offset + 5);
      if (width === null || height === null) return 'cut off in its frame header';
      return { width, height };
    }
    offset += length;
  }
}

/**
 * The logical screen (GIF89a spec 18) is the canvas; each frame's own rectangle may claim more,
 * and a decoder allocates for the frame, so every frame descriptor is checked too. Frames are
 * found by walking the block structure; the largest area found is what is reported to the cap.
 */
function readGifSize(bytes: Uint8Array): SizeReading {
  const width = u16le(bytes, 6);
  const height = u16le(bytes, 8);
  const flags = bytes[10];
  if (width === null || height === null || flags === undefined) return 'cut off in its screen descriptor';
  let offset = 13 + colourTableBytes(flags);
  let largest = { width, height };
  let frames = 0;
  while (offset < bytes.length) {
    const block = bytes[offset];
    if (block === 0x3b) break;
    if (block === 0x21) {
      offset = skipSubBlocks(bytes, offset + 2);
    } else if (block === 0x2c) {
      const frameWidth = u16le(bytes, offset + 5);
      const frameHeight = u16le(bytes, offset + 7);
      const frameFlags = bytes[offset + 9];
      if (frameWidth === null || frameHeight === null || frameFlags === undefined) break;
      frames += 1;
      if (frameWidth * frameHeight > largest.width * largest.height) largest = { width: frameWidth, height: frameHeight };
      // Descriptor, local colour table, LZW minimum code size, then the data sub-blocks.
      offset = skipSubBlocks(bytes, offset + 10 + colourTableBytes(frameFlags) + 1);
    } else {
      return `an unknown block 0x${(block ?? 0).toString(16)} at byte ${offset}`;
    }
  }
  if (frames === 0) return 'no frame in it';
  return largest;
}

function colourTableBytes(flags: number): number {
  return flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0;
}

/** The offset after a chain of sub-blocks (a size byte, that many bytes, … a zero). */
function skipSubBlocks(bytes: Uint8Array, offset: number): number {
  let at = offset;
  while (at < bytes.length) {
    const size = bytes[at] ?? 0;
    at += 1 + size;
    if (size === 0) return at;
  }
  return bytes.length;
}

/** The first chunk after RIFF/WEBP says which kind (WebP container spec): lossy, lossless or extended. */
function readWebpSize(bytes: Uint8Array): SizeReading {
  const chunk = ascii(bytes, 12, 4);
  const data = 20;
  if (chunk === 'VP8 ') {
    // A key frame: 3 bytes of frame tag, the start code 9D 01 2A, then 14-bit width and height.
    if (!startsWith(bytes, data + 3, [0x9d, 0x01, 0x2a])) return 'no VP8 start code';
    const width = u16le(bytes, data + 6);
    const height = u16le(bytes, data + 8);
    if (width === null || height === null) return 'cut off in its VP8 header';
    return { width: width & 0x3fff, height: height & 0x3fff };
  }
  if (chunk === 'VP8L') {
    // The signature 0x2F, then width - 1 and height - 1 in 14 bits each, least significant first.
    if (bytes[data] !== 0x2f) return 'no VP8L signature';
    const bits = u32le(bytes, data + 1);
    if (bits === null) return 'cut off in its VP8L header';
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    // Flags and reserved (4 bytes), then canvas width - 1 and height - 1 in 24 bits each.
    const width = u24le(bytes, data + 4);
    const height = u24le(bytes, data + 7);
    if (width === null || height === null) return 'cut off in its VP8X header';
    return { width: width + 1, height: height + 1 };
  }
  return chunk.length < 4 ? 'cut off before its first chunk' : `an unknown first chunk "${printable(chunk)}"`;
}

function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

function startsWith(bytes: Uint8Array, offset: number, expected: number[]): boolean {
  return expected.every((value, index) => bytes[offset + index] === value);
}

/** The start of a text body, after a UTF-8 byte order mark and white space. */
function leadingText(bytes: Uint8Array): string {
  const start = startsWith(bytes, 0, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(start, start + 1024)).trimStart();
}
