// Posting lists of one index, built in bounded memory: (key, seq) pairs collect in typed
// arrays and spill to a temp file as runs partitioned by the key's top mixed byte; at the
// end each partition is read back, a key range at a time, radix-sorted by (key, doc id), and
// written as dictionary bucket regions and delta-varint posting blocks. Node only.
import { closeSync, openSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ByteSink } from './bytes.ts';
import { BLOCK, PACK_LIMIT, dictFile, dictGroups, packName, type IndexName } from './format.ts';
import { mix32 } from './grams.ts';

const PARTS = 256;
/** A range of a partition's local keys [lo, hi) and its pairs; `one`: a single key. */
interface KeyRange {
  lo: number;
  hi: number;
  pairs: number;
  one: boolean;
}
/** Key bins (the mixed key's top 16 bits) counted as pairs spill: 256 a partition. */
const BINS = 1 << 16;
const PART_BINS = BINS / PARTS;
/** Local keys a bin spans (a local key is 25 bits: the mixed key's low 24 and the key's high bit). */
const BIN_KEYS = 2 ** 25 / PART_BINS;
/** Pairs held before a spill (8 bytes each). */
const SPILL_AT = 4 << 20;
/**
 * Pairs sorted at once (16 bytes each in the sorter): a partition with more is read and sorted
 * a range of its keys at a time. Partitions are uneven (a board's key or a common character is
 * on most posts, often several times): at 4.6M posts the largest held 10.3M of 260M pairs, one
 * key 9.6M, and reading and sorting it whole took 240 MiB.
 */
const SORT_AT = 2 << 20;
/** Pairs read from the spill file at a time. */
const READ_AT = 1 << 18;

export class PostingsBuilder {
  private mixed = new Uint32Array(1 << 16);
  /** seq·2 + high bit of the key. */
  private seqHi = new Uint32Array(1 << 16);
  private n = 0;
  private spillFd = -1;
  private spillPos = 0;
  /** Per run: per partition [file offset, pairs]. */
  private runs: Float64Array[] = [];
  /** Pairs a key bin has, over every run. */
  private readonly bins = new Float64Array(BINS);
  /** A slice of a run's partition as it is read back. */
  private read = new Uint32Array(0);
  total = 0;

  /** `spillAt`, `sortAt`: smaller in tests, to spill and split often. */
  constructor(
    private readonly tmpFile: string,
    private readonly spillAt = SPILL_AT,
    private readonly sortAt = SORT_AT,
  ) {}

  add(key: number, seq: number): void {
    if (this.n === this.mixed.length) this.grow();
    const hi = key >= 4294967296 ? 1 : 0;
    this.mixed[this.n] = mix32(hi ? key - 4294967296 : key);
    this.seqHi[this.n++] = seq * 2 + hi;
    this.total++;
  }

  private grow(): void {
    if (this.n >= this.spillAt) return this.spill();
    const size = Math.min(this.spillAt, this.mixed.length * 2);
    const m = new Uint32Array(size);
    const s = new Uint32Array(size);
    m.set(this.mixed);
    s.set(this.seqHi);
    this.mixed = m;
    this.seqHi = s;
  }

  /** Counting sort of the buffer by partition, appended to the spill file as one run. */
  private spill(): void {
    if (this.spillFd < 0) this.spillFd = openSync(this.tmpFile, 'w+');
    const counts = new Float64Array(PARTS);
    for (let i = 0; i < this.n; i++) counts[this.mixed[i] >>> 24]++, this.bins[this.mixed[i] >>> 16]++;
    const at = new Uint32Array(PARTS);
    for (let p = 1; p < PARTS; p++) at[p] = at[p - 1] + counts[p - 1];
    const out = new Uint32Array(this.n * 2);
    for (let i = 0; i < this.n; i++) {
      const k = at[this.mixed[i] >>> 24]++;
      out[2 * k] = this.mixed[i];
      out[2 * k + 1] = this.seqHi[i];
    }
    const run = new Float64Array(PARTS * 2);
    let k = 0;
    for (let p = 0; p < PARTS; p++) {
      run[2 * p] = this.spillPos + k * 8;
      run[2 * p + 1] = counts[p];
      k += counts[p];
    }
    writeSync(this.spillFd, out, 0, out.byteLength, this.spillPos);
    this.spillPos += out.byteLength;
    this.runs.push(run);
    this.n = 0;
  }

  /**
   * Partition p as ranges of local keys, in key order, each of at most `sortAt` pairs: bins
   * merged, or a bin with more split by its keys, one key apart when it alone has more.
   */
  private rangesOf(p: number): KeyRange[] {
    const ranges: KeyRange[] = [];
    for (let bin = 0; bin < PART_BINS; bin++) {
      const pairs = this.bins[p * PART_BINS + bin];
      const lo = bin * BIN_KEYS;
      const last = ranges[ranges.length - 1];
      if (pairs > this.sortAt) ranges.push(...this.splitBin(p, lo, lo + BIN_KEYS));
      else if (last && !last.one && last.pairs + pairs <= this.sortAt) (last.hi = lo + BIN_KEYS), (last.pairs += pairs);
      else ranges.push({ lo, hi: lo + BIN_KEYS, pairs, one: false });
    }
    return ranges.filter((r) => r.pairs > 0);
  }

  /** A bin's keys [lo, hi) counted (a pass over its partition), and grouped into ranges of at most `sortAt` pairs, or one key. */
  private splitBin(p: number, lo: number, hi: number): KeyRange[] {
    const counts = new Map<number, number>();
    this.slices(p, (slice, n) => {
      for (let i = 0; i < n; i++) {
        const local = localOf(slice, i);
        if (local >= lo && local < hi) counts.set(local, (counts.get(local) ?? 0) + 1);
      }
    });
    const ranges: KeyRange[] = [];
    let range: KeyRange = { lo, hi, pairs: 0, one: false };
    for (const key of [...counts.keys()].sort((a, b) => a - b)) {
      const pairs = counts.get(key)!;
      if (pairs <= this.sortAt && range.pairs + pairs <= this.sortAt) {
        range.pairs += pairs;
        continue;
      }
      ranges.push({ ...range, hi: key });
      if (pairs <= this.sortAt) range = { lo: key, hi, pairs, one: false };
      else ranges.push({ lo: key, hi: key + 1, pairs, one: true }), (range = { lo: key + 1, hi, pairs: 0, one: false });
    }
    return [...ranges, range];
  }

  /** Partition p's pairs, a slice (n pairs of [mixed, seq·2 + high bit]) at a time. */
  private slices(p: number, each: (slice: Uint32Array, n: number) => void): void {
    for (const r of this.runs) {
      for (let at = 0, count = r[2 * p + 1]; at < count; at += READ_AT) {
        const n = Math.min(READ_AT, count - at);
        readSync(this.spillFd, this.read, 0, n * 8, r[2 * p] + at * 8);
        each(this.read, n);
      }
    }
  }

  /** The pairs of partition p whose local key is in the range, into the sorter as (local key, doc id). */
  private load(p: number, { lo, hi, pairs }: KeyRange, sorter: PairSorter, docOf: Uint32Array): void {
    const [keys, docs] = sorter.input(pairs);
    let k = 0;
    this.slices(p, (slice, n) => {
      for (let i = 0; i < n; i++) {
        const local = localOf(slice, i);
        if (local < lo || local >= hi) continue;
        keys[k] = local;
        docs[k++] = docOf[slice[2 * i + 1] >>> 1];
      }
    });
  }

  /** The doc ids of one key of partition p, ascending and distinct, through a bitmap of every doc (no sort: a key can be on most posts, often several times). */
  private idsOf(p: number, key: number, docOf: Uint32Array): Uint32Array {
    const bits = new Uint32Array(Math.ceil(docOf.length / 32));
    this.slices(p, (slice, n) => {
      for (let i = 0; i < n; i++) {
        if (localOf(slice, i) !== key) continue;
        const id = docOf[slice[2 * i + 1] >>> 1];
        bits[id >>> 5] |= 1 << (id & 31);
      }
    });
    let count = 0;
    for (const w of bits) count += popcount(w);
    const ids = new Uint32Array(count);
    for (let w = 0, k = 0; w < bits.length; w++) for (let b = bits[w]; b; b &= b - 1) ids[k++] = w * 32 + (31 - Math.clz32(b & -b));
    return ids;
  }

  /** Bucket bits for about 256 distinct keys a bucket (assuming ~25 postings a key). */
  bucketBits(): number {
    return 8 + Math.max(0, Math.min(10, Math.ceil(Math.log2(this.total / 25 / 256 / 256))));
  }

  /**
   * Writes `<name>.dict` and `<name>-<i>.bin` into `dir`; `docOf` maps seq → doc id.
   * Returns the number of pack files. `done`: the fraction of partitions written, after each.
   */
  write(dir: string, name: IndexName, bits: number, docOf: Uint32Array, done?: (fraction: number) => void): number {
    this.spill();
    this.mixed = this.seqHi = new Uint32Array(0);
    const packs = new PackWriter(dir, name);
    // Per bucket [start, end) in its dictionary file; one file per group of partitions.
    const head = new Uint32Array(2 ** bits * 2);
    const groups = dictGroups(bits);
    let dictFd = -1;
    let dictPos = 0;
    const dict = new ByteSink();
    const list = new ByteSink();
    const ids: number[] = [];
    const shift = 24 - (bits - 8);
    this.read = new Uint32Array(2 * READ_AT);
    const ranges = Array.from({ length: PARTS }, (_, p) => this.rangesOf(p));
    const sorter = new PairSorter(Math.max(0, ...ranges.flat().map((r) => (r.one ? 0 : r.pairs))));
    for (let p = 0; p < PARTS; p++) {
      if (p % (PARTS / groups) === 0) {
        if (dictFd >= 0) closeSync(dictFd);
        dictFd = openSync(join(dir, dictFile(name, p / (PARTS / groups))), 'w');
        dictPos = 0;
      }
      // Bucket regions of this partition collect in `dict`, written once at its end.
      let bucket = p << (bits - 8);
      head[2 * bucket] = dictPos;
      let lastKey = 0;
      const put = (local: number, ids: ArrayLike<number>) => {
        const b = (p << (bits - 8)) | ((local >>> 1) >>> shift);
        while (bucket < b) {
          head[2 * bucket + 1] = head[2 * bucket + 2] = dictPos + dict.length;
          bucket++;
          lastKey = 0;
        }
        encodeList(ids, list);
        const { pack, offset } = packs.write(list.view());
        dict.varint(local - lastKey);
        dict.varint(ids.length);
        dict.varint(pack);
        dict.varint(offset);
        dict.varint(list.length);
        lastKey = local;
        list.reset();
      };
      for (const range of ranges[p]) {
        if (range.one) {
          put(range.lo, this.idsOf(p, range.lo, docOf));
          continue;
        }
        this.load(p, range, sorter, docOf);
        const [keys, docs] = sorter.sort(range.pairs);
        for (let i = 0, n = range.pairs; i < n; ) {
          const local = keys[i];
          ids.length = 0;
          for (; i < n && keys[i] === local; i++) {
            const id = docs[i];
            if (ids.length === 0 || ids[ids.length - 1] !== id) ids.push(id);
          }
          put(local, ids);
        }
      }
      dictPos += flush(dictFd, dict, dictPos);
      for (const end = (p + 1) << (bits - 8); bucket < end; bucket++) {
        head[2 * bucket + 1] = dictPos;
        if (bucket + 1 < end) head[2 * bucket + 2] = dictPos;
      }
      done?.((p + 1) / PARTS);
    }
    closeSync(dictFd);
    writeFileSync(join(dir, `${name}.dict`), new Uint8Array(head.buffer));
    return packs.close();
  }

  dispose(): void {
    this.read = new Uint32Array(0);
    if (this.spillFd >= 0) closeSync(this.spillFd);
    this.spillFd = -1;
  }
}

/** Pair i's local key (placeKey's `local`), from its mixed key and the high bit kept beside its seq. */
const localOf = (slice: Uint32Array, i: number) => (slice[2 * i] & 0xffffff) * 2 + (slice[2 * i + 1] & 1);

/** Set bits of a 32-bit word. */
function popcount(w: number): number {
  w -= (w >>> 1) & 0x55555555;
  w = (w & 0x33333333) + ((w >>> 2) & 0x33333333);
  return (Math.imul((w + (w >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

function flush(fd: number, sink: ByteSink, pos: number): number {
  const n = sink.length;
  if (n) writeSync(fd, sink.buf, 0, n, pos);
  sink.reset();
  return n;
}

/**
 * One posting list: a single block of delta varints, or, past BLOCK ids, a directory of
 * (last id, end offset) u32 pairs and the blocks, each delta-coded from the previous last id.
 */
function encodeList(ids: ArrayLike<number>, out: ByteSink): void {
  if (ids.length <= BLOCK) {
    let prev = -1;
    for (let i = 0; i < ids.length; i++) out.varint(ids[i] - prev), (prev = ids[i]);
    return;
  }
  const blocks = Math.ceil(ids.length / BLOCK);
  const body = new ByteSink();
  const dir = new ByteSink();
  let prev = -1;
  for (let b = 0; b < blocks; b++) {
    const end = Math.min(ids.length, (b + 1) * BLOCK);
    for (let i = b * BLOCK; i < end; i++) body.varint(ids[i] - prev), (prev = ids[i]);
    dir.u32(prev);
    dir.u32(body.length);
  }
  out.bytes(dir.view());
  out.bytes(body.view());
}

/** Appends regions to `<name>-<i>.bin`, starting a new file before PACK_LIMIT is passed. */
export class PackWriter {
  private fd = -1;
  private pos = 0;
  private index = -1;
  private readonly pending = new ByteSink();
  private pendingAt = 0;

  constructor(
    private readonly dir: string,
    private readonly name: IndexName | 'docs' | 'threads',
  ) {}

  write(bytes: Uint8Array): { pack: number; offset: number } {
    if (this.fd < 0 || this.pos + bytes.length > PACK_LIMIT) {
      this.closeFile();
      this.fd = openSync(join(this.dir, packName(this.name, ++this.index)), 'w');
      this.pos = this.pendingAt = 0;
    }
    const offset = this.pos;
    this.pending.bytes(bytes);
    this.pos += bytes.length;
    if (this.pending.length >= 1 << 20) this.flush();
    return { pack: this.index, offset };
  }

  private flush(): void {
    this.pendingAt += flush(this.fd, this.pending, this.pendingAt);
  }

  private closeFile(): void {
    if (this.fd < 0) return;
    this.flush();
    closeSync(this.fd);
    this.fd = -1;
  }

  /** Closes the last file; returns the number of pack files. */
  close(): number {
    this.closeFile();
    return this.index + 1;
  }
}

/**
 * (key, doc id) pairs sorted by key, then doc id: an LSD radix sort in four counting passes
 * (doc id: 28 bits, key: 25 bits), 2.5× faster than sorting them packed as float64s at the
 * sizes a partition has (10⁵–10⁶ pairs). Its arrays are reused from range to range.
 */
export class PairSorter {
  #a = [new Uint32Array(0), new Uint32Array(0)];
  #b = [new Uint32Array(0), new Uint32Array(0)];
  readonly #count = new Uint32Array(1 << 14);

  /** `size`: the most pairs a call will sort, when known (else the arrays grow as needed). */
  constructor(size = 0) {
    this.#grow(size);
  }

  /** The arrays to put n pairs in, as keys and doc ids, before sort(n). */
  input(n: number): [Uint32Array, Uint32Array] {
    if (this.#a[0].length < n) this.#grow(Math.max(n, this.#a[0].length * 2));
    return [this.#a[0], this.#a[1]];
  }

  /** The n pairs put in the input arrays, as [keys, docs], sorted; valid until the next input. */
  sort(n: number): [Uint32Array, Uint32Array] {
    let [keys, docs] = this.#a;
    let [k2, d2] = this.#b;
    // Least significant digit first: doc id low and high 14 bits, then key low 13 and high 12.
    for (const [byKey, shift, width] of [[false, 0, 14], [false, 14, 14], [true, 0, 13], [true, 13, 12]] as const) {
      const count = this.#count;
      const mask = (1 << width) - 1;
      const digits = byKey ? keys : docs;
      count.fill(0, 0, 1 << width);
      for (let i = 0; i < n; i++) count[(digits[i] >>> shift) & mask]++;
      for (let d = 0, at = 0; d <= mask; d++) {
        const c = count[d];
        count[d] = at;
        at += c;
      }
      for (let i = 0; i < n; i++) {
        const to = count[(digits[i] >>> shift) & mask]++;
        k2[to] = keys[i];
        d2[to] = docs[i];
      }
      [keys, k2] = [k2, keys];
      [docs, d2] = [d2, docs];
    }
    // Four passes: the sorted pairs are back in the first arrays.
    return [keys, docs];
  }

  #grow(size: number): void {
    this.#a = [new Uint32Array(size), new Uint32Array(size)];
    this.#b = [new Uint32Array(size), new Uint32Array(size)];
  }
}
