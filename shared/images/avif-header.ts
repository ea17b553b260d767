// An AVIF file is ISO base media (ISO/IEC 14496-12) boxes; its size is in the image spatial
// extents property, meta > iprp > ipco > ispe (ISO/IEC 23008-12, 6.5.3), read without decoding.
import { ascii, u32be, type SizeReading } from './header-bytes';

interface Box {
  type: string;
  /** Where the box's payload starts and the box ends. */
  start: number;
  end: number;
}

/**
 * The largest `ispe` of the file. In a well-formed file that is the primary picture: thumbnails and
 * grid tiles are smaller and an alpha plane is the same size; in a hostile one, any larger item is
 * what a decoder might allocate for, so it is the one the pixel cap must see.
 */
export function readAvifSize(bytes: Uint8Array): SizeReading {
  const top = childBoxes(bytes, 0, bytes.length);
  if (typeof top === 'string') return top;
  const meta = top.find((box) => box.type === 'meta');
  // AVIF image sequences (brand avis) without a still picture carry their size in tracks instead.
  if (!meta) return 'no meta box (an image sequence without a still picture?)';
  // meta is a full box: a version byte and 3 bytes of flags before its children.
  const properties = descend(bytes, { ...meta, start: meta.start + 4 }, ['iprp', 'ipco']);
  if (typeof properties === 'string') return properties;
  let largest: { width: number; height: number } | null = null;
  for (const box of properties) {
    if (box.type !== 'ispe') continue;
    // Also a full box: 4 bytes of version and flags, then width and height.
    const width = box.end - box.start >= 12 ? u32be(bytes, box.start + 4) : null;
    const height = box.end - box.start >= 12 ? u32be(bytes, box.start + 8) : null;
    if (width === null || height === null) return 'an ispe box cut short';
    if (!largest || width * height > largest.width * largest.height) largest = { width, height };
  }
  return largest ?? 'no ispe property giving its size';
}

/** The children of the box reached through `path` (each the first of its type), from `parent`'s payload. */
function descend(bytes: Uint8Array, parent: Box, path: string[]): Box[] | string {
  let children = childBoxes(bytes, parent.start, parent.end);
  for (const type of path) {
    if (typeof children === 'string') return children;
    const next = children.find((box) => box.type === type);
    if (!next) return `no ${type} box`;
    children = childBoxes(bytes, next.start, next.end);
  }
  return children;
}

/** The boxes laid end to end from `start` to `end`; a box that claims to run past its parent is damage. */
function childBoxes(bytes: Uint8Array, start: number, end: number): Box[] | string {
  const boxes: Box[] = [];
  let offset = start;
  while (offset < end) {
    const size32 = u32be(bytes, offset);
    const type = ascii(bytes, offset + 4, 4);
    if (size32 === null || type === '') return 'cut off in a box header';
    let header = 8;
    let size = size32;
    if (size32 === 1) {
      // A 64-bit size follows the type; above 2^32 it is past any picture the reader keeps anyway.
      const high = u32be(bytes, offset + 8);
      const low = u32be(bytes, offset + 12);
      if (high === null || low === null) return 'cut off in a box header';
      header = 16;
      size = high * 0x1_0000_0000 + low;
    } else if (size32 === 0) {
      size = end - offset;
    }
    if (size < header) return `a "${type}" box of ${size} bytes`;
    if (offset + size > end) return `a "${type}" box that runs past its end`;
    boxes.push({ type, start: offset + header, end: offset + size });
    offset += size;
  }
  return boxes;
}
