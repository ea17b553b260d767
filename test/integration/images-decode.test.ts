// The header reader against the decoder that will show the pictures: every fixture it keeps,
// Debian's Chromium decodes to the size the header reader read.
import { chromium, type Browser, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImageHeader } from '../../shared/images/image-header';
import { chromiumLaunchOptions } from '../e2e/chromium';

const dir = new URL('../fixtures/images/', import.meta.url);
const kept = readdirSync(dir)
  .sort()
  .filter((file) => readImageHeader(readFileSync(new URL(file, dir))).ok);

describe('image headers as Chromium decodes them', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await chromium.launch(chromiumLaunchOptions());
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('covers every kept format', () => {
    expect(new Set(kept.map((file) => file.split('.').pop()))).toEqual(new Set(['png', 'jpg', 'gif', 'webp', 'avif']));
  });

  it.each(kept)('%s decodes to the size its header gave', async (file) => {
    const bytes = readFileSync(new URL(file, dir));
    const reading = readImageHeader(bytes);
    if (!reading.ok) throw new Error(reading.refusal.message);
    const decoded = await page.evaluate(async (base64) => {
      const img = new Image();
      img.src = `data:application/octet-stream;base64,${base64}`;
      try {
        await img.decode();
      } catch {
        return null;
      }
      return { width: img.naturalWidth, height: img.naturalHeight };
    }, bytes.toString('base64'));
    expect(decoded).toEqual({ width: reading.header.width, height: reading.header.height });
  });
});
