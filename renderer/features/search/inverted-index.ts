// The post index held in the worker's memory: a dictionary of folded terms, each with the sorted
// numbers of the documents (posts) that contain it and how often. It is filled only from stored
// segments (see index-segment.ts), so what is in memory is always what is on disk.
//
// Documents are numbered in the order they were indexed. An edited post gets a new number and
// its old one is marked dead, so posting lists only ever grow at the end and stay sorted; the
// dead entries are dropped when the segments are compacted.
import { forumIdOfThread, postIdFor } from '../../../shared/model';

/** A growable list of (document number, term count) pairs, in document order. */
export class PostingList {
  docs: Uint32Array;
  counts: Uint8Array;
  length = 0;

  constructor(capacity = 4) {
    this.docs = new Uint32Array(capacity);
    this.counts = new Uint8Array(capacity);
  }

  push(doc: number, count: number): void {
    if (this.length === this.docs.length) {
      const docs = new Uint32Array(this.length * 2);
      docs.set(this.docs);
      this.docs = docs;
      const counts = new Uint8Array(this.length * 2);
      counts.set(this.counts);
      this.counts = counts;
    }
    this.docs[this.length] = doc;
    this.counts[this.length] = Math.min(255, count);
    this.length += 1;
  }
}

class UintColumn {
  values = new Uint32Array(1024);

  set(index: number, value: number): void {
    if (index >= this.values.length) {
      const grown = new Uint32Array(Math.max(index + 1, this.values.length * 2));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[index] = value;
  }

  get(index: number): number {
    return this.values[index] as number;
  }
}

/** The first position in `docs[from..length)` holding a number not below `doc`. */
function lowerBound(docs: Uint32Array, from: number, length: number, doc: number): number {
  let low = from;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((docs[mid] as number) < doc) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Keeps the candidates `c` whose `wanted[c]` is 1, in place and in order; returns how many. */
function keep(docs: Uint32Array, scores: Float32Array, count: number, wanted: Uint8Array): number {
  let kept = 0;
  for (let c = 0; c < count; c += 1) {
    if (wanted[c] !== 1) continue;
    docs[kept] = docs[c] as number;
    scores[kept] = scores[c] as number;
    kept += 1;
  }
  return kept;
}

/** For each candidate `docs[c]` (sorted), its position in `list`, or -1, into `at[c]`. */
function positionsIn(list: PostingList, docs: Uint32Array, count: number, at: Int32Array): void {
  const { docs: listed, length } = list;
  // Few candidates beside a long list (a rare word with a common one): search, don't walk.
  const search = count * 16 < length;
  let i = 0;
  for (let c = 0; c < count; c += 1) {
    const doc = docs[c] as number;
    if (search) i = lowerBound(listed, i, length, doc);
    else while (i < length && (listed[i] as number) < doc) i += 1;
    at[c] = i < length && listed[i] === doc ? i : -1;
  }
}

/** What the index knows of one post, besides its words. */
export interface DocFields {
  threadId: string;
  remoteId: number;
  postNumber: number;
  /** Username as written (filters fold it). */
  author: string;
  /** Seconds since 1970 (kept in 32 bits: enough until 2106). */
  time: number;
  /** Indexed words counted, for length normalisation. */
  length: number;
  /** A hash of the post's HTML: an unchanged post that is synced again is not indexed again. */
  hash: number;
}

// BM25's usual constants (Robertson & Zaragoza, "The Probabilistic Relevance Framework").
const K1 = 1.2;
const B = 0.75;

export interface MatchResult {
  docs: Uint32Array;
  scores: Float32Array;
}

export class InvertedIndex {
  readonly terms = new Map<string, PostingList>();
  private sortedTerms: string[] | null = null;

  docCount = 0;
  aliveCount = 0;
  private totalLength = 0;
  private alive = new UintColumn();
  private threadOf = new UintColumn();
  private authorOf = new UintColumn();
  private remoteIdOf = new UintColumn();
  private postNumberOf = new UintColumn();
  private timeOf = new UintColumn();
  private lengthOf = new UintColumn();
  private hashOf = new UintColumn();
  /** Each document's text: which chunk (a segment's texts, UTF-8, each ended by a NUL) and where in it. */
  private textChunkOf = new UintColumn();
  private textStartOf = new UintColumn();
  private readonly textChunks: Uint8Array[] = [];
  private readonly decoder = new TextDecoder();

  readonly threads: string[] = [];
  private readonly threadNumbers = new Map<string, number>();
  readonly authors: string[] = [];
  private readonly authorNumbers = new Map<string, number>();
  private readonly docOfPost = new Map<string, number>();

  threadNumber(threadId: string): number {
    let n = this.threadNumbers.get(threadId);
    if (n === undefined) {
      n = this.threads.length;
      this.threads.push(threadId);
      this.threadNumbers.set(threadId, n);
    }
    return n;
  }

  authorNumber(author: string): number {
    let n = this.authorNumbers.get(author);
    if (n === undefined) {
      n = this.authors.length;
      this.authors.push(author);
      this.authorNumbers.set(author, n);
    }
    return n;
  }

  /** Adds a post; an earlier version of it stops counting. Returns its document number. */
  addDoc(postId: string, fields: DocFields): number {
    this.removePost(postId);
    const doc = this.docCount++;
    this.alive.set(doc, 1);
    this.threadOf.set(doc, this.threadNumber(fields.threadId));
    this.authorOf.set(doc, this.authorNumber(fields.author));
    this.remoteIdOf.set(doc, fields.remoteId);
    this.postNumberOf.set(doc, fields.postNumber);
    this.timeOf.set(doc, fields.time);
    this.lengthOf.set(doc, fields.length);
    this.hashOf.set(doc, fields.hash);
    this.docOfPost.set(postId, doc);
    this.aliveCount += 1;
    this.totalLength += fields.length;
    return doc;
  }

  /** Adds the texts of `count` documents from `first` on, in order, each ended by a NUL byte. */
  addTexts(first: number, count: number, texts: Uint8Array): void {
    const chunk = this.textChunks.length;
    this.textChunks.push(texts);
    let start = 0;
    for (let doc = first; doc < first + count; doc += 1) {
      const end = texts.indexOf(0, start);
      if (end < 0) throw new Error('A search segment holds fewer texts than posts.');
      this.textChunkOf.set(doc, chunk);
      this.textStartOf.set(doc, start);
      start = end + 1;
    }
  }

  /** A document's text as UTF-8 bytes (a view, not a copy). */
  textBytesOf(doc: number): Uint8Array {
    const chunk = this.textChunks[this.textChunkOf.get(doc)] as Uint8Array;
    const start = this.textStartOf.get(doc);
    return chunk.subarray(start, chunk.indexOf(0, start));
  }

  /** A document's text: the post's words as shown, without its thread's title. */
  textOf(doc: number): string {
    return this.decoder.decode(this.textBytesOf(doc));
  }

  /** Bytes of text held in memory, dead documents' included. */
  get textBytes(): number {
    return this.textChunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  }

  addPosting(term: string, doc: number, count: number): void {
    let list = this.terms.get(term);
    if (!list) {
      this.terms.set(term, (list = new PostingList()));
      this.sortedTerms = null;
    }
    list.push(doc, count);
  }

  removePost(postId: string): void {
    const doc = this.docOfPost.get(postId);
    if (doc === undefined) return;
    this.docOfPost.delete(postId);
    this.alive.set(doc, 0);
    this.aliveCount -= 1;
    this.totalLength -= this.lengthOf.get(doc);
  }

  hashOfPost(postId: string): number | undefined {
    const doc = this.docOfPost.get(postId);
    return doc === undefined ? undefined : this.hashOf.get(doc);
  }

  docOf(postId: string): number | undefined {
    return this.docOfPost.get(postId);
  }

  hasPost(postId: string): boolean {
    return this.docOfPost.has(postId);
  }

  indexedPostIds(): IterableIterator<string> {
    return this.docOfPost.keys();
  }

  isAlive(doc: number): boolean {
    return this.alive.get(doc) === 1;
  }

  fieldsOf(doc: number): DocFields {
    return {
      threadId: this.threads[this.threadOf.get(doc)] as string,
      remoteId: this.remoteIdOf.get(doc),
      postNumber: this.postNumberOf.get(doc),
      author: this.authors[this.authorOf.get(doc)] as string,
      time: this.timeOf.get(doc),
      length: this.lengthOf.get(doc),
      hash: this.hashOf.get(doc),
    };
  }

  threadOfDoc(doc: number): string {
    return this.threads[this.threadOf.get(doc)] as string;
  }

  threadNumberOf(doc: number): number {
    return this.threadOf.get(doc);
  }

  authorNumberOf(doc: number): number {
    return this.authorOf.get(doc);
  }

  timeOfDoc(doc: number): number {
    return this.timeOf.get(doc);
  }

  postIdOf(doc: number): string {
    return postIdFor(forumIdOfThread(this.threadOfDoc(doc)), this.remoteIdOf.get(doc));
  }

  postNumberOfDoc(doc: number): number {
    return this.postNumberOf.get(doc);
  }

  /** Share of document numbers that belong to dead (edited or removed) posts. */
  get deadShare(): number {
    return this.docCount === 0 ? 0 : 1 - this.aliveCount / this.docCount;
  }

  /** Dictionary terms starting with `prefix`, by binary search over the sorted dictionary. */
  termsWithPrefix(prefix: string): string[] {
    const sorted = (this.sortedTerms ??= [...this.terms.keys()].sort());
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((sorted[mid] as string) < prefix) low = mid + 1;
      else high = mid;
    }
    const found: string[] = [];
    for (let i = low; i < sorted.length && (sorted[i] as string).startsWith(prefix); i += 1) found.push(sorted[i] as string);
    return found;
  }

  /**
   * Documents holding at least one term of every group (a group is one word, or the terms a
   * prefix expands to), none of the excluded terms, and accepted by `accept`; scored by BM25, in
   * document order.
   *
   * The rarest group's live documents are the candidates, kept as sorted arrays; every other list
   * is walked beside them (or, when it is much longer, searched at each candidate), so the work is
   * sequential and only the candidates are ever scored or kept.
   */
  match(groups: readonly (readonly string[])[], excluded: readonly string[], accept: ((doc: number) => boolean) | null): MatchResult {
    const lists = groups.map((group) => group.map((term) => this.terms.get(term)).filter((list) => list !== undefined));
    if (lists.length === 0 || lists.some((group) => group.length === 0)) return { docs: new Uint32Array(0), scores: new Float32Array(0) };
    const lengths = this.lengthOf.values;
    const averageLength = this.aliveCount > 0 ? this.totalLength / this.aliveCount : 1;
    const n = Math.max(1, this.aliveCount);
    // BM25's length normalisation, K1 * (1 - B + B * length / average), as norm0 + norm1 * length.
    const norm0 = K1 * (1 - B);
    const norm1 = (K1 * B) / averageLength;
    const weightOf = (list: PostingList) => Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5)) * (K1 + 1);

    const [rarest, ...rest] = lists.map((group) => ({ group, size: group.reduce((sum, list) => sum + list.length, 0) })).sort((a, b) => a.size - b.size);
    // The candidates: the rarest group's live documents, sorted, with their scores so far.
    const alive = this.alive.values;
    const first = (rarest as { group: PostingList[] }).group;
    let docs: Uint32Array;
    let scores: Float32Array;
    if (first.length === 1) {
      const list = first[0] as PostingList;
      const weight = weightOf(list);
      docs = new Uint32Array(list.length);
      scores = new Float32Array(list.length);
      let kept = 0;
      for (let i = 0; i < list.length; i += 1) {
        const doc = list.docs[i] as number;
        if (alive[doc] !== 1) continue;
        const tf = list.counts[i] as number;
        docs[kept] = doc;
        scores[kept] = (weight * tf) / (tf + norm0 + norm1 * (lengths[doc] as number));
        kept += 1;
      }
      docs = docs.subarray(0, kept);
      scores = scores.subarray(0, kept);
    } else {
      // A prefix's terms: a document may hold two of them, so scores are summed by document
      // number first (a dense array: the lists together are long), then read off in order.
      const byDoc = new Float32Array(this.docCount);
      const seen = new Uint8Array(this.docCount);
      let total = 0;
      for (const list of first) {
        const weight = weightOf(list);
        for (let i = 0; i < list.length; i += 1) {
          const doc = list.docs[i] as number;
          if (alive[doc] !== 1) continue;
          const tf = list.counts[i] as number;
          byDoc[doc] = (byDoc[doc] as number) + (weight * tf) / (tf + norm0 + norm1 * (lengths[doc] as number));
          if (seen[doc] === 0) total += 1;
          seen[doc] = 1;
        }
      }
      docs = new Uint32Array(total);
      scores = new Float32Array(total);
      for (let doc = 0, kept = 0; kept < total; doc += 1) {
        if (seen[doc] === 0) continue;
        docs[kept] = doc;
        scores[kept] = byDoc[doc] as number;
        kept += 1;
      }
    }
    let count = docs.length;
    const at = new Int32Array(count);

    for (const { group } of rest) {
      if (group.length === 1) {
        // One word (the usual case): walk its list beside the candidates, keeping and scoring the
        // ones it holds in the same pass.
        const list = group[0] as PostingList;
        const weight = weightOf(list);
        const { docs: listed, counts, length } = list;
        const search = count * 16 < length;
        let i = 0;
        let kept = 0;
        for (let c = 0; c < count && i < length; c += 1) {
          const doc = docs[c] as number;
          if (search) i = lowerBound(listed, i, length, doc);
          else while (i < length && (listed[i] as number) < doc) i += 1;
          if (listed[i] !== doc) continue;
          const tf = counts[i] as number;
          docs[kept] = doc;
          scores[kept] = (scores[c] as number) + (weight * tf) / (tf + norm0 + norm1 * (lengths[doc] as number));
          kept += 1;
        }
        count = kept;
        continue;
      }
      const found = new Uint8Array(count);
      for (const list of group) {
        const weight = weightOf(list);
        positionsIn(list, docs, count, at);
        for (let c = 0; c < count; c += 1) {
          const i = at[c] as number;
          if (i < 0) continue;
          const tf = list.counts[i] as number;
          scores[c] = (scores[c] as number) + (weight * tf) / (tf + norm0 + norm1 * (lengths[docs[c] as number] as number));
          found[c] = 1;
        }
      }
      count = keep(docs, scores, count, found);
    }
    for (const term of excluded) {
      const list = this.terms.get(term);
      if (!list) continue;
      positionsIn(list, docs, count, at);
      count = keep(docs, scores, count, Uint8Array.from(at.subarray(0, count), (i) => (i < 0 ? 1 : 0)));
    }
    if (accept) count = keep(docs, scores, count, Uint8Array.from(docs.subarray(0, count), (doc) => (accept(doc) ? 1 : 0)));
    return { docs: docs.subarray(0, count), scores: scores.subarray(0, count) };
  }

  /** Every live document accepted by `accept` (a query of filters only). */
  allDocs(accept: (doc: number) => boolean): Uint32Array {
    const docs: number[] = [];
    for (let doc = 0; doc < this.docCount; doc += 1) if (this.alive.get(doc) === 1 && accept(doc)) docs.push(doc);
    return Uint32Array.from(docs);
  }
}
