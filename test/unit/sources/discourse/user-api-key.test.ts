import { constants, createPublicKey, publicEncrypt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readUserApiKeyPayload, startUserApiKeyRequest } from '../../../../main/sources/discourse/user-api-key';

/** What Discourse does with the approved key (user_api_keys_controller#create): RSA PKCS#1 v1.5, base64 with line breaks. */
function forumAnswer(url: string, body: object): string {
  const publicKey = createPublicKey(new URL(url).searchParams.get('public_key')!);
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(JSON.stringify(body)))
    .toString('base64')
    .replace(/(.{60})/g, '$1\n');
}

describe('the User API Key flow', () => {
  it('asks the forum for a read and write key for this reader, with its public key and a nonce', () => {
    const { url, pending } = startUserApiKeyRequest('https://forum.example.org/');
    const query = new URL(url).searchParams;
    expect(url.startsWith('https://forum.example.org/user-api-key/new?')).toBe(true);
    expect(query.get('application_name')).toBe('Forum Reader');
    expect(query.get('scopes')).toBe('read,write');
    expect(query.get('client_id')).toBe(pending.clientId);
    expect(query.get('nonce')).toBe(pending.nonce);
    expect(query.get('public_key')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(query.has('auth_redirect')).toBe(false);
  });

  it('opens the payload the forum shows and returns the key', () => {
    const { url, pending } = startUserApiKeyRequest('https://forum.example.org');
    expect(readUserApiKeyPayload(pending, forumAnswer(url, { key: 'e4f1a0', nonce: pending.nonce, push: false, api: 4 }))).toBe('e4f1a0');
  });

  it('refuses an answer to an earlier request, and text that is not an answer', () => {
    const first = startUserApiKeyRequest('https://forum.example.org');
    const second = startUserApiKeyRequest('https://forum.example.org');
    expect(() => readUserApiKeyPayload(second.pending, forumAnswer(first.url, { key: 'k', nonce: first.pending.nonce }))).toThrow(/not the answer to this key request/);
    expect(() => readUserApiKeyPayload(second.pending, forumAnswer(second.url, { key: 'k', nonce: first.pending.nonce }))).toThrow(/earlier key request/);
    expect(() => readUserApiKeyPayload(second.pending, 'aGVsbG8=')).toThrow(/not the answer/);
  });
});
