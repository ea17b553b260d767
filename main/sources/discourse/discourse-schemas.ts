// Response shapes of Discourse's JSON API, as far as the reader uses them. Objects are loose:
// real sites send many more fields, and newer versions add some.
import * as v from 'valibot';

const nullableString = v.nullish(v.string());

export const BasicInfoSchema = v.looseObject({
  title: v.string(),
  description: nullableString,
  login_required: v.optional(v.boolean()),
});

// /about.json: `{ about: { title, description, version, … } }`.
export const AboutSchema = v.looseObject({
  about: v.looseObject({ title: v.string(), description: nullableString, version: nullableString }),
});

export const SiteCategorySchema = v.looseObject({
  id: v.number(),
  name: v.string(),
  slug: v.string(),
  description_text: nullableString,
  description: nullableString,
  position: v.nullish(v.number()),
  parent_category_id: v.nullish(v.number()),
  topic_count: v.nullish(v.number()),
});

// /site.json lists every category flat, subcategories included, with parent_category_id.
export const SiteSchema = v.looseObject({ categories: v.array(SiteCategorySchema) });

/** What a topic list's entry and a topic's own page both say about the topic. */
export const TOPIC_FIELDS = {
  id: v.number(),
  title: v.string(),
  slug: v.string(),
  posts_count: v.number(),
  highest_post_number: v.number(),
  created_at: v.string(),
  last_posted_at: nullableString,
  bumped_at: nullableString,
  category_id: v.nullish(v.number()),
  pinned: v.optional(v.boolean()),
  closed: v.optional(v.boolean()),
};

export type TopicFields = v.InferOutput<v.ObjectSchema<typeof TOPIC_FIELDS, undefined>>;

export const ListedTopicSchema = v.looseObject({
  ...TOPIC_FIELDS,
  posters: v.optional(v.array(v.looseObject({ user_id: v.number(), description: nullableString }))),
});

// /latest.json, /c/{slug}/{id}.json. `more_topics_url` is present only when the page is full.
export const TopicListSchema = v.looseObject({
  users: v.optional(v.array(v.looseObject({ id: v.number(), username: v.string() }))),
  topic_list: v.looseObject({
    more_topics_url: nullableString,
    topics: v.array(ListedTopicSchema),
  }),
});

export const DiscoursePostSchema = v.looseObject({
  id: v.number(),
  // Discourse numbers a topic's posts from 1. A lower number is refused rather than repaired: it
  // says the server is broken or hostile, and no renumbering would match what its readers see.
  post_number: v.pipe(v.number(), v.integer(), v.minValue(1)),
  username: v.string(),
  name: nullableString,
  avatar_template: nullableString,
  created_at: v.string(),
  updated_at: nullableString,
  cooked: v.string(),
  version: v.optional(v.number()),
  reply_to_post_number: v.nullish(v.number()),
  hidden: v.optional(v.boolean()),
  deleted_at: nullableString,
  user_deleted: v.optional(v.boolean()),
  topic_id: v.optional(v.number()),
  post_type: v.optional(v.number()),
});
export type DiscoursePost = v.InferOutput<typeof DiscoursePostSchema>;

// /t/{id}.json. `stream` holds every post id in display order, except for mega topics.
export const TopicSchema = v.looseObject({
  ...TOPIC_FIELDS,
  details: v.optional(v.looseObject({ created_by: v.optional(v.looseObject({ username: v.string() })) })),
  post_stream: v.looseObject({
    posts: v.array(DiscoursePostSchema),
    stream: v.optional(v.array(v.number())),
  }),
});

// /t/{id}/posts.json
export const TopicPostsSchema = v.looseObject({
  post_stream: v.looseObject({ posts: v.array(DiscoursePostSchema) }),
});

// /posts.json (posts#latest): `{ latest_posts: [post + topic_title, category_id, raw, excerpt] }`.
// Each post is checked on its own: one that does not fit sends its topic to its own pass, where
// the failure is reported, instead of ending the walk.
export const LatestPostsSchema = v.looseObject({ latest_posts: v.array(v.unknown()) });
export const LatestPostSchema = v.looseObject({ ...DiscoursePostSchema.entries, topic_id: v.number() });
export const PostIdsSchema = v.looseObject({ id: v.number(), topic_id: v.number() });
