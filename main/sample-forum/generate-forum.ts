// Builds large, deterministic forums for sync and performance tests. The content imitates a film
// discussion board with the markup real posts carry (quotes of earlier posts, mentions, images,
// links, code blocks), ids interleaved across topics in creation order, and gaps in post numbers.
import { cookMarkdown } from '../../shared/cook-markdown';
import { ForumStore, slugify } from './forum-store';
import { drawStill, GENERATED_PICTURE_SIZE } from './generated-pictures';
import { SeededRandom } from './seeded-random';

export interface GenerateForumOptions {
  boards: number;
  threadsPerBoard: number;
  /** Posts in each thread; a function gets the thread's index across the whole forum (board-major). */
  postsPerThread: number | ((threadIndex: number, boardIndex: number) => number);
  seed: number;
  title?: string;
  /** The store's clock, for replies posted later. */
  now?: () => Date;
  /**
   * One uploaded picture (a different PNG each, served by the forum) every this many posts, in
   * place of the hotlinked stills; absent, posts hotlink a still now and then instead.
   */
  pictureEvery?: number;
}

const DAY_MS = 86_400_000;
const FIRST_THREAD_MS = Date.UTC(2015, 0, 1);
const LAST_THREAD_MS = Date.UTC(2024, 5, 1);
/** Share of post numbers left unused, as deleted posts leave them. */
const DELETED_POST_RATE = 0.01;

interface ThreadPlan {
  boardIndex: number;
  indexInBoard: number;
  postCount: number;
  createdMs: number;
  topicId: number;
}

interface ThreadFlags {
  pinned: boolean;
  pinnedGlobally: boolean;
  closed: boolean;
  views: number;
}

interface PlannedPost {
  postNumber: number;
  authorIndex: number;
  createdMs: number;
  raw: string;
  cooked: string;
  replyTo: number | null;
  /** The upload this post shows, by its index among the forum's pictures. */
  picture?: number;
}

export function generateForum(options: GenerateForumOptions): ForumStore {
  const rng = new SeededRandom(options.seed);
  const postsFor = typeof options.postsPerThread === 'number' ? () => options.postsPerThread as number : options.postsPerThread;

  const threads: ThreadPlan[] = [];
  for (let b = 0; b < options.boards; b += 1) {
    for (let t = 0; t < options.threadsPerBoard; t += 1) {
      const postCount = Math.max(1, Math.floor(postsFor(threads.length, b)));
      threads.push({
        boardIndex: b,
        indexInBoard: t,
        postCount,
        createdMs: FIRST_THREAD_MS + Math.floor(rng.next() * (LAST_THREAD_MS - FIRST_THREAD_MS)),
        topicId: 0,
      });
    }
  }
  const totalPosts = threads.reduce((sum, t) => sum + t.postCount, 0);

  // Topic ids follow creation time, with the gaps that deleted topics and messages leave.
  let nextTopicId = 10;
  for (const thread of [...threads].sort((a, b) => a.createdMs - b.createdMs)) {
    thread.topicId = nextTopicId;
    nextTopicId += 1 + (rng.chance(0.2) ? rng.int(1, 4) : 0);
  }

  const users = makeUsers(rng, Math.min(3000, Math.max(30, Math.ceil(totalPosts / 40))));
  const boards = makeBoards(options.boards);

  const pool = Array.from({ length: PARAGRAPH_POOL_SIZE }, () => paragraph(rng));
  const posts: PlannedPost[] = [];
  const titles: string[] = [];
  const flags: ThreadFlags[] = [];
  threads.forEach((thread, threadIndex) => {
    const board = boards[thread.boardIndex] as BoardPlan;
    titles.push(thread.indexInBoard === 0 ? `Welcome to ${board.name}: read this first` : threadTitle(rng));
    flags.push({
      pinned: thread.indexInBoard === 0,
      // The first board's welcome thread is pinned site-wide, so /latest has a floating topic too.
      pinnedGlobally: threadIndex === 0,
      closed: rng.chance(0.03),
      views: rng.int(thread.postCount * 3, thread.postCount * 40 + 50),
    });
    writeThread(rng, thread, threadIndex, board.slug, users, posts, pool, options.pictureEvery);
  });

  // Post ids follow creation time across the whole forum, so a topic's ids interleave with others'.
  const times = Float64Array.from(posts, (p) => p.createdMs);
  const order = new Uint32Array(posts.length).map((_, i) => i);
  order.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
  const ids = new Int32Array(posts.length);
  let nextPostId = 100;
  for (const index of order) {
    ids[index] = nextPostId;
    nextPostId += 1 + (rng.chance(0.1) ? rng.int(1, 3) : 0);
  }

  const store = new ForumStore({
    site: {
      title: options.title ?? 'Generated Film Forum',
      description: `A generated forum (seed ${options.seed}) of ${threads.length} threads and ${totalPosts} posts, for testing.`,
    },
    ...(options.now && { now: options.now }),
  });
  users.forEach((user, index) =>
    store.addUser({
      id: index + 2,
      username: user.username,
      name: user.name,
      trustLevel: user.trustLevel,
      createdAt: new Date(FIRST_THREAD_MS - DAY_MS * (index % 300)).toISOString(),
    }),
  );
  // Category ids skip a few too (Uncategorized and deleted categories take some).
  const categoryIds = boards.map((board, index) =>
    store.addCategory({
      id: 5 + index + Math.floor(index / 3),
      name: board.name,
      slug: board.slug,
      description: board.description,
      color: board.color,
      position: index,
    }).id,
  );

  // Uploads go in after the store exists: it names each picture by its bytes and cooks its lightbox.
  let pictures = 0;
  for (const post of posts) {
    if (post.picture === undefined) continue;
    const upload = store.uploads.add({
      bytes: drawStill(post.picture),
      originalFilename: `still-${post.picture}.png`,
      ...GENERATED_PICTURE_SIZE,
      createdAt: new Date(post.createdMs).toISOString(),
    });
    const markdown = store.uploads.markdownFor(upload, `${NOUNS[post.picture % NOUNS.length]} still ${(pictures += 1)}`);
    post.raw = `${post.raw}\n\n${markdown}`;
    post.cooked = `${post.cooked}\n${store.uploads.resolveInCooked(cookMarkdown(markdown))}`;
  }

  let postIndex = 0;
  threads.forEach((thread, threadIndex) => {
    const flag = flags[threadIndex] as ThreadFlags;
    for (let n = 0; n < thread.postCount; n += 1, postIndex += 1) {
      const post = posts[postIndex] as PlannedPost;
      const username = (users[post.authorIndex] as UserPlan).username;
      const createdAt = new Date(post.createdMs).toISOString();
      const reads = Math.max(1, Math.round(flag.views / (2 + n / 10)));
      if (n === 0) {
        store.addTopic({
          id: thread.topicId,
          postId: ids[postIndex] as number,
          title: titles[threadIndex] as string,
          categoryId: categoryIds[thread.boardIndex] as number,
          username,
          raw: post.raw,
          cooked: post.cooked,
          createdAt,
          pinned: flag.pinned,
          pinnedGlobally: flag.pinnedGlobally,
          closed: flag.closed,
          views: flag.views,
        });
        const first = store.posts.get(ids[postIndex] as number);
        if (first) first.reads = reads;
        continue;
      }
      store.addPost({
        topicId: thread.topicId,
        id: ids[postIndex] as number,
        postNumber: post.postNumber,
        username,
        raw: post.raw,
        cooked: post.cooked,
        createdAt,
        replyToPostNumber: post.replyTo,
        reads,
        score: Math.round(reads / 4),
        likeCount: rng.chance(0.3) ? rng.int(1, 12) : 0,
      });
    }
  });
  return store;
}

// ---- people and places ----

interface UserPlan {
  username: string;
  name: string;
  trustLevel: number;
}

const FIRST_NAMES = ['Ada', 'Bruno', 'Chiara', 'Dmitri', 'Elena', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kemal', 'Lena', 'Marco', 'Nadia', 'Oskar', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tamsin', 'Ugo', 'Vera', 'Wen', 'Ximena', 'Yusuf', 'Zofia'];
const LAST_NAMES = ['Abbott', 'Brandt', 'Castillo', 'Duval', 'Eriksen', 'Fontaine', 'Gallo', 'Horvat', 'Ivanova', 'Jansen', 'Kowalski', 'Lindqvist', 'Moreau', 'Novak', "O'Neill", 'Petrov', 'Quist', 'Rossi', 'Sato', 'Thorne', 'Urquhart', 'Varga', 'Weiss', 'Young', 'Zeller'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'an', 'el', 'or', 'ix', 'um', 'ba', 'de', 'fi', 'go'];
const HANDLE_WORDS = ['reel', 'frame', 'noir', 'matinee', 'splice', 'dolly', 'gaffer', 'reverie', 'lumiere', 'kino', 'celluloid', 'fade', 'iris', 'montage'];

function makeUsers(rng: SeededRandom, count: number): UserPlan[] {
  const taken = new Set<string>(['system', 'sample_reader']);
  const users: UserPlan[] = [];
  while (users.length < count) {
    let username = rng.chance(0.5)
      ? `${rng.pick(HANDLE_WORDS)}_${rng.pick(SYLLABLES)}${rng.pick(SYLLABLES)}`
      : `${rng.pick(SYLLABLES)}${rng.pick(SYLLABLES)}${rng.pick(SYLLABLES)}${rng.chance(0.4) ? rng.int(1, 99) : ''}`;
    while (taken.has(username)) username += rng.int(0, 9);
    taken.add(username);
    // Discourse allows an empty display name, and the reader must cope with it.
    const name = rng.chance(0.1) ? '' : `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    users.push({ username, name, trustLevel: rng.pick([0, 1, 1, 1, 2, 2, 3, 4]) });
  }
  return users;
}

interface BoardPlan {
  name: string;
  slug: string;
  description: string;
  color: string;
}

const BOARD_NAMES = ['General Discussion', 'Film Noir', 'Silent Era', 'Musicals', 'Westerns', 'Science Fiction', 'World Cinema', 'Documentaries', 'Animation', 'Horror', 'Restorations & Home Video', 'Screenwriting', 'Cinematography', 'Festivals', 'Soundtracks', 'Off Topic'];
const COLORS = ['0088CC', 'BF1E2E', '3AB54A', 'F7941D', '652D90', '25AAE2', 'ED207B', '8C6238', '231F20', '12A89D'];

function makeBoards(count: number): BoardPlan[] {
  return Array.from({ length: count }, (_, index) => {
    const base = BOARD_NAMES[index % BOARD_NAMES.length] as string;
    const round = Math.floor(index / BOARD_NAMES.length);
    const name = round === 0 ? base : `${base} ${round + 1}`;
    return {
      name,
      slug: slugify(name),
      description: `Threads about ${name.toLowerCase()}.`,
      color: COLORS[index % COLORS.length] as string,
    };
  });
}

// ---- text ----

const FILM_FIRST = ['The Silent', 'Night of the', 'A Letter from the', 'The Glass', 'Return to the', 'Shadows over the', 'The Last', 'Song of the', 'The Paper', 'Beyond the'];
const FILM_SECOND = ['Harbour', 'Paper Moon', 'Lighthouse', 'Ballerina', 'Orchard', 'Signal', 'Carnival', 'Frontier', 'Archive', 'Winter Garden'];
const ADJECTIVES = ['memorable', 'haunting', 'underrated', 'overlong', 'gorgeous', 'clumsy', 'brilliant', 'bleak', 'luminous', 'strange', 'restrained', 'lavish', 'tender', 'gritty', 'dreamlike'];
const NOUNS = ['opening scene', 'score', 'final shot', 'ballet sequence', 'lighting', 'dialogue', 'ending', 'montage', 'set design', 'costumes', 'screenplay', 'restoration', 'colour grading', 'editing', 'cast'];
const VERDICTS = ['still holds up', 'gets better on every viewing', 'steals the show', 'feels rushed', 'falls flat for me', 'is the reason I rewatch it', 'deserves more credit', 'was cut in some prints', 'looks stunning on the new transfer', 'divides people'];
const OPENERS = ['Honestly,', 'For me,', 'I think', 'Funny thing:', 'Maybe it is just me, but', 'On a second viewing,', 'Agreed, and', 'I disagree a little:'];
const TITLE_PATTERNS: ((film: string, rng: SeededRandom) => string)[] = [
  (film) => `What are your favourite scenes in ${film}?`,
  (film, rng) => `${film} (${rng.int(1925, 1975)}): first impressions`,
  (film) => `Is ${film} underrated?`,
  (film, rng) => `The ${rng.pick(NOUNS)} in ${film}`,
  (film) => `${film} restoration: worth buying again?`,
  (_film, rng) => `Best ${rng.pick(NOUNS)} of the ${rng.int(192, 197)}0s?`,
  (film, rng) => `Just watched ${film} for the ${rng.pick(['first', 'second', 'tenth'])} time`,
];

function filmTitle(rng: SeededRandom): string {
  return `${rng.pick(FILM_FIRST)} ${rng.pick(FILM_SECOND)}`;
}

function threadTitle(rng: SeededRandom): string {
  return rng.pick(TITLE_PATTERNS)(filmTitle(rng), rng);
}

function sentence(rng: SeededRandom): string {
  switch (rng.int(0, 3)) {
    case 0:
      return `The ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)} ${rng.pick(VERDICTS)}.`;
    case 1:
      return `${rng.pick(OPENERS)} the ${rng.pick(NOUNS)} in ${filmTitle(rng)} ${rng.pick(VERDICTS)}.`;
    case 2:
      return `Has anyone seen the ${rng.int(1995, 2023)} ${rng.pick(['restoration', 'blu-ray', 'festival print', 'director’s cut'])}? The ${rng.pick(NOUNS)} is ${rng.pick(ADJECTIVES)}.`;
    default: {
      const first = rng.int(0, ADJECTIVES.length - 1);
      const second = (first + rng.int(1, ADJECTIVES.length - 1)) % ADJECTIVES.length;
      return `I keep coming back to the ${rng.pick(NOUNS)}; it is ${ADJECTIVES[first]} and ${ADJECTIVES[second]}.`;
    }
  }
}

interface Block {
  raw: string;
  cooked: string;
}

/** Blank-line-separated blocks cook independently, so a post's cooked HTML is its blocks' joined. */
function block(raw: string): Block {
  return { raw, cooked: cookMarkdown(raw) };
}

function paragraph(rng: SeededRandom): Block {
  const count = rng.int(1, 3);
  const parts: string[] = [];
  for (let i = 0; i < count; i += 1) parts.push(sentence(rng));
  // Some paragraphs keep the author's line breaks, which Discourse renders as <br>.
  return block(parts.join(rng.chance(0.15) ? '\n' : ' '));
}

// Composing every paragraph afresh made 100k-post forums slow to build; posts draw their plain
// paragraphs from a pool instead, and only quotes, mentions, images, links and code are per post.
const PARAGRAPH_POOL_SIZE = 4096;

const CODE_SAMPLES = [
  '00:01:23,456 --> 00:01:25,000\nSee this baton?\n\n00:01:25,100 --> 00:01:26,900\nWell, follow it!',
  'ffmpeg -i reel1.mkv -vf "crop=1440:1080" -c:a copy reel1-4x3.mkv',
  'Runtime: 133 min\nAspect ratio: 1.37:1\nColour: Technicolor (3-strip)',
];

function writeThread(
  rng: SeededRandom,
  thread: ThreadPlan,
  threadIndex: number,
  boardSlug: string,
  users: UserPlan[],
  out: PlannedPost[],
  pool: Block[],
  pictureEvery: number | undefined,
): void {
  const start = out.length;
  const participants = Array.from({ length: Math.min(users.length, thread.postCount > 1000 ? 200 : rng.int(2, 12)) }, () =>
    rng.int(0, users.length - 1),
  );
  const op = participants[0] as number;
  // Long threads post faster, so a mega thread spans months rather than decades.
  const gapScale = Math.min(1, 200 / thread.postCount);
  let createdMs = thread.createdMs + rng.int(0, 999);
  let postNumber = 0;
  for (let n = 0; n < thread.postCount; n += 1) {
    postNumber += n > 0 && rng.chance(DELETED_POST_RATE) ? 2 : 1;
    if (n > 0) createdMs += Math.floor((60_000 + rng.next() ** 3 * 3 * DAY_MS) * gapScale) + 1;
    const authorIndex = n === 0 ? op : rng.chance(0.15) ? op : rng.chance(0.8) ? rng.pick(participants) : rng.int(0, users.length - 1);
    const blocks: Block[] = [];
    let replyTo: number | null = null;
    if (n > 0 && rng.chance(0.15)) {
      // Quote a recent post, as people reply to what is on screen.
      const quoted = out[start + Math.max(0, n - 1 - Math.floor(rng.next() ** 2 * Math.min(n, 30)))] as PlannedPost;
      const quotedName = (users[quoted.authorIndex] as UserPlan).username;
      const firstSentence = firstSentenceOf(quoted.raw);
      blocks.push(block(`[quote="${quotedName}, post:${quoted.postNumber}, topic:${thread.topicId}"]\n${firstSentence}\n[/quote]`));
      replyTo = quoted.postNumber;
    } else if (n > 0 && rng.chance(0.2)) {
      replyTo = (out[start + rng.int(0, n - 1)] as PlannedPost).postNumber;
    }
    const paragraphs = rng.int(1, 3);
    for (let p = 0; p < paragraphs; p += 1) blocks.push(rng.pick(pool));
    if (n > 0 && rng.chance(0.08)) {
      const mentioned = (users[rng.pick(participants)] as UserPlan).username;
      blocks[blocks.length - 1] = block(`@${mentioned} ${(blocks[blocks.length - 1] as Block).raw}`);
    }
    const hotlinks = rng.chance(0.05);
    const picture = pictureEvery !== undefined && out.length % pictureEvery === pictureEvery - 1 ? Math.floor(out.length / pictureEvery) : undefined;
    if (hotlinks && pictureEvery === undefined) {
      blocks.push(block(`![${rng.pick(NOUNS)} still](https://images.example.invalid/${boardSlug}/${thread.topicId}-${postNumber}.jpg)`));
    }
    if (rng.chance(0.06)) {
      blocks.push(
        block(
          rng.chance(0.5)
            ? `There is more in [the restoration notes](https://films.example.org/notes/${threadIndex}).`
            : `Source: https://films.example.org/archive/${thread.topicId}?page=${rng.int(1, 9)}`,
        ),
      );
    }
    if (rng.chance(0.03)) blocks.push(block(`\`\`\`\n${rng.pick(CODE_SAMPLES)}\n\`\`\``));
    out.push({
      postNumber,
      authorIndex,
      createdMs,
      raw: blocks.map((b) => b.raw).join('\n\n'),
      cooked: blocks.map((b) => b.cooked).join('\n'),
      replyTo,
      ...(picture !== undefined && { picture }),
    });
  }
}

/** The opening sentence of a post's own words (after any quote), for quoting it. */
function firstSentenceOf(raw: string): string {
  const quoteEnd = raw.lastIndexOf('[/quote]');
  const own = quoteEnd === -1 ? raw : raw.slice(quoteEnd + '[/quote]'.length).trimStart();
  const end = own.search(/[.?!](\s|$)/);
  return end === -1 ? own : own.slice(0, end + 1);
}
