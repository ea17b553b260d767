// @vitest-environment jsdom
// A post's kept pictures come from blob: URLs that are revoked when the post is done with them;
// one not kept shows its alt text and why, and the post's markup comes back as it was.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PostPicture } from '../../../renderer/db/image-queries';
import { showKeptPictures } from '../../../renderer/ui/kept-pictures';

const body = (html: string) => {
  const element = document.createElement('div');
  element.innerHTML = html;
  return element;
};
const POST = '<p><img data-kept-src="/uploads/a.png" alt="A still"><img data-kept-src="/uploads/b.png" alt="Gone"><img data-kept-src="/uploads/c.png" alt=""></p>';

afterEach(() => vi.restoreAllMocks());

describe('showKeptPictures', () => {
  it('gives a kept picture a blob: URL and revokes it on undo', () => {
    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:reader/1');
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const element = body(POST);
    const pictures = new Map<string, PostPicture>([
      ['/uploads/a.png', { kept: true, bytes: new Blob(['png']) }],
      ['/uploads/b.png', { kept: false, failure: { code: 'http_status', message: 'the forum answered 404' } }],
    ]);
    const undo = showKeptPictures(element, pictures);
    expect(create).toHaveBeenCalledTimes(1);
    expect(element.querySelector('img[alt="A still"]')?.getAttribute('src')).toBe('blob:reader/1');
    expect([...element.querySelectorAll('.image-placeholder')].map((note) => note.textContent)).toEqual([
      'Image: Gone — not kept: the forum answered 404',
      'Image — not kept yet: it is fetched with the next sync',
    ]);
    undo();
    expect(revoke).toHaveBeenCalledWith('blob:reader/1');
    expect(element.innerHTML).toBe(POST);
  });

  it('says why a picture never tried is missing in the words the caller gives', () => {
    const element = body(POST);
    showKeptPictures(element, new Map(), 'not kept');
    expect([...element.querySelectorAll('.image-placeholder')].map((note) => note.textContent)).toEqual(['Image: A still — not kept', 'Image: Gone — not kept', 'Image — not kept']);
  });

  it('explains nothing while the pictures are being read', () => {
    const element = body(POST);
    showKeptPictures(element, null);
    expect(element.innerHTML).toBe(POST);
  });
});
