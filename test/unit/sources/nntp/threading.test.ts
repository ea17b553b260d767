import { describe, expect, it } from 'vitest';
import { baseSubject, threadArticles, type ThreadableArticle } from '../../../../main/sources/nntp/threading';

function a(messageId: string, references: string[] = [], extra: Partial<ThreadableArticle> = {}): ThreadableArticle {
  return { messageId, subject: 'Topic', references, inReplyTo: null, ...extra };
}

function placements(articles: ThreadableArticle[], known?: Parameters<typeof threadArticles>[1]) {
  return Object.fromEntries(threadArticles(articles, known).map((p) => [p.messageId, [p.threadId, p.parentId, p.joinedBy]]));
}

describe('threading', () => {
  it('builds threads from References, the nearest present ancestor as parent', () => {
    expect(placements([a('<r>'), a('<b>', ['<r>']), a('<c>', ['<r>', '<b>']), a('<other>')])).toEqual({
      '<r>': ['<r>', null, 'none'],
      '<b>': ['<r>', '<r>', 'references'],
      '<c>': ['<r>', '<b>', 'references'],
      '<other>': ['<other>', null, 'none'],
    });
  });

  it('a reply whose parent expired still joins its thread, through the References chain', () => {
    // <b> expired on the server; <c> names it, <d> names only <b> and <c>.
    expect(placements([a('<r>'), a('<c>', ['<r>', '<b>']), a('<d>', ['<b>', '<c>'])])).toEqual({
      '<r>': ['<r>', null, 'none'],
      '<c>': ['<r>', '<r>', 'references'],
      '<d>': ['<r>', '<c>', 'references'],
    });
  });

  it('joins a thread stored earlier, and its expired root keeps the thread together', () => {
    const known = { threadOf: (id: string) => (id === '<stored>' ? '<gone-root>' : null), threadOfSubject: () => null };
    expect(placements([a('<new>', ['<gone-root>', '<stored>'])], known)).toEqual({ '<new>': ['<gone-root>', '<stored>', 'references'] });
    expect(placements([a('<x>', ['<gone-root>', '<expired>'])])).toEqual({ '<x>': ['<gone-root>', null, 'references'] });
  });

  it('falls back to In-Reply-To, then to the subject without Re:', () => {
    const known = { threadOf: () => null, threadOfSubject: (subject: string) => (subject === 'old topic' ? '<old>' : null) };
    expect(
      placements(
        [
          a('<r>', [], { subject: 'Sizes' }),
          a('<irt>', [], { inReplyTo: '<r>', subject: 'whatever' }),
          a('<re>', [], { subject: 'Re: RE: Sizes' }),
          a('<re-old>', [], { subject: 'Aw: Old  Topic' }),
          a('<not-reply>', [], { subject: 'Sizes' }),
        ],
        known,
      ),
    ).toEqual({
      '<r>': ['<r>', null, 'none'],
      '<irt>': ['<r>', '<r>', 'in-reply-to'],
      '<re>': ['<r>', '<r>', 'subject'],
      '<re-old>': ['<old>', '<old>', 'subject'],
      '<not-reply>': ['<not-reply>', null, 'none'],
    });
    expect(baseSubject('Re[2]: Re:  Hello   World')).toBe('hello world');
  });

  it('breaks References loops safely', () => {
    const result = placements([a('<a>', ['<b>']), a('<b>', ['<a>']), a('<self>', ['<self>']), a('<c>', ['<c>', '<a>', '<c>'])]);
    expect(result['<self>']).toEqual(['<self>', null, 'none']);
    const threadOfA = result['<a>']![0];
    expect(result['<b>']![0]).toBe(threadOfA);
    expect(result['<c>']![0]).toBe(threadOfA);
  });
});
