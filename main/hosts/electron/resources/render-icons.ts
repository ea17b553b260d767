// Renders icon.svg into every icon file electron-builder wants (run: `npx tsx
// main/hosts/electron/resources/render-icons.ts`; the output is committed, so packaging needs no
// browser). Chromium (through Playwright) draws each size from the vector, so small sizes are
// rasterised for their size rather than scaled down from a large bitmap.
//   icons/<n>x<n>.png   Linux (linux.icon), 16 to 1024; icons/512x512.png is also the window icon
//   icon.ico            Windows and the NSIS installer: 16, 24, 32, 48, 64, 128, 256, PNG-compressed
//   icon.icns           macOS: 16 to 1024 including @2x, PNG-compressed
import { chromium } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
/** ICNS element types with PNG payloads, and the pixel size each holds (Apple's icns format). */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
] as const;

/** ICONDIR + ICONDIRENTRY[] + PNG images; a 256 px entry stores 0 for its width and height. */
export function buildIco(images: ReadonlyMap<number, Buffer>): Buffer {
  const sizes = [...images.keys()].sort((a, b) => a - b);
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(sizes.length, 4);
  const entries = Buffer.alloc(16 * sizes.length);
  let offset = header.length + entries.length;
  sizes.forEach((size, i) => {
    const png = images.get(size)!;
    const at = i * 16;
    entries.writeUInt8(size >= 256 ? 0 : size, at);
    entries.writeUInt8(size >= 256 ? 0 : size, at + 1);
    entries.writeUInt8(0, at + 2); // no palette
    entries.writeUInt8(0, at + 3);
    entries.writeUInt16LE(1, at + 4); // colour planes
    entries.writeUInt16LE(32, at + 6); // bits per pixel
    entries.writeUInt32LE(png.length, at + 8);
    entries.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, entries, ...sizes.map((size) => images.get(size)!)]);
}

/** 'icns' + total length, then per element its type, length (header included) and PNG data. */
export function buildIcns(images: ReadonlyMap<number, Buffer>): Buffer {
  const elements = ICNS_TYPES.map(([type, size]) => {
    const png = images.get(size);
    if (!png) throw new Error(`no ${size} px image for ${type}`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(elements);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

export async function renderIcons(outDir: string = here): Promise<void> {
  const svg = readFileSync(path.join(here, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env.READER_CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const images = new Map<number, Buffer>();
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const size of LINUX_SIZES) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<!doctype html><html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
      );
      images.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
  } finally {
    await browser.close();
  }
  mkdirSync(path.join(outDir, 'icons'), { recursive: true });
  for (const [size, png] of images) writeFileSync(path.join(outDir, 'icons', `${size}x${size}.png`), png);
  writeFileSync(path.join(outDir, 'icon.ico'), buildIco(new Map(ICO_SIZES.map((size) => [size, images.get(size)!]))));
  writeFileSync(path.join(outDir, 'icon.icns'), buildIcns(images));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  renderIcons().then(
    () => console.log(`Wrote icons/, icon.ico and icon.icns in ${here}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
