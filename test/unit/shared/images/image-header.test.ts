import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_PIXELS, readImageHeader, type HeaderReading } from '../../../../shared/images/image-header';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../fixtures/images/${name}`, import.meta.url)));

/** Sizes as ImageMagick, which wrote the files, reports them (`identify`). */
const KEPT = [
  { file: 'red-shoes.png', type: 'png', width: 64, height: 48 },
  { file: 'red-shoes.jpg', type: 'jpeg', width: 120, height: 80 },
  { file: 'progressive.jpg', type: 'jpeg', width: 90, height: 60 },
  { file: 'red-shoes.gif', type: 'gif', width: 40, height: 30 },
  { file: 'animated.gif', type: 'gif', width: 30, height: 20 },
  { file: 'red-shoes.webp', type: 'webp', width: 50, height: 40 },
  { file: 'lossless.webp', type: 'webp', width: 50, height: 40 },
  { file: 'alpha.webp', type: 'webp', width: 36, height: 24 },
  { file: 'red-shoes.avif', type: 'avif', width: 48, height: 32 },
] as const;

/** A small deterministic generator, so a failing case can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function refusal(reading: HeaderReading) {
  if (reading.ok) throw new Error(`expected a refusal, got ${JSON.stringify(reading.header)}`);
  return reading.refusal;
}

const bytes = (...parts: Array<string | number[]>) => new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)));
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const le16 = (n: number) => [n & 255, (n >>> 8) & 255];
const le24 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255];
const box = (type: string, ...payload: number[][]) => {
  const body = payload.flat();
  return [...be32(8 + body.length), ...[...type].map((c) => c.charCodeAt(0)), ...body];
};
const avif = (...metaChildren: number[][]) =>
  new Uint8Array([...box('ftyp', [...'avif'].map((c) => c.charCodeAt(0)), be32(0), [...'mif1'].map((c) => c.charCodeAt(0))), ...box('meta', be32(0), ...metaChildren)]);
const ispe = (width: number, height: number) => box('ispe', be32(0), be32(width), be32(height));

describe('readImageHeader', () => {
  it.each(KEPT)('reads the type and size of $file from its header', ({ file, type, width, height }) => {
    expect(readImageHeader(fixture(file))).toEqual({ ok: true, header: { type, width, height } });
  });

  it('refuses a PNG that claims 100000×100000 pixels before anything decodes it', () => {
    expect(refusal(readImageHeader(fixture('bomb-100000x100000.png')))).toEqual({
      code: 'too_many_pixels',
      message: '100000×100000 pixels is more than the reader keeps (50 megapixels)',
    });
  });

  it('refuses an SVG drawing, with or without an XML declaration and comments first', () => {
    expect(refusal(readImageHeader(fixture('drawing.svg'))).code).toBe('svg');
    expect(refusal(readImageHeader(new TextEncoder().encode('\ufeff  <!-- made by hand --><svg viewBox="0 0 1 1"></svg>'))).code).toBe('svg');
  });

  it('says a web page is not an image, as when a forum answers a login page with 200', () => {
    expect(refusal(readImageHeader(new TextEncoder().encode('<!DOCTYPE html><html><body>Log in</body></html>')))).toEqual({
      code: 'not_image',
      message: 'not an image (the server sent a web page or other markup)',
    });
  });

  it('says which formats it keeps when the bytes are none of them', () => {
    expect(refusal(readImageHeader(bytes('BM', [0, 0, 0, 0])))).toEqual({ code: 'not_image', message: 'not an image (neither PNG, JPEG, GIF, WebP nor AVIF)' });
    expect(refusal(readImageHeader(new Uint8Array()))).toMatchObject({ code: 'not_image' });
  });

  it('refuses a HEIC photo: an ISO media file whose brands do not say AVIF', () => {
    const heic = new Uint8Array([...box('ftyp', [...'heic'].map((c) => c.charCodeAt(0)), be32(0), [...'mif1heic'].map((c) => c.charCodeAt(0)))]);
    expect(refusal(readImageHeader(heic)).message).toContain('brand "heic"');
  });

  it('refuses a PNG that says it is 0 pixels wide as damaged', () => {
    const png = fixture('red-shoes.png').slice();
    png.set(be32(0), 16);
    expect(refusal(readImageHeader(png))).toEqual({ code: 'malformed', message: 'a damaged PNG file (it says it is 0×48 pixels)' });
  });

  it('refuses a JPEG whose picture data starts before any frame header', () => {
    const jpeg = bytes([0xff, 0xd8], [0xff, 0xe0, 0, 4, 0, 0], [0xff, 0xda, 0, 2]);
    expect(refusal(readImageHeader(jpeg))).toEqual({ code: 'malformed', message: 'a damaged JPEG file (no frame header before the picture data)' });
  });

  it('refuses a JPEG segment of length 0 instead of reading it again forever', () => {
    expect(refusal(readImageHeader(bytes([0xff, 0xd8], [0xff, 0xe1, 0, 0])))).toEqual({ code: 'malformed', message: 'a damaged JPEG file (a segment of length 0)' });
  });

  it('finds a JPEG frame header past fill bytes and restart markers', () => {
    const jpeg = bytes([0xff, 0xd8], [0xff, 0xff, 0xff, 0xd0], [0xff, 0xc2, 0, 11, 8, 0, 30, 0, 40, 3, 0, 0, 0]);
    expect(readImageHeader(jpeg)).toEqual({ ok: true, header: { type: 'jpeg', width: 40, height: 30 } });
  });

  it('refuses a WebP whose extended header claims a 16384×16384 canvas', () => {
    const webp = bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8X', [10, 0, 0, 0], [0, 0, 0, 0], le24(16383), le24(16383));
    expect(refusal(readImageHeader(webp)).message).toBe('16384×16384 pixels is more than the reader keeps (50 megapixels)');
  });

  it('refuses a GIF whose frame is far larger than its small logical screen', () => {
    const gif = bytes('GIF89a', le16(10), le16(10), [0, 0, 0], [0x2c, 0, 0, 0, 0], le16(60000), le16(60000), [0, 2, 0], [0x3b]);
    expect(refusal(readImageHeader(gif)).message).toBe('60000×60000 pixels is more than the reader keeps (50 megapixels)');
  });

  it('refuses a GIF with a screen but no frame', () => {
    expect(refusal(readImageHeader(bytes('GIF89a', le16(10), le16(10), [0, 0, 0], [0x3b])))).toMatchObject({ code: 'malformed' });
  });

  it('reads the largest ispe of an AVIF, which the pixel cap must see', () => {
    const ok = avif(box('iprp', box('ipco', ispe(200, 100), ispe(20, 10))));
    expect(readImageHeader(ok)).toEqual({ ok: true, header: { type: 'avif', width: 200, height: 100 } });
    const bomb = avif(box('iprp', box('ipco', ispe(20, 10), ispe(100_000, 100_000))));
    expect(refusal(readImageHeader(bomb)).code).toBe('too_many_pixels');
  });

  it('refuses an AVIF whose box claims to run past the file', () => {
    const file = avif(box('iprp', box('ipco', ispe(20, 10))));
    file.set(be32(0xfffffff0), 28 + 8 + 4);
    expect(refusal(readImageHeader(file))).toMatchObject({ code: 'malformed' });
  });

  it('refuses an AVIF with no size in it', () => {
    expect(refusal(readImageHeader(avif(box('iprp', box('ipco')))))).toEqual({ code: 'malformed', message: 'a damaged AVIF file (no ispe property giving its size)' });
  });

  it('the pixel cap is the one given, so a forum can be stricter', () => {
    expect(refusal(readImageHeader(fixture('red-shoes.jpg'), 120 * 80 - 1)).code).toBe('too_many_pixels');
    expect(readImageHeader(fixture('red-shoes.jpg'), 120 * 80).ok).toBe(true);
  });

  describe('damaged and random bytes end in a refusal, never a crash or a wrong size', () => {
    it.each(KEPT)('$file cut at every length', ({ file, width, height }) => {
      const whole = fixture(file);
      for (let length = 0; length < whole.length; length += 1) {
        const reading = readImageHeader(whole.subarray(0, length));
        if (reading.ok) expect(reading.header).toMatchObject({ width, height });
        else expect(reading.refusal.message.length).toBeGreaterThan(0);
      }
    });

    it.each(KEPT)('$file with bytes of its header changed at random', ({ file }) => {
      const next = random(file.length);
      const whole = fixture(file);
      for (let round = 0; round < 500; round += 1) {
        const damaged = whole.slice();
        for (let flips = 1 + Math.floor(next() * 4); flips > 0; flips -= 1) {
          damaged[Math.floor(next() * Math.min(damaged.length, 64))] = Math.floor(next() * 256);
        }
        const reading = readImageHeader(damaged);
        if (reading.ok) expect(reading.header.width * reading.header.height).toBeLessThanOrEqual(MAX_IMAGE_PIXELS);
        else expect(reading.refusal.message.length).toBeGreaterThan(0);
      }
    });

    it('random bytes after each format’s signature', () => {
      const next = random(19);
      const signatures = [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0xff, 0xd8, 0xff], [...'GIF89a'].map((c) => c.charCodeAt(0)), [...'RIFF\0\0\0\0WEBP'].map((c) => c.charCodeAt(0)), [0, 0, 0, 16, ...[...'ftypavif\0\0\0\0'].map((c) => c.charCodeAt(0))], []];
      for (const signature of signatures) {
        for (let round = 0; round < 1000; round += 1) {
          const tail = Array.from({ length: Math.floor(next() * 200) }, () => Math.floor(next() * 256));
          const reading = readImageHeader(new Uint8Array([...signature, ...tail]));
          if (reading.ok) expect(reading.header.width * reading.header.height).toBeLessThanOrEqual(MAX_IMAGE_PIXELS);
          else expect(reading.refusal.message.length).toBeGreaterThan(0);
        }
      }
    });
  });
});
