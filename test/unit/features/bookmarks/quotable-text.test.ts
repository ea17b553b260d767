// @vitest-environment jsdom
// A bookmark's snippet, its Markdown export and a highlight's anchor read the post's text as the
// reader shows it: a picture's lightbox caption is not part of it.
import { describe, expect, it } from 'vitest';
import { quotableTextOf } from '../../../../renderer/features/bookmarks/quotable-text';

const COOKED =
  '<p>The ballet.</p><div class="lightbox-wrapper"><a class="lightbox" href="/uploads/default/original/1X/abc.png" title="ballet.png">' +
  '<img src="/uploads/default/original/1X/abc.png" alt="ballet.png" width="480" height="270">' +
  '<div class="meta"><span class="filename">ballet.png</span><span class="informations">480×270 454 Bytes</span></div></a></div><p>Wonderful.</p>';

describe('quotableTextOf', () => {
  it("leaves a picture's lightbox caption out of the post's text", () => {
    const text = quotableTextOf(COOKED);
    expect(text).not.toContain('Bytes');
    expect(text).toContain('The ballet.');
    expect(text).toContain('Wonderful.');
  });
});
