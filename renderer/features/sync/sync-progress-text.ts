// The words under the sync bar. A Discourse run counts the threads it passes, a news server's run
// the groups it reads (its threadsDone/threadsTotal are groups): the unit says which.
import type { ForumProtocol } from '../../../shared/model';
import { boardWords } from '../../ui/board-words';

export interface SummedProgress {
  threadsDone: number;
  threadsTotal: number;
  postsFetched: number;
  currentThread: string | null;
}

export function syncProgressText(progress: SummedProgress | null, protocols: ReadonlyArray<ForumProtocol | undefined>): string {
  if (!progress) return 'Starting…';
  const news = protocols.some((protocol) => protocol === 'nntp');
  const other = protocols.some((protocol) => protocol !== 'nntp');
  const unit = news && other ? `threads and ${boardWords('nntp').many}` : news ? boardWords('nntp').many : 'threads';
  return `${progress.threadsDone} of ${progress.threadsTotal} ${unit} · ${progress.postsFetched} posts${progress.currentThread ? ` · ${progress.currentThread}` : ''}`;
}
