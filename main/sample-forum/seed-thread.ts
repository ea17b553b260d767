// Builds the bundled sample forum from seed/: the thread text as it was captured, and the per-post
// metadata (authors, dates, ids) that the capture lacks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ForumStore } from './forum-store';

/** seed/ next to this module. Resolved lazily: a bundle without import.meta passes seedDir instead. */
export function defaultSeedDir(): string {
  return fileURLToPath(new URL('./seed/', import.meta.url));
}
const THREAD_FILE = 'the-red-shoes-favourite-scenes.txt';
const METADATA_FILE = 'sample-thread.json';
const UPLOADS_FILE = 'uploads.json';

export interface SeedThread {
  /** "MovieChat Forums > The Red Shoes (1948) Discussion > What are your favourite scenes?", split. */
  breadcrumb: string[];
  title: string;
  /** Each post's text exactly as in the file; post 1 without the title line that opens it. */
  posts: string[];
}

interface SeedMetadata {
  site: { description: string };
  category: { id: number; name: string; slug: string; color: string; text_color: string; description: string };
  topic: { id: number; slug: string; views: number };
  posts: {
    post_number: number;
    id: number;
    username: string;
    name: string;
    trust_level: number;
    created_at: string;
    reply_to_post_number: number | null;
    preformattedBlocks?: number[];
  }[];
}

/** uploads.json: the pictures posted in the thread and where each is in its post. */
export interface SeedUpload {
  file: string;
  width: number;
  height: number;
  animated?: boolean;
  thumbnails?: { file: string; width: number; height: number }[];
  dominant_color?: string;
  post_number: number;
  /** The blank-line-separated block of the post's text the picture follows (0 is the first). */
  after_block: number;
  alt: string;
}

export function readSeedUploads(seedDir: string = defaultSeedDir()): SeedUpload[] {
  return (JSON.parse(readFileSync(join(seedDir, UPLOADS_FILE), 'utf8')) as { uploads: SeedUpload[] }).uploads;
}

/** Posts are separated by two or more blank lines; within a post, paragraphs by one. */
export function parseSeedThread(text: string): SeedThread {
  const normalized = text.replace(/\r\n?/g, '\n');
  const firstBreak = normalized.indexOf('\n');
  const breadcrumb = normalized.slice(0, firstBreak).split(' > ').map((part) => part.trim());
  const body = normalized.slice(firstBreak).replace(/^\n+/, '').replace(/\n+$/, '');
  const posts = body.split(/\n(?:[ \t]*\n){2,}/);
  const first = posts[0] ?? '';
  const titleEnd = first.indexOf('\n');
  const title = titleEnd === -1 ? first : first.slice(0, titleEnd);
  posts[0] = titleEnd === -1 ? '' : first.slice(titleEnd).replace(/^\n+/, '');
  return { breadcrumb, title, posts };
}

export function loadSeedForum(options: { seedDir?: string; now?: () => Date } = {}): ForumStore {
  const seedDir = options.seedDir ?? defaultSeedDir();
  const thread = parseSeedThread(readFileSync(join(seedDir, THREAD_FILE), 'utf8'));
  const metadata = JSON.parse(readFileSync(join(seedDir, METADATA_FILE), 'utf8')) as SeedMetadata;
  if (metadata.posts.length !== thread.posts.length) {
    throw new Error(`${METADATA_FILE} describes ${metadata.posts.length} posts but ${THREAD_FILE} has ${thread.posts.length}`);
  }

  const store = new ForumStore({
    site: { title: thread.breadcrumb[0] ?? 'Sample Forum', description: metadata.site.description },
    ...(options.now && { now: options.now }),
  });
  const firstPost = metadata.posts[0];
  for (const post of metadata.posts) {
    store.ensureUser({
      username: post.username,
      name: post.name,
      trustLevel: post.trust_level,
      createdAt: firstPost?.created_at ?? post.created_at,
    });
  }
  const category = store.addCategory({
    id: metadata.category.id,
    name: metadata.category.name,
    slug: metadata.category.slug,
    color: metadata.category.color,
    textColor: metadata.category.text_color,
    description: metadata.category.description,
    position: 0,
  });

  const { topic: topicMeta } = metadata;
  let topicId = topicMeta.id;
  const picturesByPost = addSeedUploads(store, seedDir, metadata.posts);
  metadata.posts.forEach((meta, index) => {
    const raw = withPictures(thread.posts[index] as string, picturesByPost.get(meta.post_number) ?? []);
    const cookOptions = meta.preformattedBlocks ? { preformattedBlocks: meta.preformattedBlocks } : undefined;
    // Old threads have been read a lot, early posts most of all.
    const reads = Math.round((topicMeta.views * 0.4) / (1 + index * 0.2));
    if (index === 0) {
      topicId = store.addTopic({
        id: topicMeta.id,
        slug: topicMeta.slug,
        title: thread.title,
        categoryId: category.id,
        username: meta.username,
        raw,
        createdAt: meta.created_at,
        postId: meta.id,
        views: topicMeta.views,
        ...(cookOptions && { cookOptions }),
      }).id;
      const opening = store.posts.get(meta.id);
      if (opening) opening.reads = reads;
      return;
    }
    store.addPost({
      topicId,
      id: meta.id,
      postNumber: meta.post_number,
      username: meta.username,
      raw,
      createdAt: meta.created_at,
      replyToPostNumber: meta.reply_to_post_number,
      reads,
      score: Math.round(reads / 5),
      likeCount: (index * 7) % 4,
      ...(cookOptions && { cookOptions }),
    });
  });
  return store;
}

/** Adds uploads.json's files to the store; returns each post's pictures as raw Markdown by block. */
function addSeedUploads(store: ForumStore, seedDir: string, posts: SeedMetadata['posts']): Map<number, { afterBlock: number; markdown: string }[]> {
  const byPost = new Map<number, { afterBlock: number; markdown: string }[]>();
  const read = (file: string): Buffer => readFileSync(join(seedDir, 'uploads', file));
  for (const seed of readSeedUploads(seedDir)) {
    const post = posts.find((p) => p.post_number === seed.post_number);
    if (!post) throw new Error(`${UPLOADS_FILE}: ${seed.file} is placed in post ${seed.post_number}, which ${METADATA_FILE} does not describe`);
    const upload = store.uploads.add({
      bytes: read(seed.file),
      originalFilename: seed.file,
      width: seed.width,
      height: seed.height,
      animated: seed.animated ?? false,
      thumbnails: (seed.thumbnails ?? []).map((t) => ({ width: t.width, height: t.height, bytes: read(t.file) })),
      ...(seed.dominant_color !== undefined && { dominantColor: seed.dominant_color }),
      createdAt: post.created_at,
    });
    const list = byPost.get(seed.post_number) ?? [];
    list.push({ afterBlock: seed.after_block, markdown: store.uploads.markdownFor(upload, seed.alt) });
    byPost.set(seed.post_number, list);
  }
  return byPost;
}

/** The post's text with each picture as a paragraph of its own after the block it follows. */
export function withPictures(raw: string, pictures: readonly { afterBlock: number; markdown: string }[]): string {
  if (pictures.length === 0) return raw;
  // Even indexes are blocks, odd ones the blank lines between them.
  const parts = raw.split(/(\n(?:[ \t]*\n)+)/);
  const lastBlock = (parts.length - 1) / 2;
  return parts
    .map((part, index) => {
      if (index % 2 === 1) return part;
      const here = pictures.filter((picture) => Math.min(picture.afterBlock, lastBlock) === index / 2);
      return [part, ...here.map((picture) => picture.markdown)].join('\n\n');
    })
    .join('');
}
