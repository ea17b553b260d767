// What a desktop host adds to the contract: the application menu's commands, threads to open
// (from a forum-reader:// link or a clicked notification) and system notifications.
import * as v from 'valibot';

/**
 * The menu commands that carry the names of the reader's keyboard commands
 * (renderer/features/reader/keyboard-map.ts), so a menu item does exactly what its key does; a
 * unit test keeps the two lists and their keys in step.
 */
export const READER_KEY_COMMANDS = [
  'next-post',
  'previous-post',
  'next-unread-thread',
  'previous-unread-thread',
  'bookmark',
  'reply',
  'search',
  'first-post',
  'last-post',
  'help',
] as const;

/** Commands the application menu sends to the page. */
export const MENU_COMMANDS = [
  ...READER_KEY_COMMANDS,
  'show-reader',
  'show-bookmarks',
  'show-drafts',
  'show-outbox',
  'show-search',
  'show-storage',
  'show-settings',
  'sync-now',
  'export-library',
  'import-library',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
export const MenuCommandSchema = v.object({ command: v.picklist(MENU_COMMANDS) });

const ThreadIdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(2048));

/** A thread the person asked to see from outside the page. */
export const OpenThreadRequestSchema = v.object({
  threadId: ThreadIdSchema,
  /** The post to show; null opens the thread where reading left off. */
  postNumber: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1))),
  source: v.picklist(['link', 'notification']),
});
export type OpenThreadRequest = v.InferOutput<typeof OpenThreadRequestSchema>;

export const NotificationRequestSchema = v.object({
  threadId: ThreadIdSchema,
  title: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  body: v.pipe(v.string(), v.maxLength(500)),
});
export type NotificationRequest = v.InferOutput<typeof NotificationRequestSchema>;
