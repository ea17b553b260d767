// Pictures kept for offline reading, end to end over real HTTP: the sample forum (with its uploads)
// and picture servers on 127.0.0.1, the services on the web host and on stand-in Electron IPC, and
// the renderer's sync into Dexie. Main fetches a batch's pictures only once the renderer has
// committed its text, each address once, in the forum's asset budget, and hands the bytes over.
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { ForumApi, SyncImage } from '../../shared/api';
import { SAMPLE_FORUM_ID } from '../../shared/model';
import { picturesOfPost } from '../../renderer/db/image-queries';
import { releaseImagesOfUnkeptPosts } from '../../renderer/db/image-writes';
import type { ReaderDb } from '../../renderer/db/reader-db';
import { keepImagesSetting, setKeepImages, setSetting } from '../../renderer/db/settings';
import { buildSyncRequest } from '../../renderer/db/sync-request';
import { toggleBookmark } from '../../renderer/features/bookmarks/annotation-writes';
import { addSampleForumOnce } from '../../renderer/features/forums/first-launch';
import { removeForum } from '../../renderer/features/storage/remove-forum';
import { syncForum } from '../../renderer/features/sync/sync-forum';
import { nodeFetch } from '../../main/sources/node-fetch';
import { DEFAULT_BUDGET } from '../../main/sources/polite-http';
import { freshDb } from '../support/fresh-db';
import { startPictureServer, type PictureServer } from '../support/picture-server';
import { startReaderBackend, type ReaderBackend } from '../support/reader-backend';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/images/${name}`, import.meta.url));
const send = (body: Buffer, type = 'image/png') => (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': type });
  res.end(body);
};
const MAGIC = { 'image/png': [0x89, 0x50, 0x4e, 0x47], 'image/jpeg': [0xff, 0xd8, 0xff], 'image/gif': [0x47, 0x49, 0x46] } as const;
const SEED_PICTURES = 6;

let backend: ReaderBackend;
let db: ReaderDb;
const servers: PictureServer[] = [];
afterEach(async () => {
  db?.close();
  await backend?.close();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const uploadRequests = () => backend.forum.requestLog.filter((entry) => entry.path.startsWith('/uploads/'));

/** A topic in the sample thread's category whose posts' cooked HTML is given. */
function addTopic(title: string, cookedPosts: string[]) {
  const store = backend.forum.store;
  const category = [...store.categories.values()].find((row) => row.name === 'The Red Shoes (1948)')!;
  const username = [...store.users.values()][0]!.username;
  const [first, ...rest] = cookedPosts;
  const topic = store.addTopic({ title, categoryId: category.id, username, raw: title, cooked: first! });
  for (const cooked of rest) store.addPost({ topicId: topic.id, username, raw: title, cooked });
  return topic;
}

describe.each(['http', 'ipc'] as const)('keeping pictures over %s', (transport) => {
  const api = (): ForumApi => (transport === 'http' ? backend.api : backend.ipcApi);

  it('keeps each picture of the favourite-scenes thread once, and every post finds its pictures by the address it writes', async () => {
    backend = await startReaderBackend();
    db = freshDb();
    await addSampleForumOnce(db, api());
    const summary = await syncForum(db, api(), SAMPLE_FORUM_ID);
    expect(summary.status).toBe('completed');
    expect(summary.images).toEqual({ kept: SEED_PICTURES, failed: 0, requests: SEED_PICTURES });

    const images = await db.images.toArray();
    expect(images).toHaveLength(SEED_PICTURES);
    for (const image of images) {
      const head = new Uint8Array(await image.bytes.slice(0, 4).arrayBuffer());
      expect([...head.slice(0, MAGIC[image.mime as keyof typeof MAGIC].length)], image.mime).toEqual([...MAGIC[image.mime as keyof typeof MAGIC]]);
      expect(image.byteLength).toBe(image.bytes.size);
      expect(image.forumIds).toEqual([SAMPLE_FORUM_ID]);
    }
    const uses = await db.imageUses.toArray();
    expect(uses.every((use) => use.hash !== undefined && use.url.startsWith('/uploads/'))).toBe(true);
    // Each post's HTML names its pictures as the page will look them up.
    for (const use of uses) {
      const post = await db.posts.get(use.postId);
      expect(post?.html).toContain(`src="${use.url}"`);
      expect((await picturesOfPost(db, use.postId)).get(use.url)).toMatchObject({ kept: true });
    }
    // A second sync with nothing new fetches no picture.
    const before = uploadRequests().length;
    expect((await syncForum(db, api(), SAMPLE_FORUM_ID)).images).toEqual({ kept: 0, failed: 0, requests: 0 });
    expect(uploadRequests()).toHaveLength(before);
  });
});

describe('keeping pictures', () => {
  it('fetches no picture of a batch before the renderer has committed its text', async () => {
    backend = await startReaderBackend();
    db = freshDb();
    await addSampleForumOnce(db, backend.api);
    const request = await buildSyncRequest(db, SAMPLE_FORUM_ID);
    expect(request.keepImages).toBe(true);
    const images: SyncImage[] = [];
    const offImage = backend.api.on('syncImage', (image) => {
      images.push(image);
      if (image.outcome.kept && image.outcome.held) void backend.api.takeSyncImage({ runId: image.runId, hash: image.outcome.hash, want: false });
    });
    // The first batch with posts is held back; every other is acknowledged at once.
    let holding = false;
    const batch = new Promise<{ runId: string; seq: number }>((resolve) => {
      backend.api.on('syncBatch', (received) => {
        if (holding || received.posts.length === 0) return void backend.api.ackSyncBatch({ runId: received.runId, seq: received.seq });
        holding = true;
        resolve(received);
      });
    });
    const done = new Promise<void>((resolve) => backend.api.on('syncDone', () => resolve()));
    await backend.api.startSync(request);
    const held = await batch;
    // The batch with the thread's posts is out and not acknowledged: none of its pictures is asked for.
    expect(uploadRequests()).toEqual([]);
    await backend.api.ackSyncBatch(held);
    await done;
    offImage();
    expect(uploadRequests().length).toBe(SEED_PICTURES);
    expect(images.filter((image) => image.outcome.kept)).toHaveLength(SEED_PICTURES);
  });

  it('fetches an address once however many posts show it, and keeps the same bytes at two addresses once', async () => {
    backend = await startReaderBackend();
    db = freshDb();
    const png = fixture('red-shoes.png');
    const cdn = await startPictureServer({ '/copy.png': send(png), '/other.gif': send(fixture('red-shoes.gif'), 'image/gif') });
    servers.push(cdn);
    addTopic('The same pictures again', [
      `<p><img src="${cdn.url}/copy.png" alt="A copy" width="40" height="30"></p>`,
      `<p><img src="${cdn.url}/copy.png" alt="The copy again" width="40" height="30"><img src="${cdn.url}/other.gif" alt="Another" width="40" height="30"></p>`,
      `<p><img src="${cdn.url}/copy.png" alt="And again" width="40" height="30"></p>`,
    ]);
    await addSampleForumOnce(db, backend.api);
    const heldHashes: string[] = [];
    const off = backend.api.on('syncImage', (image) => image.outcome.kept && image.outcome.held && heldHashes.push(image.outcome.hash));
    const summary = await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    off();
    expect(summary.status).toBe('completed');
    expect(cdn.seen.map((request) => request.path).sort()).toEqual(['/copy.png', '/other.gif']);
    // Each set of bytes crossed to the renderer once.
    expect(new Set(heldHashes).size).toBe(heldHashes.length);
    const copyUses = await db.imageUses.where('url').equals(`${cdn.url}/copy.png`).toArray();
    expect(copyUses).toHaveLength(3);
    expect(new Set(copyUses.map((use) => use.hash)).size).toBe(1);
    expect(await db.images.count()).toBe(SEED_PICTURES + 2);
  });

  it('records why a picture was refused, and keeps the rest', async () => {
    backend = await startReaderBackend();
    db = freshDb();
    const svg = fixture('drawing.svg');
    const cdn = await startPictureServer({ '/drawing.svg': send(svg, 'image/svg+xml'), '/fine.png': send(fixture('red-shoes.png')) });
    servers.push(cdn);
    const topic = addTopic('Some pictures are not kept', [`<p><img src="${cdn.url}/gone.png" alt="A deleted still"><img src="${cdn.url}/drawing.svg" alt="A drawing"><img src="${cdn.url}/fine.png" alt="Fine"></p>`]);
    await addSampleForumOnce(db, backend.api);
    const summary = await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    expect(summary.images).toMatchObject({ kept: SEED_PICTURES + 1, failed: 2 });
    const postId = `${SAMPLE_FORUM_ID}/p/${topic.posts[0]!.id}`;
    const pictures = await picturesOfPost(db, postId);
    expect(pictures.get(`${cdn.url}/gone.png`)).toEqual({ kept: false, failure: { code: 'http_status', message: expect.stringMatching(/answered 404 \(not found/) } });
    expect(pictures.get(`${cdn.url}/drawing.svg`)).toEqual({ kept: false, failure: { code: 'svg', message: expect.stringMatching(/SVG/) } });
    expect(pictures.get(`${cdn.url}/fine.png`)).toMatchObject({ kept: true });
  });

  it('tries a picture that met a server error again on the next sync, and not one that is gone', async () => {
    backend = await startReaderBackend();
    db = freshDb();
    let answers = 0;
    const cdn = await startPictureServer({
      '/busy.png': (res) => {
        answers += 1;
        if (answers === 1) {
          res.writeHead(503, { 'content-type': 'text/html' });
          return void res.end('<h1>Busy</h1>');
        }
        send(fixture('red-shoes.png'))(res);
      },
    });
    servers.push(cdn);
    const topic = addTopic('A busy picture server', [`<p><img src="${cdn.url}/busy.png" alt="Busy"><img src="${cdn.url}/gone.png" alt="Gone"></p>`]);
    const postId = `${SAMPLE_FORUM_ID}/p/${topic.posts[0]!.id}`;
    await addSampleForumOnce(db, backend.api);
    await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    expect((await picturesOfPost(db, postId)).get(`${cdn.url}/busy.png`)).toMatchObject({ kept: false, failure: { code: 'server_error' } });
    // Nothing new in the thread: the post comes again only for its picture.
    const retried = await buildSyncRequest(db, SAMPLE_FORUM_ID);
    expect(retried.retryImagesOf?.map((post) => post.id)).toEqual([postId]);
    const summary = await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    expect(summary.postsFetched).toBe(0);
    expect((await picturesOfPost(db, postId)).get(`${cdn.url}/busy.png`)).toMatchObject({ kept: true });
    expect(cdn.seen.filter((request) => request.path === '/gone.png')).toHaveLength(1);
    expect((await buildSyncRequest(db, SAMPLE_FORUM_ID)).retryImagesOf).toEqual([]);
  });

  it('follows a redirect to another host without credentials and keeps the picture under the address the post writes', async () => {
    backend = await startReaderBackend();
    db = freshDb();
    const elsewhere = await startPictureServer({ '/moved.jpg': send(fixture('red-shoes.jpg'), 'image/jpeg') });
    servers.push(elsewhere);
    const moved = `${elsewhere.url.replace('127.0.0.1', 'localhost')}/moved.jpg`;
    const first = await startPictureServer({
      '/old.jpg': (res) => {
        res.writeHead(302, { location: moved });
        res.end();
      },
    });
    servers.push(first);
    const topic = addTopic('A picture that moved', [`<p><img src="${first.url}/old.jpg" alt="Moved"></p>`]);
    await addSampleForumOnce(db, backend.api);
    await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    expect(elsewhere.seen).toHaveLength(1);
    const headers = Object.keys(elsewhere.seen[0]!.headers).map((name) => name.toLowerCase());
    for (const credential of ['api-key', 'api-username', 'user-api-key', 'cookie', 'authorization']) expect(headers).not.toContain(credential);
    const pictures = await picturesOfPost(db, `${SAMPLE_FORUM_ID}/p/${topic.posts[0]!.id}`);
    expect(pictures.get(`${first.url}/old.jpg`)).toMatchObject({ kept: true });
  });

  it('fetches pictures in the forum’s asset budget, counted apart from its text requests', async () => {
    // When polite-http lets each request go. Real time: a budget's spacing is a lower bound that a
    // busy machine can only widen.
    const sent = { text: [] as number[], pictures: [] as number[] };
    backend = await startReaderBackend({
      http: {
        fetch: (url, init) => (sent.text.push(performance.now()), nodeFetch(url, init)),
        fetchBytes: (url, init) => (sent.pictures.push(performance.now()), nodeFetch(url, init)),
      },
      sync: { sampleForumBudget: DEFAULT_BUDGET },
    });
    db = freshDb();
    await addSampleForumOnce(db, backend.api);
    // 36 requests a minute: the pictures' share is 20 in any 10 s, one every 500 ms.
    await db.forums.update(SAMPLE_FORUM_ID, { requestsPerMinute: 36 });
    const textBefore = sent.text.length;
    const summary = await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    expect(summary.images).toEqual({ kept: SEED_PICTURES, failed: 0, requests: SEED_PICTURES });
    expect(sent.pictures).toHaveLength(SEED_PICTURES);
    // Less a few ms between a request's turn and its send.
    for (let i = 1; i < sent.pictures.length; i++) expect(sent.pictures[i]! - sent.pictures[i - 1]!).toBeGreaterThan(450);
    // The text's requests are counted as before; the pictures' apart.
    expect(summary.requests).toBe(sent.text.length - textBefore);
  });

  it('Remove forum keeping bookmarks keeps the pictures of the bookmarked and highlighted posts, and no other', async () => {
    backend = await startReaderBackend();
    db = freshDb();
    await addSampleForumOnce(db, backend.api);
    await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    const uses = await db.imageUses.toArray();
    const postsWithPictures = [...new Set(uses.map((use) => use.postId))];
    expect(postsWithPictures.length).toBeGreaterThanOrEqual(3);
    const [bookmarked, highlighted] = (await db.posts.bulkGet(postsWithPictures.slice(0, 2))).map((post) => post!);
    await toggleBookmark(db, bookmarked!);
    await db.highlights.add({ id: 'h-1', postId: highlighted!.id, threadId: highlighted!.threadId, forumId: SAMPLE_FORUM_ID, exact: 'x', prefix: '', suffix: '', note: '', tags: [], createdAt: '2026-01-02T10:00:00.000Z' });
    const keptPosts = [bookmarked!.id, highlighted!.id];
    const keptUses = uses.filter((use) => keptPosts.includes(use.postId));
    const keptHashes = new Set(keptUses.map((use) => use.hash));
    expect(keptHashes.size).toBeLessThan(SEED_PICTURES);

    await removeForum(db, SAMPLE_FORUM_ID, { keepBookmarks: true });
    expect(await db.posts.count()).toBe(0);
    // Only the kept posts' pictures stay, each once, and the kept posts still find every one of them.
    expect(new Set((await db.images.toArray()).map((image) => image.hash))).toEqual(keptHashes);
    expect((await db.imageUses.toArray()).map((use) => use.postId).sort()).toEqual(keptUses.map((use) => use.postId).sort());
    for (const use of keptUses) expect((await picturesOfPost(db, use.postId)).get(use.url)).toMatchObject({ kept: true });

    // The highlight goes later: at the next check of the limits its post's pictures go too, the bookmarked one's stay.
    await db.highlights.delete('h-1');
    expect(await releaseImagesOfUnkeptPosts(db)).toBeGreaterThan(0);
    const bookmarkedUses = uses.filter((use) => use.postId === bookmarked!.id);
    expect(new Set((await db.images.toArray()).map((image) => image.hash))).toEqual(new Set(bookmarkedUses.map((use) => use.hash)));
    expect(await db.imageUses.count()).toBe(bookmarkedUses.length);
    expect(await releaseImagesOfUnkeptPosts(db)).toBe(0);
  });

  it('keeps, at the next sync after keeping is turned on, the pictures of the posts stored before', async () => {
    backend = await startReaderBackend();
    db = freshDb();
    await addSampleForumOnce(db, backend.api);
    await setKeepImages(db, SAMPLE_FORUM_ID, false);
    await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    expect(await db.posts.count()).toBe(18);
    expect(await db.images.count()).toBe(0);

    await setKeepImages(db, SAMPLE_FORUM_ID, true);
    // Nothing new in the thread: its stored posts come with the run only for their pictures.
    const summary = await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    expect(summary.postsFetched).toBe(0);
    expect(summary.images).toEqual({ kept: SEED_PICTURES, failed: 0, requests: SEED_PICTURES });
    for (const use of await db.imageUses.toArray()) expect((await picturesOfPost(db, use.postId)).get(use.url)).toMatchObject({ kept: true });
    // Caught up: the next run carries none of them again, and asks for no picture.
    expect((await buildSyncRequest(db, SAMPLE_FORUM_ID)).retryImagesOf).toEqual([]);
    const before = uploadRequests().length;
    expect((await syncForum(db, backend.api, SAMPLE_FORUM_ID)).images).toEqual({ kept: 0, failed: 0, requests: 0 });
    expect(uploadRequests()).toHaveLength(before);
  });

  it('fetches nothing for a forum that does not keep images', async () => {
    backend = await startReaderBackend();
    db = freshDb();
    await addSampleForumOnce(db, backend.api);
    await setSetting(db, keepImagesSetting(SAMPLE_FORUM_ID), false);
    const summary = await syncForum(db, backend.api, SAMPLE_FORUM_ID);
    expect(summary.status).toBe('completed');
    expect(summary.images).toBeUndefined();
    expect(uploadRequests()).toEqual([]);
    expect(await db.images.count()).toBe(0);
  });
});
