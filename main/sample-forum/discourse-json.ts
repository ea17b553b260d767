// Renders the store as Discourse's JSON. Field names, nesting and null/absent conventions follow
// real responses (see the fixtures of discourse_api and discourse_api_docs) because the reader's
// adapter is written against the real API, not against this server.
import { escapeHtml } from '../../shared/cook-markdown';
import { excerptOf } from './excerpt';
import { POST_TYPES, type ForumCategory, type ForumPost, type ForumTopic, type ForumUser, type PendingPost } from './forum-records';
import { postByNumber, type ForumStore } from './forum-store';

export const DISCOURSE_VERSION = '3.4.0';
export const CHUNK_SIZE = 20;
export const PER_PAGE = 30;
/** core:topic_view.rb MEGA_TOPIC_POSTS_COUNT: above this the stream is not sent. */
export const MEGA_TOPIC_POSTS_COUNT = 10_000;
const LIKE = 2;

type Json = Record<string, unknown>;

export interface Viewer {
  user: ForumUser | null;
}

// ---- site ----

export function basicInfoJson(store: ForumStore, baseUrl: string): Json {
  const image = (name: string): string => `${baseUrl}/images/${name}.png`;
  return {
    logo_url: image('sample-forum-logo'),
    logo_small_url: image('sample-forum-logo-small'),
    apple_touch_icon_url: image('sample-forum-apple-touch-icon'),
    favicon_url: image('sample-forum-favicon'),
    title: store.site.title,
    description: store.site.description,
    header_primary_color: '222222',
    header_background_color: 'ffffff',
    login_required: false,
    locale: 'en',
    include_in_discourse_discover: false,
    mobile_logo_url: image('sample-forum-logo'),
  };
}

export function aboutJson(store: ForumStore): Json {
  const topics = [...store.topics.values()].filter((t) => t.deletedAt === null);
  const postsCount = topics.reduce((sum, t) => sum + t.posts.length, 0);
  const likes = topics.reduce((sum, t) => sum + topicLikeCount(t), 0);
  const admins = [...store.users.values()].filter((u) => u.admin);
  const moderators = [...store.users.values()].filter((u) => u.moderator);
  const earliest = [...store.users.values()].reduce((min, u) => (u.createdAt < min ? u.createdAt : min), store.timestamp());
  return {
    about: {
      stats: {
        topics_count: topics.length,
        posts_count: postsCount,
        users_count: store.users.size,
        active_users_7_days: 0,
        active_users_30_days: 0,
        likes_count: likes,
        topics_last_day: 0,
        topics_7_days: 0,
        topics_30_days: 0,
        posts_last_day: 0,
        posts_7_days: 0,
        posts_30_days: 0,
      },
      description: store.site.description,
      extended_site_description: '',
      banner_image: null,
      site_creation_date: earliest,
      title: store.site.title,
      locale: 'en',
      version: DISCOURSE_VERSION,
      https: false,
      can_see_about_stats: true,
      contact_url: '',
      contact_email: '',
      moderator_ids: moderators.map((u) => u.id),
      admin_ids: admins.map((u) => u.id),
      category_moderators: [],
      admins: admins.map(basicUserJson),
      moderators: moderators.map(basicUserJson),
    },
  };
}

export function siteJson(store: ForumStore): Json {
  const stats = categoryStats(store);
  return {
    default_archetype: 'regular',
    notification_types: {
      mentioned: 1, replied: 2, quoted: 3, edited: 4, liked: 5, private_message: 6, invited_to_private_message: 7,
      invitee_accepted: 8, posted: 9, moved_post: 10, linked: 11, granted_badge: 12, invited_to_topic: 13, custom: 14,
      group_mentioned: 15, group_message_summary: 16, watching_first_post: 17, topic_reminder: 18,
      liked_consolidated: 19, post_approved: 20,
    },
    post_types: { ...POST_TYPES },
    trust_levels: { newuser: 0, basic: 1, member: 2, regular: 3, leader: 4 },
    user_tips: {},
    groups: [],
    filters: ['latest', 'unread', 'new', 'unseen', 'top', 'read', 'posted', 'bookmarks'],
    periods: ['all', 'yearly', 'quarterly', 'monthly', 'weekly', 'daily'],
    top_menu_items: ['latest', 'unread', 'new', 'unseen', 'top', 'read', 'posted', 'bookmarks', 'categories'],
    anonymous_top_menu_items: ['latest', 'top', 'categories'],
    uncategorized_category_id: 1,
    user_field_max_length: 2048,
    post_action_types: [],
    topic_flag_types: [],
    can_create_tag: false,
    can_tag_topics: false,
    can_tag_pms: false,
    tags_filter_regexp: '[/\\?#\\[\\]@!\\$&\'\\(\\)\\*\\+,;=\\.%\\\\`^\\s|\\{\\}"<>]+',
    top_tags: [],
    navigation_menu_site_top_tags: [],
    topic_featured_link_allowed_category_ids: [],
    user_themes: [],
    user_color_schemes: [],
    default_dark_color_scheme: null,
    censored_regexp: [],
    custom_emoji_translation: {},
    watched_words_replace: null,
    watched_words_link: null,
    categories: sortedCategories(store).map((c) => categoryJson(store, c, stats)),
    archetypes: [{ id: 'regular', name: 'Regular Topic', options: [] }, { id: 'banner', name: 'Banner Topic', options: [] }],
    user_fields: [],
    auth_providers: [],
    whispers_allowed_groups_names: [],
    denied_emojis: [],
  };
}

export function categoriesJson(store: ForumStore, viewer: Viewer): Json {
  const stats = categoryStats(store);
  return {
    category_list: {
      can_create_category: false,
      can_create_topic: viewer.user !== null,
      categories: sortedCategories(store)
        .filter((c) => c.parentCategoryId === null)
        .map((c) => categoryJson(store, c, stats)),
    },
  };
}

interface CategoryStats {
  topicCount: number;
  postCount: number;
  topicsByAge: { day: number; week: number; month: number; year: number };
}

function categoryStats(store: ForumStore): Map<number, CategoryStats> {
  const now = store.now().getTime();
  const stats = new Map<number, CategoryStats>();
  for (const topic of store.topics.values()) {
    if (topic.deletedAt !== null) continue;
    let entry = stats.get(topic.categoryId);
    if (!entry) {
      entry = { topicCount: 0, postCount: 0, topicsByAge: { day: 0, week: 0, month: 0, year: 0 } };
      stats.set(topic.categoryId, entry);
    }
    entry.topicCount += 1;
    entry.postCount += topic.posts.length;
    const ageDays = (now - Date.parse(topic.createdAt)) / 86_400_000;
    if (ageDays <= 1) entry.topicsByAge.day += 1;
    if (ageDays <= 7) entry.topicsByAge.week += 1;
    if (ageDays <= 30) entry.topicsByAge.month += 1;
    if (ageDays <= 365) entry.topicsByAge.year += 1;
  }
  return stats;
}

function sortedCategories(store: ForumStore): ForumCategory[] {
  return [...store.categories.values()].sort((a, b) => a.position - b.position || a.id - b.id);
}

function categoryJson(store: ForumStore, category: ForumCategory, stats: Map<number, CategoryStats>): Json {
  const own = stats.get(category.id);
  const children = [...store.categories.values()].filter((c) => c.parentCategoryId === category.id).map((c) => c.id);
  const description = category.description;
  return {
    id: category.id,
    name: category.name,
    color: category.color,
    text_color: category.textColor,
    slug: category.slug,
    topic_count: own?.topicCount ?? 0,
    post_count: own?.postCount ?? 0,
    position: category.position,
    description: description === '' ? null : `<p>${escapeHtml(description)}</p>`,
    description_text: description === '' ? null : description,
    description_excerpt: description === '' ? null : escapeHtml(description),
    topic_url: null,
    read_restricted: false,
    permission: null,
    notification_level: 1,
    topic_template: null,
    has_children: children.length > 0,
    subcategory_count: children.length,
    subcategory_ids: children,
    sort_order: '',
    sort_ascending: null,
    show_subcategory_list: false,
    num_featured_topics: 3,
    default_view: null,
    subcategory_list_style: 'rows_with_featured_topics',
    default_top_period: 'all',
    default_list_filter: 'all',
    minimum_required_tags: 0,
    navigate_to_first_post_after_read: false,
    topics_day: own?.topicsByAge.day ?? 0,
    topics_week: own?.topicsByAge.week ?? 0,
    topics_month: own?.topicsByAge.month ?? 0,
    topics_year: own?.topicsByAge.year ?? 0,
    topics_all_time: own?.topicCount ?? 0,
    is_uncategorized: false,
    uploaded_logo: null,
    uploaded_logo_dark: null,
    uploaded_background: null,
    uploaded_background_dark: null,
    parent_category_id: category.parentCategoryId,
  };
}

// ---- topic lists ----

export function topicListJson(
  store: ForumStore,
  topics: ForumTopic[],
  options: { viewer: Viewer; perPage: number; moreTopicsUrl: string | null },
): Json {
  const users = new Map<number, ForumUser>();
  const items = topics.map((topic) => {
    const posters = postersOf(store, topic);
    for (const poster of posters) users.set(poster.user.id, poster.user);
    return topicListItemJson(store, topic, posters);
  });
  const topicList: Json = {
    can_create_topic: options.viewer.user !== null,
    per_page: options.perPage,
    draft: null,
    draft_key: 'new_topic',
    draft_sequence: 0,
    topics: items,
  };
  // core:topic_list_serializer.rb: include_more_topics_url? is "present && topics.size == per_page",
  // so a short page is the only end marker; a full last page still links to an empty page.
  if (options.moreTopicsUrl !== null && topics.length === options.perPage) {
    topicList['more_topics_url'] = options.moreTopicsUrl;
  }
  return {
    users: [...users.values()].map((u) => ({ ...basicUserJson(u), trust_level: u.trustLevel })),
    primary_groups: [],
    flair_groups: [],
    topic_list: topicList,
  };
}

interface Poster {
  user: ForumUser;
  description: string;
  extras: string | null;
}

/** Original poster, up to three frequent posters, and the most recent poster, as Discourse lists them. */
function postersOf(store: ForumStore, topic: ForumTopic): Poster[] {
  const op = store.users.get(topic.userId) as ForumUser;
  const lastPost = topic.posts[topic.posts.length - 1];
  const last = (lastPost && store.users.get(lastPost.userId)) || op;
  if (last.id === op.id) {
    const only = topic.posts.every((p) => p.userId === op.id);
    const frequent = frequentPosters(store, topic, [op.id]);
    return [
      { user: op, description: 'Original Poster, Most Recent Poster', extras: only ? 'latest single' : 'latest' },
      ...frequent,
    ];
  }
  return [
    { user: op, description: 'Original Poster', extras: null },
    ...frequentPosters(store, topic, [op.id, last.id]),
    { user: last, description: 'Most Recent Poster', extras: 'latest' },
  ];
}

function frequentPosters(store: ForumStore, topic: ForumTopic, exclude: number[]): Poster[] {
  const counts = new Map<number, number>();
  for (const post of topic.posts) {
    if (!exclude.includes(post.userId)) counts.set(post.userId, (counts.get(post.userId) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 3)
    .map(([userId]) => ({ user: store.users.get(userId) as ForumUser, description: 'Frequent Poster', extras: null }));
}

function topicListItemJson(store: ForumStore, topic: ForumTopic, posters: Poster[]): Json {
  const first = topic.posts[0];
  const lastPost = topic.posts[topic.posts.length - 1];
  const item: Json = {
    ...topicSummaryJson(topic),
    bookmarked: null,
    liked: null,
    tags: [],
    tags_descriptions: {},
    views: topic.views,
    like_count: topicLikeCount(topic),
    has_summary: false,
    last_poster_username: lastPost ? store.users.get(lastPost.userId)?.username : null,
    category_id: topic.categoryId,
    pinned_globally: topic.pinnedGlobally,
    featured_link: null,
    posters: posters.map((p) => ({
      extras: p.extras,
      description: p.description,
      user_id: p.user.id,
      primary_group_id: null,
      flair_group_id: null,
    })),
  };
  // Discourse sends an excerpt only for pinned topics in lists.
  if ((topic.pinned || topic.pinnedGlobally) && first) item['excerpt'] = excerptOf(first.cooked);
  return item;
}

function topicSummaryJson(topic: ForumTopic): Json {
  return {
    id: topic.id,
    title: topic.title,
    fancy_title: escapeHtml(topic.title),
    slug: topic.slug,
    posts_count: topic.posts.length,
    reply_count: Math.max(0, topic.posts.length - 1),
    highest_post_number: topic.highestPostNumber,
    image_url: null,
    created_at: topic.createdAt,
    last_posted_at: topic.lastPostedAt,
    bumped: true,
    bumped_at: topic.bumpedAt,
    archetype: 'regular',
    unseen: false,
    pinned: topic.pinned || topic.pinnedGlobally,
    unpinned: null,
    visible: topic.visible,
    closed: topic.closed,
    archived: topic.archived,
  };
}

// ---- a topic ----

/** `start` is the index in the stream where the chunk of posts begins. */
export function topicViewJson(store: ForumStore, topic: ForumTopic, options: { viewer: Viewer; start: number }): Json {
  const { posts } = topic;
  const start = Math.max(0, options.start);
  const chunk = posts.slice(start, start + CHUNK_SIZE).map((p) => postJson(store, p, { viewer: options.viewer }));
  const isMega = posts.length >= MEGA_TOPIC_POSTS_COUNT;
  const postStream: Json = { posts: chunk };
  if (isMega) {
    postStream['isMegaTopic'] = true;
    postStream['firstId'] = posts[0]?.id ?? null;
    postStream['lastId'] = posts[posts.length - 1]?.id ?? null;
  } else {
    postStream['stream'] = posts.map((p) => p.id);
  }

  const op = store.users.get(topic.userId) as ForumUser;
  const lastPost = posts[posts.length - 1];
  const lastPoster = (lastPost && store.users.get(lastPost.userId)) || op;
  const postCounts = new Map<number, number>();
  let wordCount = 0;
  for (const post of posts) {
    postCounts.set(post.userId, (postCounts.get(post.userId) ?? 0) + 1);
    wordCount += post.raw.split(/\s+/).filter(Boolean).length;
  }
  const participants = [...postCounts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 24)
    .map(([userId, count]) => {
      const user = store.users.get(userId) as ForumUser;
      return {
        ...basicUserJson(user),
        post_count: count,
        primary_group_name: null,
        flair_name: null,
        flair_url: null,
        flair_color: null,
        flair_bg_color: null,
        flair_group_id: null,
        trust_level: user.trustLevel,
        admin: user.admin,
        moderator: user.moderator,
      };
    });
  const details: Json = {
    can_edit: false,
    notification_level: 1,
    participants,
    created_by: basicUserJson(op),
    last_poster: basicUserJson(lastPoster),
    links: [],
  };
  if (options.viewer.user !== null) details['can_create_post'] = !topic.closed && !topic.archived;

  const json: Json = {
    post_stream: postStream,
    ...(isMega ? {} : { timeline_lookup: timelineLookup(store, topic) }),
    suggested_topics: suggestedTopics(store, topic),
    tags: [],
    tags_descriptions: {},
    id: topic.id,
    title: topic.title,
    fancy_title: escapeHtml(topic.title),
    posts_count: posts.length,
    created_at: topic.createdAt,
    views: topic.views,
    reply_count: Math.max(0, posts.length - 1),
    like_count: topicLikeCount(topic),
    last_posted_at: topic.lastPostedAt,
    visible: topic.visible,
    closed: topic.closed,
    archived: topic.archived,
    has_summary: false,
    archetype: 'regular',
    slug: topic.slug,
    category_id: topic.categoryId,
    word_count: wordCount,
    deleted_at: null,
    user_id: topic.userId,
    featured_link: null,
    pinned_globally: topic.pinnedGlobally,
    pinned_at: topic.pinned || topic.pinnedGlobally ? topic.createdAt : null,
    pinned_until: null,
    image_url: null,
    slow_mode_seconds: 0,
    draft: null,
    draft_key: `topic_${topic.id}`,
    draft_sequence: 0,
    unpinned: null,
    pinned: topic.pinned || topic.pinnedGlobally,
    current_post_number: posts[start]?.postNumber ?? 1,
    highest_post_number: topic.highestPostNumber,
    deleted_by: null,
    actions_summary: [4, 8, 7].map((id) => ({ id, count: 0, hidden: false, can_act: false })),
    chunk_size: CHUNK_SIZE,
    bookmarked: false,
    bookmarks: [],
    topic_timer: null,
    message_bus_last_id: 0,
    participant_count: postCounts.size,
    show_read_indicator: false,
    thumbnails: null,
    slow_mode_enabled_until: null,
    details,
  };
  return json;
}

/** [index in stream (1-based), days ago], one entry per distinct day, as the topic timeline uses. */
function timelineLookup(store: ForumStore, topic: ForumTopic): [number, number][] {
  const now = store.now().getTime();
  const lookup: [number, number][] = [];
  let lastDays = -1;
  topic.posts.forEach((post, index) => {
    const days = Math.max(0, Math.floor((now - Date.parse(post.createdAt)) / 86_400_000));
    if (days !== lastDays) {
      lookup.push([index + 1, days]);
      lastDays = days;
    }
  });
  return lookup;
}

function suggestedTopics(store: ForumStore, topic: ForumTopic): Json[] {
  return store
    .listTopics(topic.categoryId)
    .filter((t) => t.id !== topic.id)
    .slice(0, 5)
    .map((t) => ({
      ...topicSummaryJson(t),
      bookmarked: null,
      liked: null,
      tags: [],
      tags_descriptions: {},
      like_count: topicLikeCount(t),
      views: t.views,
      category_id: t.categoryId,
      featured_link: null,
      posters: postersOf(store, t).map((p) => ({ extras: p.extras, description: p.description, user: basicUserJson(p.user) })),
    }));
}

export function topicPostsJson(store: ForumStore, topic: ForumTopic, posts: ForumPost[], options: { viewer: Viewer; includeRaw: boolean }): Json {
  return {
    post_stream: { posts: posts.map((p) => postJson(store, p, options)) },
    id: topic.id,
  };
}

// ---- posts ----

export function postJson(
  store: ForumStore,
  post: ForumPost,
  options: { viewer: Viewer; includeRaw?: boolean },
): Json {
  const user = store.users.get(post.userId) as ForumUser;
  const topic = store.topics.get(post.topicId) as ForumTopic;
  const yours = options.viewer.user?.id === post.userId;
  // Hidden (flagged) posts keep their place in the stream but not their text, except for the author.
  const cookedHidden = post.hidden && !yours;
  const json: Json = {
    id: post.id,
    name: user.name,
    username: user.username,
    avatar_template: user.avatarTemplate,
    created_at: post.createdAt,
    cooked: cookedHidden ? '' : post.cooked,
    post_number: post.postNumber,
    post_type: post.postType,
    updated_at: post.updatedAt,
    reply_count: post.replyCount,
    reply_to_post_number: post.replyToPostNumber,
    quote_count: post.quoteCount,
    incoming_link_count: 0,
    reads: post.reads,
    readers_count: Math.max(0, post.reads - 1),
    score: post.score,
    yours,
    topic_id: post.topicId,
    topic_slug: topic.slug,
    display_username: user.name,
    primary_group_name: null,
    flair_name: null,
    flair_url: null,
    flair_bg_color: null,
    flair_color: null,
    flair_group_id: null,
    version: post.version,
    can_edit: yours,
    can_delete: false,
    can_recover: false,
    can_see_hidden_post: yours,
    can_wiki: false,
    read: true,
    user_title: null,
    bookmarked: false,
    actions_summary: post.likeCount > 0 ? [{ id: LIKE, count: post.likeCount }] : [],
    moderator: user.moderator,
    admin: user.admin,
    staff: user.admin || user.moderator,
    user_id: user.id,
    hidden: post.hidden,
    trust_level: user.trustLevel,
    deleted_at: post.deletedAt,
    user_deleted: false,
    edit_reason: null,
    can_view_edit_history: true,
    wiki: false,
    post_url: `/t/${topic.slug}/${topic.id}/${post.postNumber}`,
  };
  if (cookedHidden) json['cooked_hidden'] = true;
  if (post.replyToPostNumber !== null) {
    const repliedTo = postByNumber(topic, post.replyToPostNumber);
    const repliedUser = repliedTo && store.users.get(repliedTo.userId);
    if (repliedUser) json['reply_to_user'] = { username: repliedUser.username, name: repliedUser.name, avatar_template: repliedUser.avatarTemplate };
  }
  if (options.includeRaw) json['raw'] = post.raw;
  return json;
}

/**
 * GET /posts.json: the forum-wide feed, 50 posts a page, newest id first: public, visible (topic
 * listed, post not hidden), regular posts only, so no whispers, small actions or moderator
 * actions, and no deleted posts. `before` is exclusive, as LatestPostsQuery#public_posts has it
 * (`posts.id < ?`); servers before it used `posts.id <= ?`, which the reader copes with too.
 */
export function latestPostsJson(store: ForumStore, before: number | null, viewer: Viewer): Json {
  const all = store.postsById();
  const latest: Json[] = [];
  for (let i = before === null ? all.length - 1 : firstBelow(all, before); i >= 0 && latest.length < LATEST_POSTS_PAGE; i -= 1) {
    const post = all[i] as ForumPost;
    if (post.deletedAt !== null || post.hidden || post.postType !== POST_TYPES.regular) continue;
    const topic = store.liveTopic(post.topicId);
    if (!topic || !topic.visible) continue;
    latest.push({
      ...postJson(store, post, { viewer, includeRaw: true }),
      topic_title: topic.title,
      topic_html_title: escapeHtml(topic.title),
      category_id: topic.categoryId,
      // A post a test broke (cooked not a string) goes out as broken as the topic view sends it.
      excerpt: typeof post.cooked === 'string' ? excerptOf(post.cooked) : null,
    });
  }
  return { latest_posts: latest };
}

// LatestPostsQuery::PAGE_SIZE.
const LATEST_POSTS_PAGE = 50;

/** The index of the last post whose id is below `before` (posts in ascending id order), or -1. */
function firstBelow(posts: ForumPost[], before: number): number {
  let low = 0;
  let high = posts.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((posts[mid] as ForumPost).id < before) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

export function pendingPostJson(store: ForumStore, pending: PendingPost): Json {
  const user = store.users.get(pending.userId) as ForumUser;
  const topic = store.topics.get(pending.topicId) as ForumTopic;
  return {
    id: pending.id,
    avatar_template: user.avatarTemplate,
    category_id: topic.categoryId,
    created_at: pending.createdAt,
    created_by_id: user.id,
    name: user.name,
    raw_text: pending.raw,
    title: topic.title,
    topic_id: topic.id,
    topic_url: `/t/${topic.slug}/${topic.id}`,
    username: user.username,
  };
}

function basicUserJson(user: ForumUser): { id: number; username: string; name: string; avatar_template: string } {
  return { id: user.id, username: user.username, name: user.name, avatar_template: user.avatarTemplate };
}

function topicLikeCount(topic: ForumTopic): number {
  let likes = 0;
  for (const post of topic.posts) likes += post.likeCount;
  return likes;
}
