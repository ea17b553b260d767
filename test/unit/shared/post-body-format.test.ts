import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { PostSchema } from '../../../shared/model';
import { mapPost } from '../../../main/sources/discourse/discourse-source';

const discoursePost = {
  id: 7,
  post_number: 2,
  username: 'alice',
  name: 'Alice',
  avatar_template: null,
  created_at: '2026-01-02T03:04:05Z',
  updated_at: null,
  cooked: '<p>Hello</p>',
};

describe('a post knows whether its body is HTML or plain text', () => {
  it('Discourse posts are HTML', () => {
    const post = mapPost('forum.example.org', 'forum.example.org/t/1', 'https://forum.example.org', discoursePost);
    expect(post.bodyFormat).toBe('html');
    expect(v.is(PostSchema, post)).toBe(true);
  });

  it('a post stored before the field existed is still a post; a format the reader does not know is not', () => {
    const { bodyFormat: _, ...stored } = mapPost('forum.example.org', 'forum.example.org/t/1', 'https://forum.example.org', discoursePost);
    expect(v.is(PostSchema, stored)).toBe(true);
    expect(v.is(PostSchema, { ...stored, bodyFormat: 'plain' })).toBe(true);
    expect(v.is(PostSchema, { ...stored, bodyFormat: 'markdown' })).toBe(false);
  });
});
