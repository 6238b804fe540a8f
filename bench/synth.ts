// Synthetic Stage1st archive in the 2023 layout (docs/format.md F3.1), deterministic per
// (shape, posts, seed). Shapes: `2023` (the 2023 archive's thread sizes, parts of 1,500
// floors) and `year` (one real archive year: bench/lib/year.ts). CLI:
//   node --import tsx bench/synth.ts --posts 100000 --out /tmp/loulan-synth-100k [--shape year] [--seed 1] [--force]
//   node --import tsx bench/synth.ts --out DIR --append [50]   append floors to one thread
//   node --import tsx bench/synth.ts --out DIR --revert         undo that append
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from './lib/rng.ts';
import { planArchive } from './lib/plan.ts';
import { planYear } from './lib/year.ts';
import {
  PART_FLOORS, UserPool, appendPosts, partFiles, partOf, fileName, threadFiles,
  type AppendState, type ArchiveState, type Counts, type SynthFile, type ThreadSpec,
} from './lib/thread.ts';

/** Bump whenever the output for a given (shape, posts, seed) changes: it invalidates caches. */
export const SYNTH_VERSION = 2;
export const MANIFEST = 'synth-manifest.json';

export interface AppendTarget {
  spec: ThreadSpec;
  file: string;
  lastFloor: number;
  state: AppendState;
}

export interface AppendResult {
  file: string;
  tid: number;
  fromFloor: number;
  toFloor: number;
  originalSize: number;
  newSize: number;
}

export type Shape = '2023' | 'year';
export const SHAPES: readonly Shape[] = ['2023', 'year'];

export interface SynthManifest {
  generator: 'loulan-synth';
  version: number;
  /** Absent in manifests written before shapes existed: '2023'. */
  shape?: Shape;
  seed: number;
  /** Posts after merging the files of each thread. */
  posts: number;
  /** Post records in the files (copies and repeated runs counted each time). */
  records?: number;
  files: number;
  bytes: number;
  threads: number;
  multiPartThreads: number;
  inaccessibleThreads: number;
  counts: Counts;
  appendTarget: AppendTarget | null;
  /** The last post's time (forum minute) in the whole archive: appended floors come after it. */
  lastMinute?: number;
  /** Set while floors are appended (see appendFloors); the archive then differs from the seed's. */
  appended?: AppendResult;
}

export interface SynthOptions {
  posts: number;
  seed?: number;
  shape?: Shape;
}

export const poolSize = (posts: number) => Math.min(50_000, Math.max(300, Math.round(posts / 40)));

/** Generates every file (in tid order) into `sink`; returns the manifest. */
export function generate(opts: SynthOptions, sink: (file: SynthFile) => void): SynthManifest {
  const seed = opts.seed ?? 1;
  const shape = opts.shape ?? '2023';
  const specs = shape === 'year' ? planYear(opts.posts, seed) : planArchive(opts.posts, seed);
  const archive: ArchiveState = { pool: new UserPool(seed, poolSize(opts.posts)), counts: {}, pid: 30_000_000 };
  let bytes = 0;
  let records = 0;
  let target: AppendTarget | null = null;
  let lastMinute = 0;
  for (const spec of specs) {
    const it = threadFiles(spec, archive, seed);
    let r = it.next();
    for (; !r.done; r = it.next()) {
      bytes += Buffer.byteLength(r.value.text);
      records += r.value.posts;
      sink(r.value);
    }
    lastMinute = Math.max(lastMinute, r.value.minute);
    const lastFloor = spec.firstFloor + spec.floors - 1;
    // The thread's own file with its last floor, before any copy of it.
    const file = (spec.files ?? partFiles(spec)).find((f) => f.to === lastFloor)!.path;
    if (isBetterTarget(spec, lastFloor, target)) target = { spec, file, lastFloor, state: r.value };
  }
  return {
    generator: 'loulan-synth',
    version: SYNTH_VERSION,
    shape,
    seed,
    posts: opts.posts,
    records,
    files: archive.counts.files ?? 0,
    bytes,
    threads: specs.length,
    multiPartThreads: specs.filter((s) => s.multi).length,
    inaccessibleThreads: specs.filter((s) => s.inaccessible).length,
    counts: archive.counts,
    appendTarget: target,
    lastMinute,
  };
}

/** The largest thread whose last part has room for 50 more floors (multi-part preferred). */
function isBetterTarget(spec: ThreadSpec, lastFloor: number, cur: AppendTarget | null): boolean {
  const room = partOf(lastFloor) * PART_FLOORS - lastFloor;
  if (room < 50) return false;
  if (!cur) return true;
  if (spec.multi !== cur.spec.multi) return spec.multi;
  return spec.floors > cur.spec.floors;
}

const readManifest = (dir: string): SynthManifest | null => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as SynthManifest;
  } catch {
    return null;
  }
};

const writeManifest = (dir: string, m: SynthManifest) => fs.writeFileSync(path.join(dir, MANIFEST), JSON.stringify(m, null, 1) + '\n');

export interface SynthArchiveResult {
  dir: string;
  manifest: SynthManifest;
  cached: boolean;
  ms: number;
}

/**
 * Writes the archive to `out`, or reuses it when its manifest matches (shape, posts, seed,
 * version). Files stream to disk as they are generated. A folder without our manifest is
 * never deleted.
 */
export function synthArchive(opts: SynthOptions & { out: string; force?: boolean }): SynthArchiveResult {
  const seed = opts.seed ?? 1;
  const shape = opts.shape ?? '2023';
  const out = path.resolve(opts.out);
  const t0 = performance.now();
  const old = readManifest(out);
  const same = old?.generator === 'loulan-synth' && old.version === SYNTH_VERSION && (old.shape ?? '2023') === shape && old.seed === seed && old.posts === opts.posts;
  if (old && same && !opts.force) {
    if (old.appended) revertAppend(out);
    return { dir: out, manifest: readManifest(out)!, cached: true, ms: performance.now() - t0 };
  }
  if (fs.existsSync(out) && fs.readdirSync(out).length && !old) throw new Error(`${out} exists and is not a synthetic archive; refusing to overwrite`);
  const tmp = `${out}.partial-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const dirs = new Set<string>();
  const manifest = generate({ posts: opts.posts, seed, shape }, (f) => {
    const file = path.join(tmp, f.path);
    const dir = path.dirname(file);
    if (!dirs.has(dir)) fs.mkdirSync(dir, { recursive: true }), dirs.add(dir);
    fs.writeFileSync(file, f.text);
  });
  writeManifest(tmp, manifest);
  fs.rmSync(out, { recursive: true, force: true });
  fs.renameSync(tmp, out);
  return { dir: out, manifest, cached: false, ms: performance.now() - t0 };
}

/**
 * Appends `count` floors (default 50) to the last file of the manifest's append target,
 * the way a re-dump of an active thread grows it. Undo with revertAppend.
 */
export function appendFloors(root: string, opts: { count?: number } = {}): AppendResult {
  const count = opts.count ?? 50;
  let m = readManifest(root);
  if (!m?.appendTarget) throw new Error(`${root}: no synthetic manifest with an append target`);
  if (m.appended) m = revertAppend(root);
  const t = m.appendTarget!;
  if (partOf(t.lastFloor) !== partOf(t.lastFloor + count)) throw new Error(`${count} floors do not fit into the last part of ${t.spec.tid}`);
  const file = path.join(root, t.file);
  const originalSize = fs.statSync(file).size;
  const archive: ArchiveState = { pool: new UserPool(m.seed, poolSize(m.posts)), counts: {}, pid: 90_000_000 };
  const rng = Rng.derive(m.seed, `append:${t.spec.tid}:${count}`);
  // A re-dump made after the archive's snapshot: its new floors are the newest posts of all.
  const state = { ...t.state, minute: Math.max(t.state.minute, m.lastMinute ?? 0) };
  fs.appendFileSync(file, appendPosts(rng, archive, { ...t.spec, forceRare: false }, state, t.lastFloor + 1, count));
  const result: AppendResult = { file: t.file, tid: t.spec.tid, fromFloor: t.lastFloor + 1, toFloor: t.lastFloor + count, originalSize, newSize: fs.statSync(file).size };
  writeManifest(root, { ...m, appended: result });
  return result;
}

/** Restores the file changed by appendFloors (appends only add bytes at the end). */
export function revertAppend(root: string): SynthManifest {
  const m = readManifest(root);
  if (!m) throw new Error(`${root}: no synthetic manifest`);
  if (!m.appended) return m;
  fs.truncateSync(path.join(root, m.appended.file), m.appended.originalSize);
  const { appended: _, ...rest } = m;
  writeManifest(root, rest);
  return rest;
}

/** "100k" → 100000, "1M" → 1000000, "2500" → 2500. */
export function parseCount(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s.trim());
  if (!m) throw new Error(`not a count: ${s}`);
  const mult = m[2] === '' ? 1 : m[2].toLowerCase() === 'k' ? 1e3 : 1e6;
  return Math.round(Number(m[1]) * mult);
}

export function parseShape(s: string): Shape {
  if (!(SHAPES as readonly string[]).includes(s)) throw new Error(`not a shape: ${s} (${SHAPES.join(', ')})`);
  return s as Shape;
}

export { fileName };

function main(argv: string[]): number {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i < 0 ? undefined : argv[i + 1];
  };
  const out = arg('--out');
  if (!out) {
    console.error('usage: synth.ts --posts N --out DIR [--shape 2023|year] [--seed S] [--force] | --out DIR --append [N] | --out DIR --revert');
    return 2;
  }
  if (argv.includes('--revert')) {
    revertAppend(out);
    console.log(`reverted ${out}`);
    return 0;
  }
  if (argv.includes('--append')) {
    const n = arg('--append');
    const r = appendFloors(out, { count: n && /^\d+$/.test(n) ? Number(n) : 50 });
    console.log(`appended floors ${r.fromFloor}–${r.toFloor} of ${r.tid} to ${r.file} (${r.originalSize} → ${r.newSize} bytes)`);
    return 0;
  }
  const shape = parseShape(arg('--shape') ?? '2023');
  const r = synthArchive({ posts: parseCount(arg('--posts') ?? '100k'), seed: Number(arg('--seed') ?? 1), shape, out, force: argv.includes('--force') });
  const m = r.manifest;
  console.log(
    `${r.cached ? 'reused' : 'wrote'} ${r.dir} (${m.shape ?? '2023'} shape): ${m.posts} posts (${m.records ?? m.posts} records), ${m.files} files, ${m.threads} threads ` +
      `(${m.multiPartThreads} multi-part, ${m.inaccessibleThreads} in 0无法访问), ${(m.bytes / 1e6).toFixed(1)} MB, ` +
      `${(m.bytes / m.posts).toFixed(0)} B/post, ${(r.ms / 1000).toFixed(1)} s`,
  );
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
