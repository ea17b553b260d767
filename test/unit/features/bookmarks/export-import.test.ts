// @vitest-environment jsdom
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReaderDb } from '../../../../renderer/db/reader-db';
import { annotationsNewestFirst } from '../../../../renderer/features/bookmarks/annotation-queries';
import { addHighlight, saveBookmarkNote, saveHighlightNote, toggleBookmark } from '../../../../renderer/features/bookmarks/annotation-writes';
import { bookmarksAsMarkdown } from '../../../../renderer/features/bookmarks/export-markdown';
import { importAnnotations } from '../../../../renderer/features/bookmarks/import-annotations';
import { quotableTextOf } from '../../../../renderer/features/bookmarks/quotable-text';
import { anchorQuote, quoteOf } from '../../../../renderer/features/bookmarks/text-quote';
import { ANNOTATION_CONTEXT, annotationCollectionOf, parseAnnotationFile } from '../../../../renderer/features/bookmarks/web-annotation';
import { postHtmlOf } from '../../../../renderer/ui/plain-text-html';
import { BASE_URL, POST_1, POST_2, post, storeSampleLibrary, thread } from './sample-library';

const profile = (name: string) => new ReaderDb(name, { indexedDB: new IDBFactory(), IDBKeyRange });
let home: ReaderDb;
let other: ReaderDb;

const POST_2_TEXT = quotableTextOf(POST_2.html);
const BATON = quoteOf(POST_2_TEXT, { start: POST_2_TEXT.indexOf('See this baton?'), end: POST_2_TEXT.indexOf('Well follow it!') + 'Well follow it!'.length })!;

/** Post 1 bookmarked with a note and tags, and the baton exchange of post 2 highlighted. */
async function bookmarkFavourites(db: ReaderDb) {
  const toggled = await toggleBookmark(db, POST_1, new Date('2024-05-01T10:00:00.000Z'));
  if (!('added' in toggled)) throw new Error('expected a new bookmark');
  await saveBookmarkNote(db, toggled.added.id, 'favourite', ['ballet', 'Moira Shearer']);
  const highlight = await addHighlight(db, POST_2, BATON, new Date('2024-05-02T10:00:00.000Z'));
  await saveHighlightNote(db, highlight.id, 'the rehearsal\nwith the baton', ['rehearsal']);
}

async function exportJson(db: ReaderDb): Promise<string> {
  return JSON.stringify(annotationCollectionOf(await annotationsNewestFirst(db)));
}

beforeEach(async () => {
  home = profile('home');
  other = profile('other');
  await storeSampleLibrary(home);
  await storeSampleLibrary(other);
});
afterEach(async () => {
  await home.delete();
  await other.delete();
});

describe('the Web Annotation export', () => {
  it('writes an AnnotationCollection of W3C annotations: note and tags as TextualBody, the post address and a TextQuoteSelector as target', async () => {
    await bookmarkFavourites(home);
    const collection = JSON.parse(await exportJson(home));
    expect(collection).toMatchObject({ '@context': ANNOTATION_CONTEXT, type: 'AnnotationCollection', total: 2, first: { type: 'AnnotationPage' } });
    const [highlight, bookmark] = collection.first.items;
    expect(highlight).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      motivation: 'highlighting',
      created: '2024-05-02T10:00:00.000Z',
      body: [
        { type: 'TextualBody', value: 'the rehearsal\nwith the baton', purpose: 'commenting' },
        { type: 'TextualBody', value: 'rehearsal', purpose: 'tagging' },
      ],
      target: {
        source: `${BASE_URL}/t/what-are-your-favourite-scenes/1/2`,
        selector: { type: 'TextQuoteSelector', exact: BATON.exact, prefix: BATON.prefix, suffix: BATON.suffix },
      },
    });
    expect(highlight.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(bookmark).toMatchObject({
      motivation: 'bookmarking',
      body: [
        { type: 'TextualBody', value: 'favourite', purpose: 'commenting' },
        { type: 'TextualBody', value: 'ballet', purpose: 'tagging' },
        { type: 'TextualBody', value: 'Moira Shearer', purpose: 'tagging' },
      ],
      target: { source: `${BASE_URL}/t/what-are-your-favourite-scenes/1/1` },
    });
    expect(bookmark.target.selector).toBeUndefined();
  });

  it('writes Markdown grouped by thread, with the quote, note, tags, author and a link to each post', async () => {
    await bookmarkFavourites(home);
    const markdown = bookmarksAsMarkdown(await annotationsNewestFirst(home), quotableTextOf, new Date('2024-06-01T00:00:00Z'));
    expect(markdown.match(/^## /gm)).toHaveLength(1);
    expect(markdown).toContain('## What are your favourite scenes?');
    expect(markdown).toContain('### Bookmark: Post 1 by majesty\\_guard');
    expect(markdown).toContain('> The Red Shoes ballet sequence.');
    expect(markdown).toContain('**Note:** favourite');
    expect(markdown).toContain('**Tags:** ballet, Moira Shearer');
    expect(markdown).toContain(`(<${BASE_URL}/t/what-are-your-favourite-scenes/1/1>)`);
    expect(markdown).toContain('### Highlight: Post 2 by steve\\_c');
    expect(markdown).toContain('> See this baton?\n>\n> Vicky: Yes\n>\n> Julian: Well follow it!');
    // Post 1 comes before post 2 within the thread, whatever the order they were made in.
    expect(markdown.indexOf('Post 1 by')).toBeLessThan(markdown.indexOf('Post 2 by'));
  });
});

describe('importing bookmarks', () => {
  it('restores them into another profile losslessly: notes, tags, selectors, dates and ids', async () => {
    await bookmarkFavourites(home);
    const file = parseAnnotationFile(await exportJson(home));
    if (!file.ok) throw new Error(file.message);
    const report = await importAnnotations(other, file.annotations, quotableTextOf);
    expect(report).toEqual({ bookmarksAdded: 1, highlightsAdded: 1, duplicatesSkipped: 0, unanchored: [], unplaced: [] });
    expect(await other.bookmarks.toArray()).toEqual(await home.bookmarks.toArray());
    expect(await other.highlights.toArray()).toEqual(await home.highlights.toArray());
    // And back again: the second export is the first.
    expect(await exportJson(other)).toBe(await exportJson(home));
  });

  it('skips what the profile already has, so importing twice changes nothing', async () => {
    await bookmarkFavourites(home);
    const file = parseAnnotationFile(await exportJson(home));
    if (!file.ok) throw new Error(file.message);
    const report = await importAnnotations(home, file.annotations, quotableTextOf);
    expect(report).toMatchObject({ bookmarksAdded: 0, highlightsAdded: 0, duplicatesSkipped: 2 });
    expect(await home.bookmarks.count()).toBe(1);
    expect(await home.highlights.count()).toBe(1);
  });

  it('finds posts by their address alone (a file from another tool) and reports what it cannot anchor', async () => {
    const source = (n: number) => `${BASE_URL}/t/what-are-your-favourite-scenes/1/${n}`;
    const file = parseAnnotationFile(
      JSON.stringify([
        { type: 'Annotation', bodyValue: 'from elsewhere', target: { source: source(2), selector: { type: 'TextQuoteSelector', exact: 'Vicky: Yes' } } },
        { type: 'Annotation', target: { source: source(2), selector: { type: 'TextQuoteSelector', exact: 'a line nobody wrote' } } },
        { type: 'Annotation', motivation: 'bookmarking', target: source(1) },
        { type: 'Annotation', target: 'https://elsewhere.example/t/x/9/1' },
      ]),
    );
    if (!file.ok) throw new Error(file.message);
    const report = await importAnnotations(other, file.annotations, quotableTextOf);
    expect(report).toMatchObject({ bookmarksAdded: 1, highlightsAdded: 2, duplicatesSkipped: 0 });
    expect(report.unanchored).toEqual([{ kind: 'highlight', what: '“a line nobody wrote”', why: 'the passage is no longer in the post' }]);
    expect(report.unplaced).toEqual([{ kind: 'bookmark', what: 'bookmark of https://elsewhere.example/t/x/9/1', why: 'no forum in this profile has https://elsewhere.example/t/x/9/1' }]);
    const stored = (await other.highlights.toArray()).find((row) => row.exact === 'Vicky: Yes')!;
    expect(stored).toMatchObject({ postId: POST_2.id, note: 'from elsewhere', postNumber: 2, username: 'steve_c' });
    expect(anchorQuote(POST_2_TEXT, stored)).not.toBeNull();
    expect((await other.bookmarks.toArray())[0]).toMatchObject({ postId: POST_1.id, postHtml: POST_1.html, postVersion: 1 });
  });

  it('keeps an annotation whose post is not stored here, and says so', async () => {
    await bookmarkFavourites(home);
    await other.posts.delete(POST_2.id);
    const file = parseAnnotationFile(await exportJson(home));
    if (!file.ok) throw new Error(file.message);
    const report = await importAnnotations(other, file.annotations, quotableTextOf);
    expect(report.highlightsAdded).toBe(1);
    expect(report.unanchored).toEqual([{ kind: 'highlight', what: expect.stringContaining('See this baton?'), why: 'its post is not stored in this profile yet' }]);
  });
});

describe('reading an import file', () => {
  const rejects = (text: string) => {
    const parsed = parseAnnotationFile(text);
    if (parsed.ok) throw new Error('expected the file to be refused');
    return parsed.message;
  };

  it('refuses a file that is not JSON, or not annotations, with a message saying so', () => {
    expect(rejects('# Bookmarks\n')).toMatch(/^The file is not JSON/);
    expect(rejects('{"bookmarks": []}')).toMatch(/not a bookmarks file: expected a Web Annotation collection/);
    expect(rejects('42')).toMatch(/not a bookmarks file/);
  });

  it('names the annotation and the field that does not fit', () => {
    const good = { type: 'Annotation', target: `${BASE_URL}/t/s/1/1` };
    const collection = (items: unknown[]) => JSON.stringify({ type: 'AnnotationCollection', first: { type: 'AnnotationPage', items } });
    expect(rejects(collection([good, { ...good, target: { source: `${BASE_URL}/t/s/1/2`, selector: { type: 'TextQuoteSelector', exact: '' } } }]))).toMatch(
      /annotation 2 \(first\.items\[1\]\): target\.selector\.exact: the quoted text is empty/,
    );
    expect(rejects(JSON.stringify([{ ...good, body: [{ type: 'TextualBody', value: 3 }] }]))).toMatch(/annotation 1 \(\[0\]\): body\.0\.value: Invalid type: Expected string but received 3/);
    expect(rejects(JSON.stringify([{ ...good, type: 'Note' }]))).toMatch(/annotation 1 \(\[0\]\): type: type must be "Annotation"/);
    expect(rejects(JSON.stringify([{ ...good, created: 'yesterday' }]))).toMatch(/created: created is not a date/);
  });

  it('a malformed file changes nothing: every annotation is checked before any is written', async () => {
    await bookmarkFavourites(home);
    const exported = JSON.parse(await exportJson(home));
    exported.first.items[1].target.source = 42;
    expect(parseAnnotationFile(JSON.stringify(exported)).ok).toBe(false);
    // The first annotation was fine, yet nothing of the file reached the other profile.
    expect(await other.bookmarks.count()).toBe(0);
    expect(await other.highlights.count()).toBe(0);
  });
});

describe('a plain post (a newsgroup article)', () => {
  const ARTICLE = 'Steve wrote:\n> See this baton?\n\nFollow it: #include <stdio.h> & a < b\n.signature-less line\n-- \nsteve_c';
  const PLAIN = { ...post(3, ARTICLE, 'steve_c'), bodyFormat: 'plain' as const };

  it('is bookmarked, highlighted and exported with its text as written, not read as HTML', async () => {
    await home.posts.put(PLAIN);
    const toggled = await toggleBookmark(home, PLAIN, new Date('2024-05-03T10:00:00.000Z'));
    if (!('added' in toggled)) throw new Error('expected a new bookmark');
    const shown = quotableTextOf(postHtmlOf(PLAIN));
    expect(shown).toBe('Steve wrote:\nSee this baton?\nFollow it: #include <stdio.h> & a < b\n.signature-less line\n-- \nsteve_c\n');
    const passage = quoteOf(shown, { start: shown.indexOf('#include'), end: shown.indexOf('a < b') + 5 })!;
    await addHighlight(home, PLAIN, passage, new Date('2024-05-04T10:00:00.000Z'));
    expect(anchorQuote(quotableTextOf(toggled.added.postHtml), passage)).not.toBeNull();

    const markdown = bookmarksAsMarkdown(await annotationsNewestFirst(home), quotableTextOf, new Date('2024-06-01T00:00:00Z'));
    expect(markdown).toContain('### Bookmark: Post 3 by steve\\_c');
    // Markdown's own characters escaped, nothing taken for a tag or an entity.
    expect(markdown).toContain('> Follow it: \\#include \\<stdio.h\\> & a \\< b\n>\n> .signature-less line');
    expect(markdown).toContain('### Highlight: Post 3 by steve\\_c\n\n> \\#include \\<stdio.h\\> & a \\< b');
    expect(markdown).not.toContain('Orphaned');
  });

  it("links a newsgroup article by its Message-ID (news:), never as a Discourse address on the news server", async () => {
    await home.forums.put({ id: 'news', name: 'news.example.org', baseUrl: 'nntp://news.example.org:119', protocol: 'nntp', isSample: false, addedAt: '2024-01-01T00:00:00.000Z', lastSyncedAt: null, lastSyncError: null });
    await home.threads.put({ ...thread, id: 'news/t/7', forumId: 'news', remoteId: 7, storedPostCount: 1, unreadCount: 0 });
    const article = { ...post(1, 'Hello group.', 'Jane Doe'), id: 'news/p/70', forumId: 'news', threadId: 'news/t/7', remoteId: 70, bodyFormat: 'plain' as const, remoteKey: '<hello.1@example.org>' };
    await home.posts.put(article);
    await toggleBookmark(home, article, new Date('2024-05-05T10:00:00.000Z'));
    const items = await annotationsNewestFirst(home);
    const markdown = bookmarksAsMarkdown(items, quotableTextOf, new Date('2024-06-01T00:00:00Z'));
    expect(markdown).toContain('[Post 1 on news.example.org](<news:hello.1@example.org>)');
    expect(markdown).not.toContain('nntp://news.example.org:119/t/');
    const collection = JSON.parse(await exportJson(home));
    expect(collection.first.items.map((annotation: { target: { source: string } }) => annotation.target.source)).toContain('news:hello.1@example.org');
  });
});
