// Discourse's User API Key flow (core: user_api_keys_controller.rb, AUTH_API_VERSION 4): the reader
// makes an RSA key pair and sends the person to /user-api-key/new with the public half. With no
// auth_redirect the forum shows the approved key's payload, RSA-encrypted (PKCS#1 v1.5, base64)
// to that public key, for the person to paste back. Only the private half, kept in memory for
// this one request, opens it.
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { AppError } from '../../../shared/api';

export const APPLICATION_NAME = 'Forum Reader';
/** Reading and posting replies; nothing else is asked for. */
export const SCOPES = 'read,write';

export interface PendingUserApiKey {
  baseUrl: string;
  nonce: string;
  clientId: string;
  privateKey: KeyObject;
  startedAt: number;
}

export function startUserApiKeyRequest(baseUrl: string): { url: string; pending: PendingUserApiKey } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const nonce = randomBytes(16).toString('hex');
  const clientId = `forum-reader-${randomBytes(12).toString('hex')}`;
  const query = new URLSearchParams({
    application_name: APPLICATION_NAME,
    client_id: clientId,
    scopes: SCOPES,
    public_key: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    nonce,
  });
  const url = `${baseUrl.replace(/\/+$/, '')}/user-api-key/new?${query}`;
  return { url, pending: { baseUrl, nonce, clientId, privateKey, startedAt: Date.now() } };
}

/** Opens the pasted payload and returns the key, after checking it answers this request's nonce. */
export function readUserApiKeyPayload(pending: PendingUserApiKey, payload: string): string {
  const cipherText = Buffer.from(payload.replace(/\s+/g, ''), 'base64');
  let json: unknown;
  try {
    json = JSON.parse(rsaPkcs1Decrypt(pending.privateKey, cipherText).toString('utf8'));
  } catch {
    throw new AppError('invalid_request', 'That text is not the answer to this key request. Copy the whole block the forum showed after you approved, or start again.');
  }
  const answer = json as { key?: unknown; nonce?: unknown };
  if (typeof answer.key !== 'string' || answer.key === '') throw new AppError('invalid_request', 'The forum’s answer holds no key.');
  if (answer.nonce !== pending.nonce) throw new AppError('invalid_request', 'That answer belongs to an earlier key request. Start again and paste the new answer.');
  return answer.key;
}

/**
 * RSA decryption with PKCS#1 v1.5 unpadding, done with BigInt: Node 20 refuses this padding in
 * privateDecrypt (CVE-2023-46809, a padding-oracle risk for servers). Here there is no oracle: one
 * person pastes one payload, and a wrong one gets the same answer whatever is wrong with it.
 */
export function rsaPkcs1Decrypt(privateKey: KeyObject, cipherText: Buffer): Buffer {
  const jwk = privateKey.export({ format: 'jwk' });
  if (!jwk.n || !jwk.d) throw new Error('not an RSA private key');
  const n = bigFromBase64Url(jwk.n);
  const d = bigFromBase64Url(jwk.d);
  const size = Buffer.from(jwk.n, 'base64url').length;
  const c = bigFromBytes(cipherText);
  if (cipherText.length !== size || c >= n) throw new Error('cipher text does not fit the key');
  const block = bytesFromBig(modPow(c, d, n), size);
  // 0x00 0x02 <at least 8 non-zero padding bytes> 0x00 <message>
  if (block[0] !== 0 || block[1] !== 2) throw new Error('bad padding');
  const separator = block.indexOf(0, 2);
  if (separator < 10) throw new Error('bad padding');
  return block.subarray(separator + 1);
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

const bigFromBytes = (bytes: Buffer): bigint => (bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`));
const bigFromBase64Url = (text: string): bigint => bigFromBytes(Buffer.from(text, 'base64url'));

function bytesFromBig(value: bigint, size: number): Buffer {
  const hex = value.toString(16).padStart(size * 2, '0');
  return Buffer.from(hex, 'hex');
}
