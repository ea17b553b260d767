// Keyboard commands that act on the focused post (b: bookmark, r: reply) are run by the reader
// and carried out by the feature that owns them, which registers here.
import type { PostRow } from '../db/reader-db';

export type PostCommand = 'bookmark' | 'reply';
type Handler = (post: PostRow) => void;

const handlers = new Map<PostCommand, Handler>();

/** Returns the function that unregisters it. */
export function registerPostCommand(command: PostCommand, handler: Handler): () => void {
  handlers.set(command, handler);
  return () => {
    if (handlers.get(command) === handler) handlers.delete(command);
  };
}

export function runPostCommand(command: PostCommand, post: PostRow): boolean {
  const handler = handlers.get(command);
  handler?.(post);
  return handler !== undefined;
}
