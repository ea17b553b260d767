import { describe, expect, it } from 'vitest';
import { discourseQuote } from '../../../../renderer/features/drafts/discourse-quote';

describe('quoting a post', () => {
  it('builds the markup Discourse’s composer builds, with the username first', () => {
    expect(discourseQuote({ text: '  Julian: See this baton?\r\n', username: 'moira_fan', postNumber: 2, topicId: 1377 })).toBe(
      '[quote="moira_fan, post:2, topic:1377"]\nJulian: See this baton?\n[/quote]\n\n',
    );
  });

  it('drops quote tags inside the quoted text, which would end the quote early', () => {
    expect(discourseQuote({ text: 'a [/quote] b', username: 'u', postNumber: 1, topicId: 2 })).toBe('[quote="u, post:1, topic:2"]\na  b\n[/quote]\n\n');
  });
});
