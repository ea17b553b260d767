import { NoticeToast } from '../../ui/NoticeToast';
import { useComposer } from './composer-store';

export function ReplyNoticeToast() {
  const notice = useComposer((s) => s.notice);
  const dismiss = useComposer((s) => s.dismiss);
  return <NoticeToast notice={notice} dismiss={dismiss} regionClassName="reply-notice-region" className="reply-notice" />;
}
