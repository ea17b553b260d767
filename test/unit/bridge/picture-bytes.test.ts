// A picture's bytes cross the web host as they are, and the page reads no more of them than the
// contract allows, whatever main sends.
import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES } from '../../../shared/api';
import { validatingForumApi } from '../../../renderer/bridge/forum-api';
import { createHttpForumApi } from '../../../renderer/bridge/http-forum-api';

const binary = (bytes: Uint8Array, headers: Record<string, string> = {}) =>
  createHttpForumApi({
    baseUrl: 'http://127.0.0.1:1',
    fetch: async () => new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/octet-stream', ...headers } }),
  }).api;

describe('takeSyncImage over the web host', () => {
  it('hands the bytes over as they came', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const result = await validatingForumApi(binary(bytes)).takeSyncImage({ runId: 'r', hash: 'h', want: true });
    expect(result).toEqual({ ok: true, value: bytes });
  });

  it('stops reading past the cap, whether or not the length was said', async () => {
    const over = new Uint8Array(MAX_IMAGE_BYTES + 1);
    for (const headers of [{}, { 'content-length': String(over.length) }] as Array<Record<string, string>>) {
      const result = await binary(over, headers).takeSyncImage({ runId: 'r', hash: 'h', want: true });
      expect(result).toMatchObject({ ok: false, error: { code: 'too_large' } });
    }
  });

  it('the contract refuses something that is not bytes where bytes are due', async () => {
    const raw = { ...binary(new Uint8Array()), takeSyncImage: async () => ({ ok: true, value: 'not bytes' }) } as unknown as Parameters<typeof validatingForumApi>[0];
    const result = await validatingForumApi(raw, { error: () => {} }).takeSyncImage({ runId: 'r', hash: 'h', want: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
