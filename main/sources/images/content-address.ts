// A picture is stored once however many posts show it: its name is the SHA-256 of its bytes.
import { createHash } from 'node:crypto';

export function contentAddress(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
