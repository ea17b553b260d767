// The posts' text is stored with the index, so that a page of results needs no post read; raw
// deflate (the browser's own zlib) keeps it at a fraction of its size: 0.11 of the bench's
// generated posts, about 0.35 of ordinary English prose.
const FORMAT = 'deflate-raw';

async function through(stream: CompressionStream | DecompressionStream, bytes: Uint8Array): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // The write settles only as the output is read, so it is not awaited; a failure (corrupt input)
  // also fails the read, which is what the caller sees.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  return new Uint8Array(await new Response(stream.readable).arrayBuffer());
}

export const deflate = (bytes: Uint8Array): Promise<Uint8Array> => through(new CompressionStream(FORMAT), bytes);

export const inflate = (bytes: Uint8Array): Promise<Uint8Array> => through(new DecompressionStream(FORMAT), bytes);
