// Pictures for generated forums (benches): a different PNG for every index, drawn in Node with no
// image library. A sky-to-floor gradient with a spotlight and film grain, about the size of the
// thumbnails Discourse serves (480×270, a few tens of KB), so a bench stores and shows what a real
// forum's pictures cost.
import { crc32, deflateSync } from 'node:zlib';

const WIDTH = 480;
const HEIGHT = 270;

export const GENERATED_PICTURE_SIZE = { width: WIDTH, height: HEIGHT } as const;

export function drawStill(index: number): Buffer {
  let state = (index * 2654435761 + 1) >>> 0;
  const random = () => {
    // xorshift32: the grain, the same for an index on every run.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const hue = [random(), random(), random()].map((c) => 60 + Math.floor(c * 150)) as [number, number, number];
  const spot = { x: Math.floor(random() * WIDTH), y: Math.floor(HEIGHT * (0.3 + random() * 0.4)), r: 40 + Math.floor(random() * 60) };
  // Each row: a filter byte (0, none), then RGB.
  const raw = Buffer.alloc((WIDTH * 3 + 1) * HEIGHT);
  for (let y = 0; y < HEIGHT; y += 1) {
    const row = y * (WIDTH * 3 + 1);
    const shade = 1 - y / HEIGHT / 1.5;
    for (let x = 0; x < WIDTH; x += 1) {
      const lit = Math.max(0, 1 - Math.hypot(x - spot.x, y - spot.y) / spot.r) * 90;
      // Grain in steps of 4: visible, and compressible as film scans are after JPEG or PNG quantising.
      const grain = Math.floor(random() * 3) * 4;
      for (let c = 0; c < 3; c += 1) raw[row + 1 + x * 3 + c] = Math.min(255, Math.floor(hue[c]! * shade + lit + grain));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(WIDTH, 0);
  header.writeUInt32BE(HEIGHT, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 6 })), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
