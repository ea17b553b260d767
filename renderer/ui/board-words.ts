// What a forum calls its boards, said in one place for every view: a Discourse forum's categories,
// a news server's groups.
import type { ForumProtocol } from '../../shared/model';

export interface BoardWords {
  one: string;
  many: string;
}

const WORDS: Record<ForumProtocol, BoardWords> = {
  discourse: { one: 'category', many: 'categories' },
  nntp: { one: 'group', many: 'groups' },
};

/** A forum stored before protocols were kept has none: it is a Discourse forum. */
export const boardWords = (protocol: ForumProtocol | undefined): BoardWords => WORDS[protocol ?? 'discourse'];

/** "1 group", "3 categories". */
export function countBoards(count: number, protocol: ForumProtocol | undefined): string {
  const words = boardWords(protocol);
  return `${count.toLocaleString('en')} ${count === 1 ? words.one : words.many}`;
}
