// Pictures in a library file: written as base64 of their bytes, and read back only after the bytes
// are proved to be the picture the line says: their length, their SHA-256 (the name the picture is
// stored under), and their header read without decoding (shared/images/image-header.ts: the type
// from the bytes, never from the line, the size, and the pixel cap against decompression bombs).
import { IMAGE_MIME, readImageHeader } from '../../../shared/images/image-header';
import type { ImageRow } from '../../db/reader-db';

/** A picture's line in the file: its row with the bytes as base64. */
export type PictureLine = Omit<ImageRow, 'bytes'> & { bytes: string };

export async function pictureLine(image: ImageRow): Promise<PictureLine> {
  return { ...image, bytes: toBase64(new Uint8Array(await image.bytes.arrayBuffer())) };
}

export type PictureReading = { ok: true; image: ImageRow } | { ok: false; reason: string };

/** The stored row for a picture line whose schema was checked, or why its bytes cannot be kept. */
export async function readPictureLine(line: PictureLine): Promise<PictureReading> {
  const bytes = fromBase64(line.bytes);
  if (bytes.length !== line.byteLength) return { ok: false, reason: `its bytes are ${bytes.length.toLocaleString('en')} long, not the ${line.byteLength.toLocaleString('en')} it says` };
  const header = readImageHeader(bytes);
  if (!header.ok) return { ok: false, reason: `it is not a picture the reader keeps (${header.refusal.message})` };
  const { type, width, height } = header.header;
  if (IMAGE_MIME[type] !== line.mime) return { ok: false, reason: `its bytes are a ${type.toUpperCase()} picture, not the ${line.mime} it says` };
  if (width !== line.width || height !== line.height) return { ok: false, reason: `its bytes are ${width}×${height} pixels, not the ${line.width}×${line.height} it says` };
  if ((await sha256(bytes)) !== line.hash) return { ok: false, reason: 'its bytes do not match its SHA-256, so they were changed or damaged' };
  return { ok: true, image: { ...line, bytes: new Blob([bytes], { type: line.mime }) } };
}

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** String.fromCharCode takes its arguments on the stack: a picture goes through in slices. */
const SLICE = 0x8000;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += SLICE) binary += String.fromCharCode(...bytes.subarray(at, at + SLICE));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
