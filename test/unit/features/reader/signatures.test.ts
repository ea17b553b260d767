// @vitest-environment jsdom
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeedForum } from '../../../../main/sample-forum/seed-thread';
import {
  normalizeSignatureText,
  SignatureIndex,
  signatureDisplay,
  trailingBlockKey,
  trailingBlockOf,
  type SignatureSource,
} from '../../../../renderer/features/reader/signatures';
import { shapePostBody } from '../../../../renderer/features/reader/post-body';
import { plainTextHtml } from '../../../../renderer/ui/plain-text-html';
import { sanitizePostHtml } from '../../../../renderer/ui/sanitize-post-html';

/** The sample thread as the reader stores it: username, number and cooked HTML of each post. */
function sampleThread(): SignatureSource[] {
  // jsdom's URL cannot resolve the seed folder from import.meta.url, so name it.
  const store = loadSeedForum({ seedDir: join(import.meta.dirname, '../../../../main/sample-forum/seed') });
  const [topic] = [...store.topics.values()];
  return topic!.posts.map((post) => ({
    username: store.users.get(post.userId)!.username,
    postNumber: post.postNumber,
    html: post.cooked,
  }));
}

function indexOf(posts: SignatureSource[]): SignatureIndex {
  const index = new SignatureIndex();
  for (const post of posts) index.add(post);
  return index;
}

const displays = (posts: SignatureSource[], showSignatures = false) => {
  const index = indexOf(posts);
  return Object.fromEntries(
    posts.map((post) => [post.postNumber, signatureDisplay(index.match(post.username, trailingBlockOf(post)), post.postNumber, showSignatures)]),
  );
};

describe('signature folding', () => {
  it("folds the OP's repeated line in the sample thread: shown in post 1, folded in 5, 8, 11 and 15", () => {
    const result = displays(sampleThread());
    expect(Object.entries(result).filter(([, display]) => display !== 'none')).toEqual([
      ['1', 'shown'],
      ['5', 'folded'],
      ['8', 'folded'],
      ['11', 'folded'],
      ['15', 'folded'],
    ]);
  });

  it('treats a quoted and an unquoted signature as the same text', () => {
    expect(normalizeSignatureText('"It is my business to protect your majesty.... against all things."')).toBe(
      normalizeSignatureText('It is my business to protect your  majesty... against all things'),
    );
  });

  it('shows every signature when the person asks to', () => {
    const result = displays(sampleThread(), true);
    expect([1, 5, 8, 11, 15].map((n) => result[n])).toEqual(['shown', 'shown', 'shown', 'shown', 'shown']);
  });

  it('does not take a closing line used once as a signature', () => {
    const posts = sampleThread();
    const result = displays(posts);
    // Post 9 ends "in secta Decii voluntas mea est!", post 12 in ASCII art: each author posts once.
    expect(result[9]).toBe('none');
    expect(result[12]).toBe('none');
  });

  it('needs the same author: two people ending alike do not sign', () => {
    const posts: SignatureSource[] = [
      { username: 'ann', postNumber: 1, html: '<p>One.</p><p>Cheers!</p>' },
      { username: 'bob', postNumber: 2, html: '<p>Two.</p><p>Cheers!</p>' },
    ];
    expect(displays(posts)).toEqual({ 1: 'none', 2: 'none' });
  });

  it('does not fold a block an author repeats in only a few of many posts', () => {
    const posts: SignatureSource[] = Array.from({ length: 20 }, (_, i) => ({
      username: 'ann',
      postNumber: i + 1,
      html: `<p>Post ${i}</p><p>${i < 2 ? 'The score still holds up.' : `Closing thought number ${i}.`}</p>`,
    }));
    expect(displays(posts)[2]).toBe('none');
  });

  it('never takes a trailing quote for a signature', () => {
    const quote = '<p>Agreed.</p><aside class="quote" data-post="1"><blockquote><p>Same words</p></blockquote></aside>';
    expect(trailingBlockKey(quote)).toBeNull();
  });

  it('folds the trailing block out of the body, keeping the rest', () => {
    const shaped = shapePostBody('<p>That is another great scene.</p>\n<p>It is my business.</p>', new Map(), true);
    expect(shaped).toEqual({ body: '<p>That is another great scene.</p>\n', signature: '<p>It is my business.</p>' });
  });

  it('leaves a post that is nothing but its signature whole', () => {
    expect(shapePostBody('<p>It is my business.</p>', new Map(), true)).toEqual({ body: '<p>It is my business.</p>', signature: null });
  });
});

describe('trailing block key', () => {
  it('reads a closing paragraph the same from the string as from the DOM', () => {
    const cases = [
      '<p>Hi</p>\n<p>&quot;It is my business&quot; &amp; <em>more</em><br>\nline &#8212; &#x2014;</p>\n',
      '<p>One</p><p class="x">Two <a href="/u/x">@x</a></p>',
      '<p>Only</p>',
      '<p>Code</p><pre><code>art\n  here</code></pre>',
      '<p>A</p><aside class="quote"><blockquote><p>quoted</p></blockquote></aside>',
      '<ul><li><p>item</p></li></ul>',
    ];
    for (const html of cases) {
      const template = document.createElement('template');
      template.innerHTML = html;
      const last = template.content.lastElementChild;
      const expected = last && !['ASIDE', 'BLOCKQUOTE'].includes(last.tagName) ? normalizeSignatureText(last.textContent ?? '') || null : null;
      expect({ html, key: trailingBlockKey(html) }).toEqual({ html, key: expected });
    }
  });
});

describe('a plain post\'s signature (after its "-- " line)', () => {
  const plain = (postNumber: number, username: string, text: string): SignatureSource => ({ username, postNumber, html: text, bodyFormat: 'plain' });

  it('is a signature even when it appears once, and folds like a Discourse signature after its first post', () => {
    const posts = [
      plain(1, 'jane', 'Hello all.\n-- \nJane Doe  |  jane@example.org'),
      plain(2, 'bob', 'Hi.\n-- \nBob'),
      plain(3, 'jane', 'More.\n-- \nJane  Doe | jane@example.org'),
      plain(4, 'bob', 'No signature this time.\nBob'),
    ];
    expect(displays(posts)).toEqual({ 1: 'shown', 2: 'shown', 3: 'folded', 4: 'none' });
    expect(displays(posts, true)).toEqual({ 1: 'shown', 2: 'shown', 3: 'shown', 4: 'none' });
  });

  it('is only what the "-- " line marks: a plain post\'s repeated closing line is content', () => {
    const posts = [plain(1, 'ann', 'One.\nCheers, Ann'), plain(2, 'ann', 'Two.\nCheers, Ann')];
    expect(displays(posts)).toEqual({ 1: 'none', 2: 'none' });
  });

  it('is split off the body as its last block, "-- " line and all', () => {
    const html = sanitizePostHtml(plainTextHtml('Body line.\n> quoted\n-- \nJane'));
    const shaped = shapePostBody(html, new Map(), true);
    expect(shaped.signature).toBe('<div class="plain-text">-- \nJane\n</div>');
    expect(shaped.body).toContain('Body line.');
    expect(shaped.body).not.toContain('Jane');
  });
});

