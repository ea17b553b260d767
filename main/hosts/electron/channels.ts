// Names shared by the main process and the preload. Pure: the preload bundle imports it.
export const FORUM_CALL_CHANNEL = 'forum:call';
export const FORUM_EVENT_CHANNEL = 'forum:event';
