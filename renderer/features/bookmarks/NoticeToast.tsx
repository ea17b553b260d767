import { NoticeToast as Toast } from '../../ui/NoticeToast';
import { useBookmarksUi } from './bookmarks-ui-store';

export function NoticeToast() {
  const notice = useBookmarksUi((s) => s.notice);
  const dismiss = useBookmarksUi((s) => s.dismissNotice);
  return <Toast notice={notice} dismiss={dismiss} regionClassName="notice-toast-region" className="notice-toast" />;
}
