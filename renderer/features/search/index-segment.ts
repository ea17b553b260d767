// The stored form of the post index: a list of segments, each the posts indexed in one pass
// (and the posts that pass removed). Applying the segments in order rebuilds the in-memory index
// without reading a single post, which is how the index comes back at launch. Numbers are
// variable-length and document numbers are stored as gaps, so a segment is a fraction of the
// size of the text it covers. The posts' texts come along, compressed, so that results are shown
// from memory. Layout of the three byte arrays:
//   docs:     per document: thread, author, remote id gap, post number, time gap, length, hash.
//   postings: per term: its document count, then each document's gap (shifted left, low bit set
//             when the term occurs more than once) and then that count.
//   text:     raw deflate of the documents' texts in UTF-8, each ended by a NUL byte.
import { forumIdOfThread, postIdFor } from '../../../shared/model';
import type { SearchSegmentRow } from '../../db/reader-db';
import { ByteReader, ByteWriter } from './byte-codec';
import { isIndexedTerm } from './fold-text';
import type { DocFields, InvertedIndex } from './inverted-index';
import { deflate, inflate } from './text-compression';

export type SearchSegment = Omit<SearchSegmentRow, 'id' | 'text'> & { text: Uint8Array };

/** Whether a stored segment has its posts' texts (segments written before they were kept have not). */
export const hasTexts = (row: SearchSegmentRow): row is SearchSegmentRow & SearchSegment => row.text instanceof Uint8Array;

const encoder = new TextEncoder();

/** Texts in UTF-8, each ended by a NUL byte (a post's text has none: see postTextOf). */
function joinTexts(texts: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(texts.reduce((sum, text) => sum + text.byteLength + 1, 0));
  let at = 0;
  for (const text of texts) {
    joined.set(text, at);
    at += text.byteLength + 1;
  }
  return joined;
}

class Interner {
  readonly list: string[] = [];
  private readonly numbers = new Map<string, number>();
  number(value: string): number {
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.list.length;
      this.list.push(value);
      this.numbers.set(value, n);
    }
    return n;
  }
}

function writeDocs(fieldsInOrder: Iterable<DocFields>): { docs: Uint8Array; threads: string[]; authors: string[]; docCount: number } {
  const threads = new Interner();
  const authors = new Interner();
  const out = new ByteWriter();
  let previousRemoteId = 0;
  let previousTime = 0;
  let docCount = 0;
  for (const fields of fieldsInOrder) {
    out.uint(threads.number(fields.threadId));
    out.uint(authors.number(fields.author));
    out.int(fields.remoteId - previousRemoteId);
    out.uint(fields.postNumber);
    out.int(fields.time - previousTime);
    out.uint(fields.length);
    out.fixed32(fields.hash);
    previousRemoteId = fields.remoteId;
    previousTime = fields.time;
    docCount += 1;
  }
  return { docs: out.finish(), threads: threads.list, authors: authors.list, docCount };
}

function writePosting(out: ByteWriter, docs: ArrayLike<number>, counts: ArrayLike<number>, length: number) {
  out.uint(length);
  let previous = 0;
  for (let i = 0; i < length; i += 1) {
    const doc = docs[i] as number;
    const count = counts[i] as number;
    out.uint((doc - previous) * 2 + (count > 1 ? 1 : 0));
    if (count > 1) out.uint(count);
    previous = doc;
  }
}

/**
 * A segment assembled post by post: each word goes straight into its term's list of documents, so
 * no post needs a map of its own word counts (which cost about as much as splitting the text into
 * words, and the words were then regrouped by term all the same).
 */
export class SegmentBuilder {
  private readonly fields: DocFields[] = [];
  private texts = '';
  private readonly byTerm = new Map<string, { docs: number[]; counts: number[] }>();

  /** Begins a post, with its text as shown in results; its words follow. */
  post(fields: DocFields, text: string): void {
    this.fields.push(fields);
    this.texts += `${text}\u0000`;
  }

  /** A folded word of the post begun last, counted `weight` times; words the index does not keep are skipped. */
  word(word: string, weight: number): void {
    if (!isIndexedTerm(word)) return;
    const doc = this.fields.length - 1;
    let entry = this.byTerm.get(word);
    if (!entry) this.byTerm.set(word, (entry = { docs: [], counts: [] }));
    const last = entry.docs.length - 1;
    if (last >= 0 && entry.docs[last] === doc) entry.counts[last] = (entry.counts[last] as number) + weight;
    else {
      entry.docs.push(doc);
      entry.counts.push(weight);
    }
  }

  get postCount(): number {
    return this.fields.length;
  }

  /** The segment: the posts begun, and the ones removed. */
  async finish(removed: readonly string[]): Promise<SearchSegment> {
    const text = await deflate(encoder.encode(this.texts));
    const { docs, threads, authors, docCount } = writeDocs(this.fields);
    const out = new ByteWriter();
    const terms: string[] = [];
    for (const [term, entry] of this.byTerm) {
      terms.push(term);
      writePosting(out, entry.docs, entry.counts, entry.docs.length);
    }
    return { removed: [...removed], threads, authors, docCount, docs, terms, postings: out.finish(), text };
  }
}

/** Replays one stored segment into the in-memory index (all at once, after its texts are inflated). */
export async function applySegment(index: InvertedIndex, segment: SearchSegment): Promise<void> {
  const texts = await inflate(segment.text);
  for (const postId of segment.removed) index.removePost(postId);
  const reader = new ByteReader(segment.docs);
  const base = index.docCount;
  let remoteId = 0;
  let time = 0;
  for (let i = 0; i < segment.docCount; i += 1) {
    const threadId = segment.threads[reader.uint()] as string;
    const author = segment.authors[reader.uint()] as string;
    remoteId += reader.int();
    const postNumber = reader.uint();
    time += reader.int();
    const length = reader.uint();
    const hash = reader.fixed32();
    const fields: DocFields = { threadId, author, remoteId, postNumber, time, length, hash };
    index.addDoc(postIdFor(forumIdOfThread(threadId), remoteId), fields);
  }
  index.addTexts(base, segment.docCount, texts);
  const postings = new ByteReader(segment.postings);
  for (const term of segment.terms) {
    const count = postings.uint();
    let doc = 0;
    for (let i = 0; i < count; i += 1) {
      const gap = postings.uint();
      doc += Math.floor(gap / 2);
      const tf = gap % 2 === 1 ? postings.uint() : 1;
      index.addPosting(term, base + doc, tf);
    }
  }
}

/** One segment holding every live post of the index, renumbered without the dead ones. */
export async function compactSegment(index: InvertedIndex): Promise<SearchSegment> {
  const renumbered = new Int32Array(index.docCount).fill(-1);
  const live: DocFields[] = [];
  const texts: Uint8Array[] = [];
  for (let doc = 0; doc < index.docCount; doc += 1) {
    if (!index.isAlive(doc)) continue;
    renumbered[doc] = live.length;
    live.push(index.fieldsOf(doc));
    texts.push(index.textBytesOf(doc));
  }
  const text = await deflate(joinTexts(texts));
  const { docs, threads, authors, docCount } = writeDocs(live);
  const out = new ByteWriter();
  const terms: string[] = [];
  const docsBuffer: number[] = [];
  const countsBuffer: number[] = [];
  for (const [term, list] of index.terms) {
    docsBuffer.length = 0;
    countsBuffer.length = 0;
    for (let i = 0; i < list.length; i += 1) {
      const doc = renumbered[list.docs[i] as number] as number;
      if (doc < 0) continue;
      docsBuffer.push(doc);
      countsBuffer.push(list.counts[i] as number);
    }
    if (docsBuffer.length === 0) continue;
    terms.push(term);
    writePosting(out, docsBuffer, countsBuffer, docsBuffer.length);
  }
  return { removed: [], threads, authors, docCount, docs, terms, postings: out.finish(), text };
}

/** Stored bytes of a segment (strings counted as UTF-16, as IndexedDB keeps them). */
export function segmentBytes(segment: SearchSegment): number {
  const strings = (list: readonly string[]) => list.reduce((sum, s) => sum + s.length * 2, 0);
  return segment.docs.byteLength + segment.postings.byteLength + segment.text.byteLength + strings(segment.terms) + strings(segment.threads) + strings(segment.authors) + strings(segment.removed);
}
