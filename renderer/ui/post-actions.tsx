// Features add their buttons to every post (bookmark, reply, …) through this slot, so the reader
// does not import them: the composition root (App) decides which actions exist.
import { createContext, useContext, type ComponentType } from 'react';
import type { PostRow } from '../db/reader-db';

export type PostAction = ComponentType<{ post: PostRow }>;

const PostActionsContext = createContext<readonly PostAction[]>([]);
export const PostActionsProvider = PostActionsContext.Provider;
export const usePostActions = (): readonly PostAction[] => useContext(PostActionsContext);

/**
 * Features that draw into a post's body after it renders (highlights). Each gets the body element
 * once its HTML is in the DOM, and returns what undoes its drawing (run before the next render).
 */
export type PostBodyDecorator = (post: PostRow, body: HTMLElement) => (() => void) | void;

const PostBodyDecoratorsContext = createContext<readonly PostBodyDecorator[]>([]);
export const PostBodyDecoratorsProvider = PostBodyDecoratorsContext.Provider;
export const usePostBodyDecorators = (): readonly PostBodyDecorator[] => useContext(PostBodyDecoratorsContext);
