// Reading one segment of the index: dictionary buckets, posting blocks and store records,
// each fetched by byte range and cached for the query. Pure: ships to the browser.
import { BLOCK, DOC_CHUNK, THREAD_CHUNK, dictFile, dictGroups, packName, type IndexName, type SegmentInfo, type StoreName } from './format.ts';
import { ByteReader, u32At } from './bytes.ts';
import { bucketOf, placeKey } from './grams.ts';

export interface ByteRange {
  start: number;
  /** Exclusive. */
  end: number;
}

/**
 * Reads a file of the index folder, or a byte range of it (HTTP Range in the browser, a
 * positioned read in Node). Returning the whole file for a range request works too: the
 * range is then cut out here (and every byte is counted).
 */
export type FetchFile = (path: string, range?: ByteRange) => Promise<Uint8Array>;

/** Counts what the query fetched. */
export class Fetcher {
  bytes = 0;
  requests = 0;
  constructor(private readonly fetchFile: FetchFile) {}

  async get(path: string, range?: ByteRange): Promise<Uint8Array> {
    this.requests++;
    const b = await this.fetchFile(path, range);
    this.bytes += b.length;
    if (range && b.length > range.end - range.start) return b.subarray(range.start, range.end);
    return b;
  }
}

export async function inflate(b: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([b as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export interface Entry {
  df: number;
  pack: number;
  offset: number;
  length: number;
  blocks: number;
}

/** A posting block: ids in (prev, last], bytes [start, end) of the pack. */
export interface BlockRef {
  prev: number;
  last: number;
  start: number;
  end: number;
}

export const CHUNK: Record<StoreName, number> = { docs: DOC_CHUNK, threads: THREAD_CHUNK };
/** Chunks at most this far apart share one directory request (12 bytes an entry). */
const DIR_SPAN = 64;
/** Chunks at most this many bytes apart in a pack share one request. */
const RUN_GAP = 4096;

export class SegmentReader {
  private readonly buckets = new Map<string, Promise<Map<number, Entry>>>();
  private readonly refs = new Map<Entry, Promise<BlockRef[]>>();
  private readonly blockIds = new Map<string, Promise<number[]>>();
  private readonly chunks = new Map<string, Promise<unknown[]>>();

  constructor(
    readonly f: Fetcher,
    readonly info: SegmentInfo,
  ) {}

  path(name: string): string {
    return `${this.info.dir}/${name}`;
  }

  /** The dictionary entry of a key, or null when no doc has it. */
  async lookup(index: IndexName, key: number): Promise<Entry | null> {
    const { mixed, local } = placeKey(key);
    const b = bucketOf(mixed, this.info.bits[index]);
    const id = `${index}:${b}`;
    let bucket = this.buckets.get(id);
    if (!bucket) this.buckets.set(id, (bucket = this.readBucket(index, b)));
    return (await bucket).get(local) ?? null;
  }

  private async readBucket(index: IndexName, b: number): Promise<Map<number, Entry>> {
    const bits = this.info.bits[index];
    const head = await this.f.get(this.path(`${index}.dict`), { start: 8 * b, end: 8 * b + 8 });
    const start = u32At(head, 0);
    const end = u32At(head, 4);
    const entries = new Map<number, Entry>();
    if (end === start) return entries;
    const group = b >>> (bits - Math.log2(dictGroups(bits)));
    const r = new ByteReader(await this.f.get(this.path(dictFile(index, group)), { start, end }));
    let key = 0;
    while (!r.done) {
      key += r.varint();
      const df = r.varint();
      entries.set(key, { df, pack: r.varint(), offset: r.varint(), length: r.varint(), blocks: Math.ceil(df / BLOCK) });
    }
    return entries;
  }

  /** The blocks of a posting list, in id order. */
  blocks(index: IndexName, e: Entry): Promise<BlockRef[]> {
    let p = this.refs.get(e);
    if (!p) this.refs.set(e, (p = this.readRefs(index, e)));
    return p;
  }

  private async readRefs(index: IndexName, e: Entry): Promise<BlockRef[]> {
    if (e.blocks === 1) return [{ prev: -1, last: Infinity, start: e.offset, end: e.offset + e.length }];
    const dirBytes = 8 * e.blocks;
    const dir = await this.f.get(this.path(packName(index, e.pack)), { start: e.offset, end: e.offset + dirBytes });
    const refs: BlockRef[] = [];
    let prev = -1;
    let start = e.offset + dirBytes;
    for (let i = 0; i < e.blocks; i++) {
      const last = u32At(dir, 8 * i);
      const end = e.offset + dirBytes + u32At(dir, 8 * i + 4);
      refs.push({ prev, last, start, end });
      prev = last;
      start = end;
    }
    return refs;
  }

  /** The ids of one block, ascending. */
  ids(index: IndexName, e: Entry, b: BlockRef): Promise<number[]> {
    const id = `${index}:${e.pack}:${b.start}`;
    let p = this.blockIds.get(id);
    if (!p) this.blockIds.set(id, (p = this.readIds(index, e, b)));
    return p;
  }

  private async readIds(index: IndexName, e: Entry, b: BlockRef): Promise<number[]> {
    const r = new ByteReader(await this.f.get(this.path(packName(index, e.pack)), { start: b.start, end: b.end }));
    const ids: number[] = [];
    for (let id = b.prev; !r.done; ) ids.push((id += r.varint()));
    return ids;
  }

  /** Store records by id (their chunks fetched together: see prefetch). */
  async records<T>(store: StoreName, ids: number[]): Promise<T[]> {
    const size = CHUNK[store];
    const wanted = [...new Set(ids.map((id) => Math.floor(id / size)))].filter((c) => !this.chunks.has(`${store}:${c}`));
    if (wanted.length > 1) this.prefetch(store, wanted);
    const chunks = await Promise.all(ids.map((id) => this.chunk(store, Math.floor(id / size))));
    return ids.map((id, i) => chunks[i][id % size] as T);
  }

  /**
   * Several chunks in few requests: the directory entries of chunks close together in one
   * range, then the bytes of chunks adjacent in their pack in one range each. Every request
   * is a round trip a browser waits for; the few bytes between costs far less.
   */
  private prefetch(store: StoreName, cs: number[]): void {
    cs.sort((a, b) => a - b);
    for (let i = 0; i < cs.length; ) {
      let j = i + 1;
      while (j < cs.length && cs[j] - cs[j - 1] <= DIR_SPAN) j++;
      const span = cs.slice(i, j);
      const lo = span[0];
      const dir = this.f.get(this.path(`${store}.dir`), { start: 12 * lo, end: 12 * (span[span.length - 1] + 1) });
      const bodies = dir.then((d) => this.readRuns(store, span.map((c) => ({ c, pack: u32At(d, 12 * (c - lo)), start: u32At(d, 12 * (c - lo) + 4), length: u32At(d, 12 * (c - lo) + 8) }))));
      for (const c of span) this.chunks.set(`${store}:${c}`, bodies.then((m) => m.get(c)!));
      i = j;
    }
  }

  /** Chunks by their directory entries: runs adjacent in a pack fetched as one range. */
  private async readRuns(store: StoreName, entries: { c: number; pack: number; start: number; length: number }[]): Promise<Map<number, unknown[]>> {
    const out = new Map<number, unknown[]>();
    const runs: (typeof entries)[] = [];
    for (const e of entries) {
      const run = runs[runs.length - 1];
      const last = run?.[run.length - 1];
      if (last && last.pack === e.pack && e.start >= last.start && e.start - (last.start + last.length) <= RUN_GAP) run.push(e);
      else runs.push([e]);
    }
    await Promise.all(
      runs.map(async (run) => {
        const from = run[0].start;
        const bytes = await this.f.get(this.path(packName(store, run[0].pack)), { start: from, end: run[run.length - 1].start + run[run.length - 1].length });
        for (const e of run) out.set(e.c, JSON.parse(new TextDecoder().decode(await inflate(bytes.subarray(e.start - from, e.start - from + e.length)))) as unknown[]);
      }),
    );
    return out;
  }

  private chunk(store: StoreName, c: number): Promise<unknown[]> {
    const id = `${store}:${c}`;
    let p = this.chunks.get(id);
    if (!p) this.chunks.set(id, (p = this.readChunk(store, c)));
    return p;
  }

  private async readChunk(store: StoreName, c: number): Promise<unknown[]> {
    const dir = await this.f.get(this.path(`${store}.dir`), { start: 12 * c, end: 12 * c + 12 });
    const pack = u32At(dir, 0);
    const start = u32At(dir, 4);
    const bytes = await this.f.get(this.path(packName(store, pack)), { start, end: start + u32At(dir, 8) });
    return JSON.parse(new TextDecoder().decode(await inflate(bytes))) as unknown[];
  }

  /** Sparse time table: minute of every TIME_STEP-th doc (null for none). */
  async times(): Promise<(number | null)[]> {
    const b = await this.f.get(this.path('times.bin'));
    const out: (number | null)[] = [];
    for (let p = 0; p < b.length; p += 4) {
      const v = u32At(b, p) | 0;
      out.push(v === NO_TIME ? null : v);
    }
    return out;
  }

  /** Base docs and base threads a delta replaces. */
  async tomb(): Promise<{ docs: Set<number>; threads: Set<number> }> {
    const r = new ByteReader(await this.f.get(this.path('tomb.bin')));
    const list = () => {
      const s = new Set<number>();
      for (let n = r.varint(), id = -1; n > 0; n--) s.add((id += r.varint()));
      return s;
    };
    return { docs: list(), threads: list() };
  }
}

/** times.bin value of a doc without a time (int32 minimum). */
export const NO_TIME = -2147483648;
