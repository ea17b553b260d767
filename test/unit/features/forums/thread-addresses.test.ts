import { describe, expect, it } from 'vitest';
import { parseThreadAddresses } from '../../../../renderer/features/forums/thread-addresses';

describe('single threads as a person pastes them', () => {
  it('reads topic addresses, topic addresses with a post number, paths and bare numbers', () => {
    const text = [
      'https://meta.discourse.org/t/what-is-a-mega-topic/123456',
      'https://meta.discourse.org/t/what-is-a-mega-topic/777/15',
      '  /t/2021-in-review/42  ',
      'https://forum.example.org/t/9001',
      '31',
      '',
      '31',
    ].join('\n');
    expect(parseThreadAddresses(text)).toEqual({ topicIds: [123456, 777, 42, 9001, 31], unreadable: [] });
  });

  it('lists the lines that name no thread, as typed', () => {
    expect(parseThreadAddresses('https://forum.example.org/c/films/5\nhello').unreadable).toEqual(['https://forum.example.org/c/films/5', 'hello']);
  });
});
