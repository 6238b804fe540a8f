// Writes one segment of the index (a cold build of the docs it is fed): post and title
// posting lists, the doc and thread stores, the sparse time table and the thread map.
// Docs arrive thread by thread; what is held per doc is a few typed-array slots and a
// record fragment in a temp file. Node only.
import { closeSync, mkdirSync, openSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { fingerprint } from '../common/text.ts';
import { ByteSink, varintLength } from './bytes.ts';
import { DOC_CHUNK, THREAD_CHUNK, TIME_STEP, type SegmentInfo, type ThreadRecord } from './format.ts';
import { authorKey, boardKey, forEachGram } from './grams.ts';
import { normalize } from './normalize.ts';
import { NO_TIME } from './reader.ts';
import { PackWriter, PostingsBuilder } from './spill.ts';

/** A post as the segment takes it: board as an index, time in minutes. */
export interface SegmentDoc {
  board: number;
  floor: number;
  author: string;
  anonymous: boolean;
  minute: number | null;
  url: string;
  text: string;
}

export interface SegmentThread {
  key: string;
  tid: string | null;
  title: string;
  board: number;
}

/** Minutes since 2000-01-01 UTC+8 fit the sort key beside a 27-bit seq until 2063. */
const EPOCH_MINUTE = 946_684_800 / 60 - 480;
const TWO27 = 2 ** 27;
const TEMP_BUFFER = 4 << 20;
/** TempReader's windows: 32 MiB in all. */
export const TEMP_WINDOW = 16 << 10;
const TEMP_WINDOWS = 2048;

type Typed = Int32Array | Uint32Array | Float64Array;
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;

/**
 * Per-doc values in typed chunks of 64K: no doubling, so no copy and no slack (a doubled
 * array was up to twice the docs' values, and both sat beside the pages while finish ran).
 */
class Column<A extends Typed> {
  private chunks: A[] = [];
  /** The file the values are parked in. */
  private parked: number | null = null;
  n = 0;
  constructor(private readonly make: (size: number) => A) {}
  push(v: number): void {
    if (this.n >>> CHUNK_BITS === this.chunks.length) this.chunks.push(this.make(CHUNK));
    this.chunks[this.n >>> CHUNK_BITS][this.n++ & CHUNK_MASK] = v;
  }
  get(i: number): number {
    return this.chunks[i >>> CHUNK_BITS][i & CHUNK_MASK];
  }
  /** The values are no longer needed (`n` stays). */
  drop(): void {
    this.chunks = [];
  }

  /** The values to a file until unpark() (not held meanwhile). */
  park(path: string): void {
    const fd = openSync(path, 'w+');
    this.chunks.forEach((c, k) => writeSync(fd, c, 0, c.byteLength, k * c.byteLength));
    this.parked = fd;
    this.chunks = [];
  }

  unpark(): void {
    const fd = this.parked!;
    for (let k = 0, chunks = Math.ceil(this.n / CHUNK); k < chunks; k++) {
      const c = this.make(CHUNK);
      readSync(fd, c, 0, c.byteLength, k * c.byteLength);
      this.chunks.push(c);
    }
    closeSync(fd);
    this.parked = null;
  }
}

/** Values written through a small buffer to a file of their own, and read back whole. */
class FileColumn {
  private readonly buf = new Uint32Array(1 << 14);
  private used = 0;
  private n = 0;
  constructor(private readonly fd: number) {}

  push(v: number): void {
    if (this.used === this.buf.length) this.flush();
    this.buf[this.used++] = v;
    this.n++;
  }

  /** Every value pushed, in order; the file is closed. */
  readAll(): Uint32Array {
    this.flush();
    const all = new Uint32Array(this.n);
    for (let at = 0; at < all.byteLength; ) at += readSync(this.fd, all, at, all.byteLength - at, at);
    closeSync(this.fd);
    return all;
  }

  private flush(): void {
    const at = (this.n - this.used) * 4;
    writeSync(this.fd, this.buf, 0, this.used * 4, at);
    this.used = 0;
  }
}

export class SegmentBuilder {
  private readonly post: PostingsBuilder;
  private readonly threads: (SegmentThread & { url: string; floor: number; last: number | null })[] = [];
  private readonly minutes = new Column((n) => new Int32Array(n));
  private readonly threadOf = new Column((n) => new Uint32Array(n));
  /** Two 32-bit hashes a doc, for the next incremental build to spot unchanged floors: read only at the end, so kept on disk. */
  private readonly hashes: FileColumn;
  /** Where each doc's record starts in the temp file, and where the last one ends. */
  private readonly offsets = new Column((n) => new Float64Array(n));
  private readonly tempFd: number;
  private temp = new Uint8Array(TEMP_BUFFER);
  private tempUsed = 0;
  private tempPos = 0;
  private readonly encoder = new TextEncoder();
  private readonly tmpDir: string;

  constructor(
    private readonly dir: string,
    tmpDir: string,
  ) {
    mkdirSync(dir, { recursive: true });
    mkdirSync(tmpDir, { recursive: true });
    this.tmpDir = tmpDir;
    this.post = new PostingsBuilder(join(tmpDir, 'post.spill'));
    this.tempFd = openSync(join(tmpDir, 'docs.tmp'), 'w+');
    this.hashes = new FileColumn(openSync(join(tmpDir, 'hashes.tmp'), 'w+'));
    this.offsets.push(0);
  }

  get docs(): number {
    return this.minutes.n;
  }

  /** Registers a thread; returns its handle for doc(). */
  thread(t: SegmentThread): number {
    this.threads.push({ ...t, url: '', floor: Infinity, last: null });
    return this.threads.length - 1;
  }

  doc(thread: number, d: SegmentDoc): void {
    const seq = this.minutes.n;
    this.minutes.push(d.minute ?? NO_TIME);
    this.threadOf.push(thread);
    const t = this.threads[thread];
    if (d.floor < t.floor) (t.floor = d.floor), (t.url = d.url.replace(/#.*$/, ''));
    if (d.minute !== null && (t.last === null || d.minute > t.last)) t.last = d.minute;
    forEachGram(normalize(d.text), (k) => this.post.add(k, seq));
    if (!d.anonymous) this.post.add(authorKey(d.author), seq);
    this.post.add(boardKey(d.board), seq);
    // The record without its thread index (known at the end): "board,floor,…]".
    const record = docFingerprintText(d);
    const [h1, h2] = fingerprint(record);
    this.hashes.push(h1);
    this.hashes.push(h2);
    this.append(record.slice(1));
  }

  private append(fragment: string): void {
    if (this.tempUsed + fragment.length * 3 > this.temp.length) this.flushTemp();
    if (fragment.length * 3 > this.temp.length) {
      const b = this.encoder.encode(fragment);
      writeSync(this.tempFd, b, 0, b.length, this.tempPos);
      this.tempPos += b.length;
    } else {
      this.tempUsed += this.encoder.encodeInto(fragment, this.temp.subarray(this.tempUsed)).written;
    }
    this.offsets.push(this.tempPos + this.tempUsed);
  }

  private flushTemp(): void {
    writeSync(this.tempFd, this.temp, 0, this.tempUsed, this.tempPos);
    this.tempPos += this.tempUsed;
    this.tempUsed = 0;
  }

  /**
   * Writes every file of the segment; the caller names it in the manifest. Its memory is a
   * few typed arrays of the doc count: each is let go as soon as the files after it no longer
   * need it (a cold build's finish runs beside the pages). `done`: the fraction of the work
   * done, now and then (the post lists and the doc store took 10.3 and 11.2 s at 2M posts,
   * the rest 0.7 s: half each).
   */
  finish(name: string, done?: (fraction: number) => void): SegmentInfo {
    this.flushTemp();
    this.temp = new Uint8Array(0);
    const n = this.docs;
    const minutes = this.minutes;
    let seqOf = timeOrder(minutes);
    const times = new Int32Array(Math.ceil(n / TIME_STEP));
    for (let k = 0; k < times.length; k++) times[k] = minutes.get(seqOf[k * TIME_STEP]);
    writeFileSync(join(this.dir, 'times.bin'), new Uint8Array(times.buffer));
    minutes.drop(); // not beside the post lists' sort
    // Nor what the doc store needs: each doc's record and thread parked on disk, id → seq made again from its inverse.
    let docOf = inverse(seqOf);
    seqOf = new Uint32Array(0);
    this.offsets.park(join(this.tmpDir, 'offsets.tmp'));
    this.threadOf.park(join(this.tmpDir, 'threads.tmp'));
    // Threads in order of their last post, so titles too list newest first.
    const byLast = this.threads.map((t, i) => i).sort((a, b) => (this.threads[a].last ?? -1) - (this.threads[b].last ?? -1) || a - b);
    const threadIdx = new Uint32Array(this.threads.length);
    byLast.forEach((a, i) => (threadIdx[a] = i));

    const bits = { post: this.post.bucketBits(), title: 8 };
    const postPacks = this.post.write(this.dir, 'post', bits.post, docOf, done && ((f) => done(f / 2)));
    this.post.dispose();
    const titles = new PostingsBuilder(join(this.tmpDir, 'title.spill'));
    this.threads.forEach((t, a) => forEachGram(normalize(t.title), (k) => titles.add(k, a), true));
    bits.title = titles.bucketBits();
    const titlePacks = titles.write(this.dir, 'title', bits.title, threadIdx);
    titles.dispose();

    seqOf = inverse(docOf);
    docOf = new Uint32Array(0);
    this.offsets.unpark();
    this.threadOf.unpark();
    const docPacks = this.writeDocs(seqOf, threadIdx, done && ((f) => done(0.5 + f / 2)));
    this.offsets.drop();
    const threadPacks = writeStore(this.dir, 'threads', THREAD_CHUNK, byLast.length, (i, out) => {
      const t = this.threads[byLast[i]];
      out.text(JSON.stringify([t.key, t.tid, t.title, t.board, t.url, t.last] satisfies ThreadRecord));
    });
    this.writeThreadMap(seqOf, threadIdx, byLast);
    closeSync(this.tempFd);
    return {
      dir: name,
      docs: n,
      threads: this.threads.length,
      bits,
      packs: { post: postPacks, title: titlePacks, docs: docPacks, threads: threadPacks },
      tomb: false,
    };
  }

  private writeDocs(seqOf: Uint32Array, threadIdx: Uint32Array, done?: (fraction: number) => void): number {
    const { threadOf, offsets } = this;
    const temp = new TempReader(this.tempFd);
    return writeStore(this.dir, 'docs', DOC_CHUNK, seqOf.length, (id, out) => {
      const s = seqOf[id];
      out.text(`[${threadIdx[threadOf.get(s)]},`);
      temp.copy(offsets.get(s), offsets.get(s + 1), out);
    }, done);
  }

  /** threads.map (read by the next incremental build only): per thread, its key, doc ids and their fingerprints. */
  private writeThreadMap(seqOf: Uint32Array, threadIdx: Uint32Array, byLast: number[]): void {
    // Doc ids by thread as one array (each thread's ids ascending), not an array a thread.
    const { threadOf } = this;
    const hashes = this.hashes.readAll();
    const start = new Uint32Array(byLast.length + 1);
    for (let id = 0; id < seqOf.length; id++) start[threadIdx[threadOf.get(seqOf[id])] + 1]++;
    for (let t = 0; t < byLast.length; t++) start[t + 1] += start[t];
    const ids = new Uint32Array(seqOf.length);
    const fill = start.slice(0, byLast.length);
    for (let id = 0; id < seqOf.length; id++) ids[fill[threadIdx[threadOf.get(seqOf[id])]]++] = id;
    const enc = new TextEncoder();
    const keys = byLast.map((a) => enc.encode(this.threads[a].key));
    // Sized exactly: a doubling sink could hold twice the map beside its deflated copy.
    let size = 0;
    keys.forEach((key, t) => {
      size += varintLength(key.length) + key.length + varintLength(start[t + 1] - start[t]);
      for (let k = start[t], prev = -1; k < start[t + 1]; prev = ids[k++]) size += varintLength(ids[k] - prev) + 8;
    });
    const out = new ByteSink(size);
    keys.forEach((key, t) => {
      out.varint(key.length);
      out.bytes(key);
      out.varint(start[t + 1] - start[t]);
      for (let k = start[t], prev = -1; k < start[t + 1]; prev = ids[k++]) {
        const id = ids[k];
        out.varint(id - prev);
        out.u32(hashes[2 * seqOf[id]]);
        out.u32(hashes[2 * seqOf[id] + 1]);
      }
    });
    writeFileSync(join(this.dir, 'threads.map'), deflateSync(out.view()));
  }
}

/** Doc id → seq: ids in time order (no time first), arrival order within a minute. */
function timeOrder(minutes: Column<Int32Array>): Uint32Array {
  const n = minutes.n;
  const order = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const m = minutes.get(s);
    order[s] = (m === NO_TIME ? 0 : Math.max(0, m - EPOCH_MINUTE + 1)) * TWO27 + s;
  }
  order.sort();
  const seqOf = new Uint32Array(n);
  for (let id = 0; id < n; id++) seqOf[id] = order[id] % TWO27;
  return seqOf;
}

/** Seq → doc id. */
function inverse(seqOf: Uint32Array): Uint32Array {
  const docOf = new Uint32Array(seqOf.length);
  for (let id = 0; id < seqOf.length; id++) docOf[seqOf[id]] = id;
  return docOf;
}

/**
 * A store: records as JSON arrays of `size`, deflated, in packs; `<name>.dir` locates chunks.
 * `record` appends record i's JSON as UTF-8: the doc records go from the temp file to the
 * deflate as bytes, never decoded into strings and encoded again.
 */
function writeStore(dir: string, name: 'docs' | 'threads', size: number, count: number, record: (i: number, out: ByteSink) => void, done?: (fraction: number) => void): number {
  const packs = new PackWriter(dir, name);
  const chunks = Math.ceil(count / size);
  const index = new Uint32Array(chunks * 3);
  const chunk = new ByteSink(1 << 16);
  for (let c = 0; c < chunks; c++) {
    chunk.reset();
    chunk.text('[');
    for (let i = c * size; i < Math.min(count, (c + 1) * size); i++) {
      if (i > c * size) chunk.text(',');
      record(i, chunk);
    }
    chunk.text(']');
    const bytes = deflateSync(chunk.view(), { level: 3 });
    const { pack, offset } = packs.write(bytes);
    index.set([pack, offset, bytes.length], c * 3);
    if (done && (c + 1) % 256 === 0) done((c + 1) / chunks);
  }
  done?.(1);
  writeFileSync(join(dir, `${name}.dir`), new Uint8Array(index.buffer));
  return packs.close();
}

/**
 * Reads records of the temp file (written thread by thread) in time order. The posts of a
 * minute lie in many threads, so what hits is a window per active thread: small windows, many
 * of them (at 4.6M posts, 128 windows of 256 KiB thrashed, each miss zeroing and reading
 * 256 KiB: ≈ 40 s of the index's write).
 */
export class TempReader {
  private readonly windows = new Map<number, Buffer>();
  /** `cached`: windows kept (fewer in tests, to make them reuse their buffers). */
  constructor(
    private readonly fd: number,
    private readonly cached = TEMP_WINDOWS,
  ) {}

  /** Appends the bytes [start, end) of the temp file to `out`. */
  copy(start: number, end: number, out: ByteSink): void {
    const w = Math.floor(start / TEMP_WINDOW);
    if (Math.floor((end - 1) / TEMP_WINDOW) !== w) {
      const b = Buffer.alloc(end - start);
      readSync(this.fd, b, 0, b.length, start);
      return out.bytes(b);
    }
    let b = this.windows.get(w);
    if (b) this.windows.delete(w);
    else {
      b = this.windows.size >= this.cached ? this.evict() : Buffer.allocUnsafe(TEMP_WINDOW);
      readSync(this.fd, b, 0, TEMP_WINDOW, w * TEMP_WINDOW);
    }
    this.windows.set(w, b);
    out.bytes(b.subarray(start - w * TEMP_WINDOW, end - w * TEMP_WINDOW));
  }

  /** The least recently read window's buffer, for the next window (its bytes past the file's end are never read). */
  private evict(): Buffer {
    const [w, b] = this.windows.entries().next().value!;
    this.windows.delete(w);
    return b;
  }
}

/** A doc record without its thread (JSON array text): what decides whether a floor changed. */
export const docFingerprintText = (d: SegmentDoc) => JSON.stringify([d.board, d.floor, d.author, d.anonymous ? 1 : 0, d.minute, d.url, d.text]);

