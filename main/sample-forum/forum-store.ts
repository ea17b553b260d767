// The sample forum's state, held in memory: direct writes for seeding and tests, the review
// queue, replay of logged contributions, and the reads the endpoints render (discourse-json.ts).
// What the posting endpoint accepts lives in posting-rules.ts; the record shapes in forum-records.ts.
import { cookMarkdown, type CookOptions } from '../../shared/cook-markdown';
import {
  POST_TYPES,
  type AddCategoryInput,
  type AddPostInput,
  type AddTopicInput,
  type AddUserInput,
  type Contribution,
  type ForumCategory,
  type ForumPost,
  type ForumTopic,
  type ForumUser,
  type PendingPost,
  type SiteInfo,
  type TopicFlags,
} from './forum-records';
import { ForumUploads } from './forum-uploads';

/** The host part of avatar paths; Discourse puts its own hostname there. */
const AVATAR_HOST = 'sample-forum.localhost';

export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'topic' : slug;
}

export class ForumStore {
  readonly site: SiteInfo;
  readonly users = new Map<number, ForumUser>();
  readonly categories = new Map<number, ForumCategory>();
  readonly topics = new Map<number, ForumTopic>();
  /** Every post ever created, deleted ones included. */
  readonly posts = new Map<number, ForumPost>();
  readonly pendingPosts: PendingPost[] = [];
  /** Pictures posted here; posts name them by `upload://` and are cooked with their real paths. */
  readonly uploads = new ForumUploads();
  /** Called with each reply or topic created through the API, so the server can persist it. */
  onContribution: ((contribution: Contribution) => void) | null = null;
  now: () => Date;

  private readonly usersByName = new Map<string, ForumUser>();
  private maxPostId = 0;
  private maxTopicId = 0;
  private maxUserId = 0;
  private maxPendingId = 0;
  private postsByIdCache: ForumPost[] | null = null;
  /**
   * Listings by category, dropped on every change. Each topic view lists its category for its
   * suggested topics; sorting every topic for each of them made the forum, not the reader, the
   * busiest part of a big sync on the same computer.
   */
  private readonly listings = new Map<number | null, readonly ForumTopic[]>();

  constructor(options: { site: SiteInfo; now?: () => Date }) {
    this.site = options.site;
    this.now = options.now ?? (() => new Date());
  }

  // ---- users and categories ----

  addUser(input: AddUserInput): ForumUser {
    const id = input.id ?? this.maxUserId + 1;
    if (this.users.has(id)) throw new Error(`user id ${id} already exists`);
    if (this.usersByName.has(input.username.toLowerCase())) throw new Error(`username ${input.username} already exists`);
    const user: ForumUser = {
      id,
      username: input.username,
      name: input.name ?? '',
      trustLevel: input.trustLevel ?? 1,
      admin: input.admin ?? false,
      moderator: input.moderator ?? false,
      createdAt: input.createdAt ?? this.timestamp(),
      avatarTemplate: avatarTemplateFor(id, input.username),
    };
    this.users.set(id, user);
    this.usersByName.set(user.username.toLowerCase(), user);
    this.maxUserId = Math.max(this.maxUserId, id);
    return user;
  }

  userByUsername(username: string): ForumUser | undefined {
    return this.usersByName.get(username.toLowerCase());
  }

  requireUser(username: string): ForumUser {
    const user = this.userByUsername(username);
    if (!user) throw new Error(`no user ${username}`);
    return user;
  }

  ensureUser(input: AddUserInput): ForumUser {
    return this.userByUsername(input.username) ?? this.addUser(input);
  }

  addCategory(input: AddCategoryInput): ForumCategory {
    this.listings.clear();
    const id = input.id ?? Math.max(0, ...this.categories.keys()) + 1;
    if (this.categories.has(id)) throw new Error(`category id ${id} already exists`);
    const category: ForumCategory = {
      id,
      name: input.name,
      slug: input.slug ?? slugify(input.name),
      description: input.description ?? '',
      color: input.color ?? '0088CC',
      textColor: input.textColor ?? 'FFFFFF',
      position: input.position ?? this.categories.size,
      parentCategoryId: input.parentCategoryId ?? null,
    };
    this.categories.set(id, category);
    return category;
  }

  // ---- direct writes, for seeding and tests ----

  addTopic(input: AddTopicInput): ForumTopic {
    this.listings.clear();
    if (!this.categories.has(input.categoryId)) throw new Error(`no category ${input.categoryId}`);
    const user = this.requireUser(input.username);
    const id = input.id ?? this.allocateTopicId();
    if (this.topics.has(id)) throw new Error(`topic id ${id} already exists`);
    const createdAt = input.createdAt ?? this.timestamp();
    const topic: ForumTopic = {
      id,
      title: input.title,
      slug: input.slug ?? slugify(input.title),
      categoryId: input.categoryId,
      userId: user.id,
      createdAt,
      bumpedAt: createdAt,
      lastPostedAt: createdAt,
      pinned: input.pinned ?? false,
      pinnedGlobally: input.pinnedGlobally ?? false,
      closed: input.closed ?? false,
      archived: false,
      visible: input.visible ?? true,
      requiresApproval: input.requiresApproval ?? false,
      views: input.views ?? 0,
      deletedAt: null,
      posts: [],
      highestPostNumber: 0,
      numberedThrough: 0,
    };
    this.topics.set(id, topic);
    this.maxTopicId = Math.max(this.maxTopicId, id);
    this.addPost({
      topicId: id,
      username: input.username,
      raw: input.raw,
      createdAt,
      ...(input.postId !== undefined && { id: input.postId }),
      ...(input.cookOptions && { cookOptions: input.cookOptions }),
      ...(input.cooked !== undefined && { cooked: input.cooked }),
    });
    return topic;
  }

  addPost(input: AddPostInput): ForumPost {
    this.listings.clear();
    const topic = this.requireTopic(input.topicId);
    const user = this.requireUser(input.username);
    const id = input.id ?? this.allocatePostId();
    if (this.posts.has(id)) throw new Error(`post id ${id} already exists`);
    const postNumber = input.postNumber ?? topic.numberedThrough + 1;
    if (postNumber <= topic.numberedThrough) {
      throw new Error(`post number ${postNumber} is not after ${topic.numberedThrough} in topic ${topic.id}`);
    }
    const createdAt = input.createdAt ?? this.timestamp();
    const replyTo = input.replyToPostNumber ?? null;
    const repliedTo = replyTo === null ? undefined : postByNumber(topic, replyTo);
    const post: ForumPost = {
      id,
      topicId: topic.id,
      postNumber,
      userId: user.id,
      raw: input.raw,
      cooked: input.cooked ?? this.cook(input.raw, input.cookOptions),
      ...(input.cookOptions && { cookOptions: input.cookOptions }),
      createdAt,
      updatedAt: createdAt,
      version: 1,
      postType: input.postType ?? POST_TYPES.regular,
      // Discourse drops a reply target that does not exist.
      replyToPostNumber: repliedTo ? replyTo : null,
      replyCount: 0,
      quoteCount: countQuotes(input.raw),
      reads: input.reads ?? 1,
      score: input.score ?? 0,
      likeCount: input.likeCount ?? 0,
      hidden: false,
      deletedAt: null,
    };
    if (repliedTo) repliedTo.replyCount += 1;
    topic.posts.push(post);
    topic.highestPostNumber = postNumber;
    topic.numberedThrough = postNumber;
    if (createdAt > topic.lastPostedAt || topic.posts.length === 1) topic.lastPostedAt = createdAt;
    if (createdAt > topic.bumpedAt) topic.bumpedAt = createdAt;
    this.posts.set(id, post);
    if (id > this.maxPostId) this.maxPostId = id;
    else this.postsByIdCache = null;
    if (this.postsByIdCache) this.postsByIdCache.push(post);
    return post;
  }

  /** A revision: Discourse bumps `version` and `updated_at`, and re-cooks. */
  editPost(postId: number, raw: string, options: { at?: string } = {}): ForumPost {
    this.listings.clear();
    const post = this.requireLivePost(postId);
    post.raw = raw;
    delete post.cookOptions;
    post.cooked = this.cook(raw);
    post.quoteCount = countQuotes(raw);
    post.version += 1;
    post.updatedAt = options.at ?? this.timestamp();
    return post;
  }

  /** Discourse cooks the Markdown, then its post processor resolves uploads into lightboxes. */
  private cook(raw: string, options?: CookOptions): string {
    return this.uploads.resolveInCooked(cookMarkdown(raw, options));
  }

  /**
   * Removes a post from its topic's stream; its number is never reused. Deleting the first post
   * deletes the topic, as in Discourse. The topic's counters are then those of its live posts, as
   * Discourse's PostDestroyer#perform_delete leaves them through Topic.reset_highest
   * (app/models/topic.rb): highest_post_number is the highest live number (lower when the last
   * post went), posts_count the live posts, last_posted_at the newest live post's created_at.
   * bumped_at stays: only a new post or a moderator's "reset bump date" moves it, so the topic
   * keeps its place in /latest.
   */
  deletePost(postId: number, options: { at?: string } = {}): void {
    this.listings.clear();
    const post = this.requireLivePost(postId);
    const topic = this.requireTopic(post.topicId);
    const at = options.at ?? this.timestamp();
    if (post.postNumber === 1) {
      topic.deletedAt = at;
      return;
    }
    post.deletedAt = at;
    topic.posts = topic.posts.filter((p) => p.id !== postId);
    topic.highestPostNumber = topic.posts[topic.posts.length - 1]?.postNumber ?? 0;
    topic.lastPostedAt = topic.posts.reduce((newest, p) => (p.createdAt > newest ? p.createdAt : newest), topic.createdAt);
    const repliedTo = post.replyToPostNumber === null ? undefined : postByNumber(topic, post.replyToPostNumber);
    if (repliedTo && repliedTo.replyCount > 0) repliedTo.replyCount -= 1;
  }

  hidePost(postId: number, hidden = true): ForumPost {
    this.listings.clear();
    const post = this.requireLivePost(postId);
    post.hidden = hidden;
    return post;
  }

  updateTopic(topicId: number, flags: TopicFlags): ForumTopic {
    this.listings.clear();
    const topic = this.requireTopic(topicId);
    Object.assign(topic, flags);
    return topic;
  }

  // ---- the review queue (posting-rules.ts decides what goes in) ----

  enqueuePending(input: Omit<PendingPost, 'id'>): PendingPost {
    this.maxPendingId += 1;
    const pending: PendingPost = { id: this.maxPendingId, ...input };
    this.pendingPosts.push(pending);
    return pending;
  }

  approvePendingPost(pendingId: number): ForumPost {
    const index = this.pendingPosts.findIndex((p) => p.id === pendingId);
    const pending = this.pendingPosts[index];
    if (!pending) throw new Error(`no pending post ${pendingId}`);
    this.pendingPosts.splice(index, 1);
    const user = this.users.get(pending.userId) as ForumUser;
    return this.addPost({
      topicId: pending.topicId,
      username: user.username,
      raw: pending.raw,
      replyToPostNumber: pending.replyToPostNumber,
    });
  }

  // ---- replay of what the API added before a restart ----

  /**
   * Re-applies a logged contribution at start-up. Returns false (and changes nothing) when it no
   * longer fits this forum, e.g. a reply logged against a different generated forum.
   */
  replay(contribution: Contribution): boolean {
    if (this.posts.has(contribution.kind === 'reply' ? contribution.id : contribution.postId)) return false;
    const user = this.ensureUser({ username: contribution.username, name: contribution.username });
    if (contribution.kind === 'topic') {
      if (!this.categories.has(contribution.categoryId) || this.topics.has(contribution.id)) return false;
      this.addTopic({
        id: contribution.id,
        postId: contribution.postId,
        title: contribution.title,
        categoryId: contribution.categoryId,
        username: user.username,
        raw: contribution.raw,
        createdAt: contribution.createdAt,
      });
      return true;
    }
    const topic = this.liveTopic(contribution.topicId);
    if (!topic || contribution.postNumber <= topic.numberedThrough) return false;
    this.addPost({
      topicId: topic.id,
      id: contribution.id,
      postNumber: contribution.postNumber,
      username: user.username,
      raw: contribution.raw,
      replyToPostNumber: contribution.replyToPostNumber,
      createdAt: contribution.createdAt,
    });
    return true;
  }

  // ---- reads ----

  liveTopic(topicId: number): ForumTopic | undefined {
    const topic = this.topics.get(topicId);
    return topic && topic.deletedAt === null ? topic : undefined;
  }

  livePost(postId: number): ForumPost | undefined {
    const post = this.posts.get(postId);
    if (!post || post.deletedAt !== null) return undefined;
    return this.liveTopic(post.topicId) ? post : undefined;
  }

  /**
   * Listed topics, pinned first, then by bumped_at descending. `categoryId` null is /latest,
   * where only globally pinned topics float; a category list also floats its own pinned topics
   * and, like Discourse by default, includes its subcategories' topics.
   */
  listTopics(categoryId: number | null): readonly ForumTopic[] {
    const known = this.listings.get(categoryId);
    if (known) return known;
    const categoryIds = categoryId === null ? null : this.categoryWithChildren(categoryId);
    const listed: ForumTopic[] = [];
    for (const topic of this.topics.values()) {
      if (topic.deletedAt !== null || !topic.visible) continue;
      if (categoryIds && !categoryIds.has(topic.categoryId)) continue;
      listed.push(topic);
    }
    const floats = (t: ForumTopic): boolean =>
      t.pinnedGlobally || (categoryId !== null && t.pinned && t.categoryId === categoryId);
    listed.sort((a, b) => {
      const pin = Number(floats(b)) - Number(floats(a));
      if (pin !== 0) return pin;
      return a.bumpedAt < b.bumpedAt ? 1 : a.bumpedAt > b.bumpedAt ? -1 : b.id - a.id;
    });
    this.listings.set(categoryId, listed);
    return listed;
  }

  categoryWithChildren(categoryId: number): Set<number> {
    const ids = new Set([categoryId]);
    for (const category of this.categories.values()) {
      if (category.parentCategoryId === categoryId) ids.add(category.id);
    }
    return ids;
  }

  /** Every post, deleted ones included, in ascending id order (for the forum-wide /posts.json feed). */
  postsById(): ForumPost[] {
    if (!this.postsByIdCache) this.postsByIdCache = [...this.posts.values()].sort((a, b) => a.id - b.id);
    return this.postsByIdCache;
  }

  timestamp(): string {
    return this.now().toISOString();
  }

  // ---- id allocation ----

  // New ids skip a few numbers now and then: on a real forum other topics, deleted posts and
  // private messages take ids in between, and the reader must not assume contiguity.
  private allocatePostId(): number {
    return this.maxPostId + 1 + (this.maxPostId % 3 === 0 ? 2 : 0);
  }

  private allocateTopicId(): number {
    return this.maxTopicId + 1 + (this.maxTopicId % 2);
  }

  private requireTopic(topicId: number): ForumTopic {
    const topic = this.topics.get(topicId);
    if (!topic) throw new Error(`no topic ${topicId}`);
    return topic;
  }

  private requireLivePost(postId: number): ForumPost {
    const post = this.livePost(postId);
    if (!post) throw new Error(`no live post ${postId}`);
    return post;
  }
}

/** The live post with this number; binary search, since mega topics hold many thousands. */
export function postByNumber(topic: ForumTopic, postNumber: number): ForumPost | undefined {
  const { posts } = topic;
  let low = 0;
  let high = posts.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const candidate = posts[mid] as ForumPost;
    if (candidate.postNumber === postNumber) return candidate;
    if (candidate.postNumber < postNumber) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
}

function countQuotes(raw: string): number {
  return raw.match(/\[quote=/gi)?.length ?? 0;
}

// Discourse serves uploaded avatars under /user_avatar/ and generated ones under
// /letter_avatar_proxy/; alternating exercises both forms of avatar_template.
function avatarTemplateFor(id: number, username: string): string {
  const name = username.toLowerCase();
  if (id % 2 === 0) return `/user_avatar/${AVATAR_HOST}/${name}/{size}/${id}_2.png`;
  const letter = (name.match(/[a-z0-9]/)?.[0] ?? 'x').toLowerCase();
  const color = ((id * 2654435761) >>> 8).toString(16).padStart(6, '0').slice(0, 6);
  return `/letter_avatar_proxy/v4/letter/${letter}/${color}/{size}.png`;
}
