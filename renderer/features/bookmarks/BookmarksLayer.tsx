// What the bookmarks feature adds around the reader, mounted once by App: the b key, the
// Highlight button for a selection, the note popovers and the notices with "Undo".
import { useEffect } from 'react';
import { useBackends } from '../../db/db-context';
import { registerPostCommand } from '../../state/post-commands';
import { AnnotationPopover } from './AnnotationPopover';
import { toggleBookmarkOf } from './bookmark-actions';
import { HighlightTool } from './HighlightTool';
import { NoticeToast } from './NoticeToast';
import './bookmarks.css';

export function BookmarksLayer() {
  const { db } = useBackends();
  useEffect(() => registerPostCommand('bookmark', (post) => void toggleBookmarkOf(db, post, { openNote: false })), [db]);
  return (
    <>
      <HighlightTool />
      <AnnotationPopover />
      <NoticeToast />
    </>
  );
}
