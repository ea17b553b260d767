import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base62OfSha1, humanFileSize } from '../../../main/sample-forum/forum-uploads';
import { defaultSeedDir, readSeedUploads } from '../../../main/sample-forum/seed-thread';
import { startSampleForum, type SampleForum } from '../../../main/sample-forum/server';
import { readImageHeader } from '../../../shared/images/image-header';
import { imagesOfPost } from '../../../main/sources/images/post-images';
import { getJson } from './forum-http';

const uploadFile = (file: string): Buffer => readFileSync(join(defaultSeedDir(), 'uploads', file));
const seedUploads = readSeedUploads();

describe('the seed thread’s uploads', () => {
  it('are real PNG, JPEG and GIF files whose headers give the sizes uploads.json states, thumbnails included', () => {
    const types = new Set<string>();
    for (const upload of seedUploads) {
      for (const file of [upload, ...(upload.thumbnails ?? [])]) {
        const reading = readImageHeader(uploadFile(file.file));
        expect(reading, file.file).toMatchObject({ ok: true, header: { width: file.width, height: file.height } });
        if (reading.ok) types.add(reading.header.type);
      }
    }
    expect([...types].sort()).toEqual(['gif', 'jpeg', 'png']);
  });

  it('gives each thumbnail fewer bytes than its original, so Discourse would show the thumbnail', () => {
    for (const upload of seedUploads) {
      for (const thumbnail of (upload.thumbnails ?? []).slice(0, 1)) {
        expect(uploadFile(thumbnail.file).length, thumbnail.file).toBeLessThan(uploadFile(upload.file).length);
      }
    }
  });
});

describe('Discourse’s upload addresses', () => {
  it('names an upload by its SHA-1 in base 62 with upload_spec.rb’s digits', () => {
    expect(base62OfSha1('bda2c513e1da04f7b4e99230851ea2aafeb8cc4e')).toBe('r3AYqESanERjladb4vBB7VsMBm6');
  });

  it('writes sizes as ActiveSupport’s number_to_human_size does', () => {
    expect(humanFileSize(454)).toBe('454 Bytes');
    expect(humanFileSize(80_383)).toBe('78.5 KB');
    expect(humanFileSize(3_989)).toBe('3.9 KB');
    expect(humanFileSize(2_500_000)).toBe('2.38 MB');
  });
});

describe('the seed thread’s pictures over HTTP', () => {
  let forum: SampleForum;
  let cooked: string[];
  beforeAll(async () => {
    forum = await startSampleForum({ dataDir: null });
    cooked = (await getJson(forum, '/t/1377.json')).body.post_stream.posts.map((post: { cooked: string }) => post.cooked);
  });
  afterAll(() => forum.close());

  it('cooks a large upload as Discourse does: a lightbox to the original around the 690×388 thumbnail, srcset, meta', () => {
    const sha1 = /\/uploads\/default\/original\/1X\/([0-9a-f]{40})\.jpeg/.exec(cooked[0] ?? '')?.[1] ?? '';
    const original = `/uploads/default/original/1X/${sha1}.jpeg`;
    const thumbnail = (size: string) => `/uploads/default/optimized/1X/${sha1}_2_${size}.jpeg`;
    expect(cooked[0]).toContain(
      `<p><div class="lightbox-wrapper"><a class="lightbox" href="${original}" data-download-href="/uploads/default/${sha1}" title="The ballet of the Red Shoes: a dancer alone in the spotlight">` +
        `<img src="${thumbnail('690x388')}" alt="The ballet of the Red Shoes: a dancer alone in the spotlight" data-base62-sha1="${base62OfSha1(sha1)}" width="690" height="388" ` +
        `srcset="${thumbnail('690x388')}, ${thumbnail('1035x582')} 1.5x, ${original} 2x" data-dominant-color="58121B">` +
        `<div class="meta"><svg class="fa d-icon d-icon-far-image svg-icon" aria-hidden="true"><use href="#far-image"></use></svg>` +
        `<span class="filename">The ballet of the Red Shoes: a dancer alone in the spotlight</span><span class="informations">1280×720 78.5 KB</span>`,
    );
  });

  it('shows an animated GIF as it is, with no lightbox, and a small picture from its original', () => {
    expect(cooked[6]).toMatch(/<img src="\/uploads\/default\/original\/1X\/[0-9a-f]{40}\.gif" alt="The shoes dancing on their own" data-base62-sha1="\w+" width="320" height="180" class="animated">/);
    expect(cooked[2]).toMatch(/<a class="lightbox" href="(\/uploads\/default\/original\/1X\/[0-9a-f]{40}\.png)"[^>]*><img src="\1" alt="The practice hall on Julian's first day" data-base62-sha1="\w+" width="480" height="270">/);
  });

  it('serves every picture the posts show, and every original behind a lightbox, with its type, length and a year’s caching', async () => {
    const pictures = cooked.flatMap((html) => imagesOfPost(html, forum.url).images);
    expect(pictures).toHaveLength(seedUploads.length);
    const addresses = new Set(pictures.flatMap((picture) => [picture.url, ...(picture.original ? [picture.original] : [])]));
    expect(addresses.size).toBe(seedUploads.length + seedUploads.filter((upload) => upload.thumbnails).length);
    const seedBytes = new Set(seedUploads.flatMap((upload) => [upload.file, ...(upload.thumbnails ?? []).map((t) => t.file)]).map((file) => uploadFile(file).toString('base64')));
    for (const address of addresses) {
      const response = await fetch(address);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(response.status, address).toBe(200);
      const reading = readImageHeader(bytes);
      expect(reading.ok).toBe(true);
      if (reading.ok) expect(response.headers.get('content-type')).toBe(`image/${reading.header.type}`);
      expect(response.headers.get('content-length')).toBe(String(bytes.length));
      expect(response.headers.get('cache-control')).toBe('max-age=31556952, public, immutable');
      expect(response.headers.get('last-modified')).toMatch(/GMT$/);
      expect(seedBytes.has(bytes.toString('base64'))).toBe(true);
    }
  });

  it('redirects a short address to the original, as /uploads/short-url does, and answers 404 for an upload it does not have', async () => {
    const raw = (await getJson(forum, '/posts/8843.json')).body.raw as string;
    const short = /upload:\/\/([0-9A-Za-z]+)\.jpeg/.exec(raw)?.[1];
    expect(short).toBeDefined();
    const redirect = await fetch(`${forum.url}/uploads/short-url/${short}.jpeg`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toMatch(/^\/uploads\/default\/original\/1X\/[0-9a-f]{40}\.jpeg$/);
    expect((await fetch(`${forum.url}/uploads/default/original/1X/${'0'.repeat(40)}.png`)).status).toBe(404);
    expect((await fetch(`${forum.url}/uploads/default/optimized/1X/${'0'.repeat(40)}_2_10x10.png`)).status).toBe(404);
  });

  it('sends the download address as an attachment under the original name', async () => {
    const sha1 = /\/uploads\/default\/original\/1X\/([0-9a-f]{40})\.png/.exec(cooked[9] ?? '')?.[1];
    const response = await fetch(`${forum.url}/uploads/default/${sha1}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="the-mirror.png"');
  });
});
