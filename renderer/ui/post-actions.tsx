// Features add their buttons to every post (bookmark, reply, …) through this slot, so the reader
// does not import them: the composition root (App) decides which actions exist.
import { createContext, useContext, type ComponentType } from 'react';
import type { PostRow } from '../db/reader-db';

export type PostAction = ComponentType<{ post: PostRow }>;

const PostActionsContext = createContext<readonly PostAction[]>([]);
export const PostActionsProvider = PostActionsContext.Provider;
export const usePostActions = (): readonly PostAction[] => useContext(PostActionsContext);
