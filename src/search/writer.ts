// The index writer the site build feeds, thread by thread. A cold build writes one base
// segment; a build over an existing index writes a small delta segment (the changed threads'
// new or changed floors, and tombstones for the base docs they replace) and leaves the base
// files untouched; once the delta outgrows COMPACT_RATIO of the base, the build writes a new
// base from both. Node only.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { ByteReader, ByteSink } from './bytes.ts';
import { unpackPosts, type PackedPosts } from './packed.ts';
import { FORMAT, MANIFEST, type SearchPost, type SearchThread, minuteOf, type DocRecord, type Manifest, type SegmentInfo, type ThreadRecord } from './format.ts';
import { nodeFetchFile } from './fetch-node.ts';
import { Fetcher, SegmentReader } from './reader.ts';
import { fingerprint } from '../common/text.ts';
import { SegmentBuilder, docFingerprintText, type SegmentDoc } from './segment.ts';

/** A post as the build gives it. */

export interface WriteReport {
  mode: 'cold' | 'delta' | 'compact';
  /** Docs written in this build (the whole base when cold or compacting). */
  written: number;
  /** Live docs in the index. */
  docs: number;
  ms: number;
}

/** Delta size (docs) past which the next build writes a new base. */
const COMPACT_RATIO = 0.1;
const COMPACT_MIN = 20_000;

type ChangedThread = Omit<SearchThread, 'key'> & { docs: SearchPost[] };

export class IndexWriter {
  private readonly manifest: Manifest | null;
  /** The index on disk, also when `fresh` ignores it: its segments are removed once the new one is in place. */
  private readonly onDisk: Manifest | null;
  private readonly boards: string[];
  private readonly cold: SegmentBuilder | null = null;
  private readonly changed = new Map<string, ChangedThread>();
  private readonly removed = new Set<string>();
  private readonly t0 = performance.now();
  private readonly gen: number;

  private readonly compactAt: number | undefined;
  /** The base's thread map, once read (prefetch, or the delta write). */
  private baseMap: ThreadMap | null = null;

  /** `fresh`: ignore an existing index and write a new base; `compactAt`: delta docs that trigger a new base. */
  constructor(
    private readonly root: string,
    private readonly tmpDir: string,
    options: { fresh?: boolean; compactAt?: number } = {},
  ) {
    this.compactAt = options.compactAt;
    this.onDisk = readManifest(root);
    this.manifest = options.fresh ? null : this.onDisk;
    this.boards = this.manifest ? [...this.manifest.boards] : [];
    // A new segment always gets a new folder, so readers of the old manifest keep working until it is replaced.
    this.gen = this.onDisk ? Math.max(...this.onDisk.segments.map((s) => Number(s.dir.slice(1)))) + 1 : 1;
    rmSync(join(root, this.segName()), { recursive: true, force: true }); // left by an interrupted build
    if (!this.manifest) this.cold = new SegmentBuilder(join(root, this.segName()), tmpDir);
  }

  private segName(): string {
    return `s${this.gen}`;
  }

  private board(name: string): number {
    let i = this.boards.indexOf(name);
    if (i < 0) i = this.boards.push(name) - 1;
    return i;
  }

  /** A thread, new or changed, with all its posts (an incremental build feeds changed threads only). */
  addThread({ key, tid, title, board }: SearchThread, posts: SearchPost[] | PackedPosts): void {
    const docs = Array.isArray(posts) ? posts : unpackPosts(posts);
    if (!this.cold) {
      this.removed.delete(key);
      this.changed.set(key, { title, board, tid, docs });
      return;
    }
    const b = this.board(board);
    const t = this.cold.thread({ key, tid, title, board: b });
    for (const d of docs) this.cold.doc(t, segmentDoc(d, b));
  }

  /** A thread that left the archive. */
  removeThread(key: string): void {
    if (this.cold) return;
    this.changed.delete(key);
    this.removed.add(key);
  }

  /** Reads now what a delta write reads first (the base's thread map), while the build waits on its workers. */
  prefetch(): void {
    if (this.manifest && !this.baseMap) this.baseMap = readThreadMap(join(this.root, this.manifest.segments[0].dir));
  }

  /** `done`: a cold write's fraction done, now and then (a delta is small and says nothing). */
  async finish(done?: (fraction: number) => void): Promise<WriteReport> {
    if (this.cold) {
      const n = this.cold.docs;
      this.commit([this.cold.finish(this.segName(), done)], n);
      return { mode: 'cold', written: n, docs: n, ms: performance.now() - this.t0 };
    }
    // Nothing changed: the index stays as it is, not a file written.
    if (this.changed.size === 0 && this.removed.size === 0) return { mode: 'delta', written: 0, docs: this.manifest!.live, ms: performance.now() - this.t0 };
    return this.incremental();
  }

  private commit(segments: SegmentInfo[], live: number): void {
    const manifest: Manifest = { format: FORMAT, boards: this.boards, segments, live };
    const tmp = join(this.root, `${MANIFEST}.tmp`);
    writeFileSync(tmp, JSON.stringify(manifest));
    renameSync(tmp, join(this.root, MANIFEST));
    const keep = new Set(segments.map((s) => s.dir));
    for (const s of this.onDisk?.segments ?? []) if (!keep.has(s.dir)) rmSync(join(this.root, s.dir), { recursive: true, force: true });
    rmSync(this.tmpDir, { recursive: true, force: true });
  }

  private async incremental(): Promise<WriteReport> {
    const [baseInfo, oldDelta] = this.manifest!.segments;
    const f = new Fetcher(nodeFetchFile(this.root));
    const base = new SegmentReader(f, baseInfo);
    this.prefetch();
    const baseMap = this.baseMap!;
    const tomb = oldDelta ? await new SegmentReader(f, oldDelta).tomb() : { docs: new Set<number>(), threads: new Set<number>() };
    // Delta threads to write: carried over from the old delta unless changed or removed.
    const delta = new Map<string, ChangedThread>();
    if (oldDelta) {
      for (const [key, t] of await readAll(new SegmentReader(f, oldDelta), this.boards)) {
        if (!this.changed.has(key) && !this.removed.has(key)) delta.set(key, t);
      }
    }
    for (const key of this.removed) {
      const t = baseMap.get(key);
      if (t) for (const id of t.ids) tomb.docs.add(id), tomb.threads.add(t.index);
    }
    for (const [key, thread] of this.changed) {
      const t = baseMap.get(key);
      if (!t) {
        delta.set(key, thread);
        continue;
      }
      for (const id of t.ids) tomb.docs.delete(id);
      tomb.threads.add(t.index);
      const kept = await this.unchanged(base, t, thread);
      for (const id of t.ids) if (!kept.has(id)) tomb.docs.add(id);
      delta.set(key, { ...thread, docs: thread.docs.filter((d) => !kept.has(d)) });
    }
    let deltaDocs = 0;
    for (const t of delta.values()) deltaDocs += t.docs.length;
    if (deltaDocs > (this.compactAt ?? Math.max(COMPACT_MIN, baseInfo.docs * COMPACT_RATIO))) return this.compact(base, baseInfo, tomb, delta);
    const builder = new SegmentBuilder(join(this.root, this.segName()), this.tmpDir);
    this.feed(builder, delta);
    const info = { ...builder.finish(this.segName()), tomb: true };
    writeFileSync(join(this.root, info.dir, 'tomb.bin'), tombBytes(tomb));
    const live = baseInfo.docs - tomb.docs.size + deltaDocs;
    this.commit([baseInfo, info], live);
    return { mode: 'delta', written: deltaDocs, docs: live, ms: performance.now() - this.t0 };
  }

  /**
   * Base docs of a changed thread that stay valid (same title and board, same record by
   * fingerprint), as base ids and as the new SearchPost objects they match.
   */
  private async unchanged(base: SegmentReader, t: MapThread, thread: ChangedThread): Promise<Set<number | SearchPost>> {
    const kept = new Set<number | SearchPost>();
    const [rec] = await base.records<ThreadRecord>('threads', [t.index]);
    if (rec[2] !== thread.title || this.boards[rec[3]] !== thread.board) return kept;
    const byPrint = new Map<string, number>();
    t.ids.forEach((id, i) => byPrint.set(`${t.prints[2 * i]}:${t.prints[2 * i + 1]}`, id));
    const b = this.board(thread.board);
    for (const d of thread.docs) {
      const [h1, h2] = fingerprint(docFingerprintText(segmentDoc(d, b)));
      const id = byPrint.get(`${h1}:${h2}`);
      if (id !== undefined && !kept.has(id)) kept.add(id), kept.add(d);
    }
    return kept;
  }

  private feed(builder: SegmentBuilder, threads: Map<string, ChangedThread>): void {
    for (const [key, t] of threads) {
      const b = this.board(t.board);
      const h = builder.thread({ key, tid: t.tid, title: t.title, board: b });
      for (const d of t.docs) builder.doc(h, segmentDoc(d, b));
    }
  }

  /** A new base from the live base docs and the delta. */
  private async compact(base: SegmentReader, info: SegmentInfo, tomb: Tomb, delta: Map<string, ChangedThread>): Promise<WriteReport> {
    const builder = new SegmentBuilder(join(this.root, this.segName()), this.tmpDir);
    const threads = await base.records<ThreadRecord>('threads', range(info.threads));
    const handles = new Map<number, number>();
    threads.forEach((t, i) => {
      if (!tomb.threads.has(i)) handles.set(i, builder.thread({ key: t[0], tid: t[1], title: t[2], board: t[3] }));
    });
    const deltaHandles = new Map<string, number>();
    for (const [key, t] of delta) deltaHandles.set(key, builder.thread({ key, tid: t.tid, title: t.title, board: this.board(t.board) }));
    for (let start = 0; start < info.docs; start += 4096) {
      const ids = range(Math.min(4096, info.docs - start), start).filter((id) => !tomb.docs.has(id));
      for (const r of await base.records<DocRecord>('docs', ids)) {
        const h = handles.get(r[0]) ?? deltaHandles.get(threads[r[0]][0])!;
        builder.doc(h, { board: r[1], floor: r[2], author: r[3], anonymous: r[4] === 1, minute: r[5], url: r[6], text: r[7] });
      }
    }
    for (const [key, t] of delta) {
      const b = this.board(t.board);
      for (const d of t.docs) builder.doc(deltaHandles.get(key)!, segmentDoc(d, b));
    }
    const n = builder.docs;
    this.commit([builder.finish(this.segName())], n);
    return { mode: 'compact', written: n, docs: n, ms: performance.now() - this.t0 };
  }
}

type Tomb = { docs: Set<number>; threads: Set<number> };

function segmentDoc(d: SearchPost, board: number): SegmentDoc {
  return { board, floor: d.floor, author: d.author, anonymous: d.anonymous, minute: minuteOf(d.postedAt), url: d.url, text: d.text };
}

const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

export function readManifest(root: string): Manifest | null {
  const file = join(root, MANIFEST);
  if (!existsSync(file)) return null;
  const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  return m.format === FORMAT ? m : null;
}

interface MapThread {
  index: number;
  ids: number[];
  /** Two hashes a doc (see fingerprint). */
  prints: number[];
}

/** The base's thread map: keys read now, each thread's ids and fingerprints when asked for. */
type ThreadMap = { get(key: string): MapThread | undefined };

function readThreadMap(dir: string): ThreadMap {
  const r = new ByteReader(inflateSync(readFileSync(join(dir, 'threads.map'))));
  const dec = new TextDecoder();
  const at = new Map<string, [number, number]>();
  for (let index = 0; !r.done; index++) {
    const len = r.varint();
    const key = dec.decode(r.buf.subarray(r.pos, r.pos + len));
    r.pos += len;
    at.set(key, [index, r.pos]);
    for (let n = r.varint(); n > 0; n--) r.varint(), (r.pos += 8);
  }
  return {
    get(key) {
      const found = at.get(key);
      if (!found) return undefined;
      r.pos = found[1];
      const ids: number[] = [];
      const prints: number[] = [];
      for (let n = r.varint(), id = -1; n > 0; n--) ids.push((id += r.varint())), prints.push(r.u32(), r.u32());
      return { index: found[0], ids, prints };
    },
  };
}

/** Every thread of a (delta) segment with its docs, as the writer was fed them. */
async function readAll(seg: SegmentReader, boards: string[]): Promise<Map<string, ChangedThread>> {
  const threads = await seg.records<ThreadRecord>('threads', range(seg.info.threads));
  const out = new Map<string, ChangedThread>();
  for (const t of threads) out.set(t[0], { title: t[2], board: boards[t[3]], tid: t[1], docs: [] });
  for (const r of await seg.records<DocRecord>('docs', range(seg.info.docs))) {
    const t = threads[r[0]];
    out.get(t[0])!.docs.push({
      floor: r[2], author: r[3], anonymous: r[4] === 1,
      postedAt: r[5] === null ? null : new Date(r[5] * 60000).toISOString(), url: r[6], text: r[7],
    });
  }
  return out;
}

function tombBytes(tomb: Tomb): Uint8Array {
  const out = new ByteSink();
  for (const set of [tomb.docs, tomb.threads]) {
    const ids = [...set].sort((a, b) => a - b);
    out.varint(ids.length);
    let prev = -1;
    for (const id of ids) out.varint(id - prev), (prev = id);
  }
  return out.view();
}
