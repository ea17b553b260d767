// The records the sample forum holds, and the inputs that add them. Shapes follow Discourse's
// tables rather than its JSON, so one store can be rendered by every endpoint (discourse-json.ts).
import type { CookOptions } from '../../shared/cook-markdown';

export interface SiteInfo {
  title: string;
  description: string;
}

export interface ForumUser {
  id: number;
  username: string;
  name: string;
  trustLevel: number;
  admin: boolean;
  moderator: boolean;
  createdAt: string;
  avatarTemplate: string;
}

export interface ForumCategory {
  id: number;
  name: string;
  slug: string;
  description: string;
  color: string;
  textColor: string;
  position: number;
  parentCategoryId: number | null;
}

export interface ForumPost {
  id: number;
  topicId: number;
  postNumber: number;
  userId: number;
  raw: string;
  cooked: string;
  /** Kept so that re-cooking the unchanged raw renders the same; dropped on edit. */
  cookOptions?: CookOptions;
  createdAt: string;
  updatedAt: string;
  version: number;
  postType: number;
  replyToPostNumber: number | null;
  replyCount: number;
  quoteCount: number;
  reads: number;
  score: number;
  likeCount: number;
  hidden: boolean;
  deletedAt: string | null;
}

export interface ForumTopic {
  id: number;
  title: string;
  slug: string;
  categoryId: number;
  userId: number;
  createdAt: string;
  bumpedAt: string;
  lastPostedAt: string;
  pinned: boolean;
  pinnedGlobally: boolean;
  closed: boolean;
  archived: boolean;
  /** false = unlisted: reachable by URL, absent from topic lists. */
  visible: boolean;
  /** Replies go to the review queue instead of the topic. */
  requiresApproval: boolean;
  views: number;
  deletedAt: string | null;
  /** Live posts in post_number order; deleted posts leave this list but keep their number. */
  posts: ForumPost[];
  /** The highest number among live posts: Discourse lowers it when the last post is deleted. */
  highestPostNumber: number;
  /**
   * The highest number ever given here, deleted posts included. Discourse numbers a new post
   * after the highest in its posts table, soft-deleted rows included, so numbers are never reused.
   */
  numberedThrough: number;
}

export interface PendingPost {
  id: number;
  topicId: number;
  userId: number;
  raw: string;
  replyToPostNumber: number | null;
  createdAt: string;
}

/** What createReply/createTopic add, in the form the replies log stores and replays. */
export type Contribution =
  | {
      kind: 'reply';
      id: number;
      topicId: number;
      postNumber: number;
      username: string;
      raw: string;
      replyToPostNumber: number | null;
      createdAt: string;
    }
  | {
      kind: 'topic';
      id: number;
      postId: number;
      title: string;
      categoryId: number;
      username: string;
      raw: string;
      createdAt: string;
    };

export interface AddUserInput {
  username: string;
  name?: string;
  id?: number;
  trustLevel?: number;
  admin?: boolean;
  moderator?: boolean;
  createdAt?: string;
}

export interface AddCategoryInput {
  name: string;
  slug?: string;
  id?: number;
  description?: string;
  color?: string;
  textColor?: string;
  position?: number;
  parentCategoryId?: number | null;
}

export interface AddPostInput {
  topicId: number;
  username: string;
  raw: string;
  replyToPostNumber?: number | null;
  createdAt?: string;
  /** Explicit id and number for seeding and replay; allocated when omitted. */
  id?: number;
  postNumber?: number;
  cookOptions?: CookOptions;
  /** Already-cooked HTML, so bulk generation need not cook twice. */
  cooked?: string;
  reads?: number;
  score?: number;
  likeCount?: number;
  /** A small action ("closed this topic") for tests of what the /posts.json feed leaves out; regular when omitted. */
  postType?: number;
}

export interface AddTopicInput {
  title: string;
  categoryId: number;
  username: string;
  raw: string;
  createdAt?: string;
  id?: number;
  slug?: string;
  postId?: number;
  cookOptions?: CookOptions;
  cooked?: string;
  pinned?: boolean;
  pinnedGlobally?: boolean;
  closed?: boolean;
  requiresApproval?: boolean;
  visible?: boolean;
  views?: number;
}

export type TopicFlags = Partial<
  Pick<ForumTopic, 'title' | 'categoryId' | 'pinned' | 'pinnedGlobally' | 'closed' | 'archived' | 'visible' | 'requiresApproval' | 'views'>
>;

export const POST_TYPES = { regular: 1, moderator_action: 2, small_action: 3, whisper: 4 } as const;
